/**
 * The `goods:` of a submission (README § EU CBAM) → Good[], checked: CN codes in CBAM's Annex I, one good per
 * production process, every process with activity rows, precursors that exist, no cycle of precursors, and bought
 * precursors with the values their producer communicated. Goods come back ordered so that every precursor made here
 * comes before the goods that use it (its SEE is computed first).
 */
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import { CbamGoods, cnDigits } from '../model/cbam.js';
import { Rational } from '../model/rational.js';
import type { ActivityRow, Diagnostic, Good, GoodPrecursor, SourceRef } from '../model/types.js';
import type { ParsedDocument, Path } from '../parse/yaml.js';
import type { UnitRegistry } from '../units/registry.js';
import { describePath } from '../validate/schema.js';
import { readQuantityIn, type Site } from './quantity.js';

export interface GoodsContext {
  units: UnitRegistry;
  cbam: CbamGoods;
}

const obj = (x: unknown): Record<string, unknown> | undefined =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;

export function normalizeGoods(doc: ParsedDocument, raw: unknown, activity: readonly ActivityRow[], ctx: GoodsContext, out: Diagnostic[]): Good[] {
  if (!Array.isArray(raw)) return [];
  const ref = (path: Path, key = false): SourceRef => ({ file: doc.file, ...doc.locate(path, key) });
  const site = (path: Path): Site => ({ where: describePath(path), ref: ref(path) });
  const entities = new Set(activity.map((r) => r.entity));
  const goods: Good[] = [];
  const byId = new Map<string, Good>();
  const byProcess = new Map<string, Good>();
  const pending: { good: Good; raw: Record<string, unknown>[]; index: number }[] = [];

  raw.forEach((g, i) => {
    const o = obj(g);
    // the schema reports a missing or mistyped field; a good it cannot describe is left out
    if (!o || typeof o.id !== 'string' || typeof o.cn_code !== 'string' || typeof o.process !== 'string' || o.produced === undefined) return;
    const id = o.id;
    if (byId.has(id))
      out.push(
        diag(
          'ZC-E-SCHEMA-INVALID',
          { where: describePath(['goods', i, 'id']), reason: `good id "${id}" is already used by an earlier good; each good needs its own id` },
          ref(['goods', i, 'id']),
        ),
      );
    const cn = cnDigits(o.cn_code);
    const cnRef = ref(['goods', i, 'cn_code']);
    let category = '';
    let directOnly = false;
    if (/^\d{8}$/.test(cn)) {
      const hit = ctx.cbam.lookup(cn);
      if (hit.in && !hit.category.computed) {
        out.push(
          diag(
            'ZC-E-GOODS-UNSUPPORTED',
            {
              where: describePath(['goods', i, 'cn_code']),
              reason: `${o.cn_code} is ${hit.prefix.name} (${CbamGoods.label(hit.category.id)}), a CBAM good whose embedded emissions zcpark v1 does not compute: that needs the emission factor of the electricity the installation produced`,
            },
            cnRef,
          ),
        );
      } else if (hit.in) {
        category = hit.category.id;
        directOnly = hit.category.directOnly;
      } else {
        const near = hit.nearest;
        const nearest = hit.excluded
          ? `; ${hit.excluded.cn} (${hit.excluded.name}) is excluded from ${CbamGoods.label(near!.category.id)}`
          : near
            ? `; the nearest CBAM goods are ${CbamGoods.label(near.category.id)}, e.g. ${near.prefix.cn} (${near.prefix.name})`
            : '; CBAM goods are cement, fertilisers, iron and steel, aluminium, hydrogen and electricity';
        const nearest_zh = hit.excluded
          ? `；${hit.excluded.cn} 不属于${near!.category.zh}`
          : near
            ? `；最接近的 CBAM 货物是${near.category.zh}，如 ${near.prefix.cn}`
            : '；CBAM 货物包括水泥、化肥、钢铁、铝、氢和电力';
        out.push(diag('ZC-E-GOODS-CN-CODE', { where: describePath(['goods', i, 'cn_code']), found: o.cn_code, nearest, nearest_zh }, cnRef));
      }
    } else {
      out.push(
        diag(
          'ZC-E-SCHEMA-PATTERN',
          { where: describePath(['goods', i, 'cn_code']), found: o.cn_code, allowed: 'a CN code of 8 digits, spaces allowed ("7207 11 14")' },
          cnRef,
        ),
      );
    }
    const process = o.process.normalize('NFC');
    const processRef = ref(['goods', i, 'process']);
    const first = byProcess.get(process);
    if (first) {
      out.push(diag('ZC-E-GOODS-PROCESS-SHARED', { where: describePath(['goods', i, 'process']), found: process, first: first.id }, processRef));
    } else if (!entities.has(process)) {
      const s = suggest(process, entities);
      out.push(
        diag(
          'ZC-E-GOODS-PROCESS-EMPTY',
          {
            where: describePath(['goods', i, 'process']),
            found: process,
            hint: didYouMean(s),
            suggestion: s,
            allowed: [...entities].sort().join(', ') || '(no entity has rows)',
          },
          processRef,
        ),
      );
    }
    const produced = readQuantityIn(o.produced, 'mass', 't', ctx.units, site(['goods', i, 'produced']), out);
    const good: Good = {
      id,
      name: typeof o.name === 'string' ? o.name : id,
      cnText: o.cn_code,
      cn,
      category,
      directOnly,
      process,
      // an activity level that could not be read (its error is reported) is 0 t: the good gets no SEE
      produced: produced ?? Rational.ZERO,
      precursors: [],
      ref: ref(['goods', i]),
      processRef,
    };
    if (!byId.has(id)) byId.set(id, good);
    if (!first) byProcess.set(process, good);
    // kept even with an error (the precursor checks still need it); the error stops the evaluation
    goods.push(good);
    pending.push({ good, raw: Array.isArray(o.precursors) ? (o.precursors as Record<string, unknown>[]) : [], index: i });
  });

  // precursors: made here (good) or bought (name + communicated values + source)
  for (const { good, raw: list, index: i } of pending) {
    list.forEach((p, j) => {
      const o = obj(p);
      if (!o) return;
      const path: Path = ['goods', i, 'precursors', j];
      const pref = ref(path);
      const quantity = readQuantityIn(o.quantity, 'mass', 't', ctx.units, site([...path, 'quantity']), out);
      if (typeof o.good === 'string') {
        if (o.name !== undefined || o.see_direct !== undefined || o.see_indirect !== undefined) {
          out.push(
            diag(
              'ZC-E-SCHEMA-INVALID',
              {
                where: describePath(path),
                reason:
                  'a precursor made here names its `good` only (its SEE is computed here); a bought one has `name`, `see_direct`, `see_indirect` and `source`',
              },
              pref,
            ),
          );
          return;
        }
        if (!byId.has(o.good)) {
          const s = suggest(o.good, byId.keys());
          out.push(
            diag(
              'ZC-E-GOODS-PRECURSOR-UNKNOWN',
              { where: describePath([...path, 'good']), found: o.good, hint: didYouMean(s), suggestion: s, allowed: [...byId.keys()].join(', ') },
              ref([...path, 'good']),
            ),
          );
          return;
        }
        if (quantity) good.precursors.push({ good: o.good, quantity, ref: pref });
        return;
      }
      const missing = (['see_direct', 'see_indirect', 'source'] as const).filter((k) => o[k] === undefined || o[k] === '');
      if (typeof o.name !== 'string' || missing.length) {
        const what = typeof o.name !== 'string' ? ['`good` (made here) or `name` (bought)', ...missing] : missing;
        out.push(diag('ZC-E-GOODS-PRECURSOR-VALUES', { where: describePath(path), missing: what.join(', ') }, pref));
        return;
      }
      const seeDirect = readQuantityIn(o.see_direct, 'count', '1', ctx.units, site([...path, 'see_direct']), out);
      const seeIndirect = readQuantityIn(o.see_indirect, 'count', '1', ctx.units, site([...path, 'see_indirect']), out);
      if (!quantity || !seeDirect || !seeIndirect) return;
      const pr: GoodPrecursor = { name: o.name, quantity, seeDirect, seeIndirect, source: String(o.source), ref: pref };
      good.precursors.push(pr);
    });
  }

  // a good whose id repeats an earlier one is left out of the order (its error is reported)
  return orderGoods(
    goods.filter((g) => byId.get(g.id) === g),
    out,
  );
}

/** Orders goods so precursors come first; a cycle is reported once, at the first good on it (in input order). */
function orderGoods(goods: Good[], out: Diagnostic[]): Good[] {
  const byId = new Map(goods.map((g) => [g.id, g]));
  const state = new Map<string, 'visiting' | 'done'>();
  const order: Good[] = [];
  const reported = new Set<string>();
  const visit = (g: Good, stack: Good[]): void => {
    const s = state.get(g.id);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(g)), g];
      const key = cycle
        .slice(0, -1)
        .map((x) => x.id)
        .sort()
        .join('|');
      if (!reported.has(key)) {
        reported.add(key);
        const from = cycle[cycle.length - 2]!;
        const p = from.precursors.find((x) => x.good === g.id)!;
        out.push(
          diag(
            'ZC-E-GOODS-PRECURSOR-CYCLE',
            { where: `goods ${from.id} precursors`, where_zh: `货物 ${from.id} 的前体`, cycle: cycle.map((x) => x.id).join(' → ') },
            p.ref,
          ),
        );
      }
      return;
    }
    state.set(g.id, 'visiting');
    for (const p of g.precursors) if (p.good && byId.has(p.good)) visit(byId.get(p.good)!, [...stack, g]);
    state.set(g.id, 'done');
    order.push(g);
  };
  for (const g of goods) visit(g, []);
  return order;
}
