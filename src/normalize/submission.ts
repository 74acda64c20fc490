/** A parsed submission document (+ its activity CSVs) → the normalised Submission model. */
import { diag } from '../diagnostics/codes.js';
import { Rational } from '../model/rational.js';
import type { ActivityRow, Budget, Diagnostic, EntityType, FactorEntry, MetricValue, Submission } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { ParsedDocument, Path } from '../parse/yaml.js';
import type { UnitRegistry } from '../units/registry.js';
import { describePath } from '../validate/schema.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import { normalizeActivityRow, type RowContext } from './activity.js';
import { MAX_PROBLEMS, readActivityCsv, type SheetTable } from './activity-csv.js';
import { normalizeFactorEntry } from './factors.js';
import { normalizeGoods } from './goods.js';
import type { CbamGoods } from '../model/cbam.js';
import { readMetric, readQuantityIn, type Site } from './quantity.js';

/** Reads a file named relative to the submission; the CLI supplies it, so the core never touches the disk. */
export type FileReader = (relativePath: string) =>
  | { file: string; bytes: Uint8Array }
  | { file: string; chunks: () => Iterable<Uint8Array> }
  /** One sheet of an Excel workbook (`file.xlsx` or `file.xlsx#Sheet`), read by the CLI. */
  | { file: string; sheet: SheetTable }
  | { file: string; error: 'not-found' | string }
  /** Refused unread: the path leads out of the submission's folder (`file` is the path as written, shortened). */
  | { file: string; outside: { root: string; root_zh: string; why: string; why_zh: string } };

export interface NormalizeContext {
  units: UnitRegistry;
  vocabulary: Vocabulary;
  /** Province codes of the factor library (regions.yaml). */
  provinces: readonly string[];
  readFile: FileReader;
  /** The CBAM goods table (CN codes → categories), for `goods:`. */
  cbam: CbamGoods;
}

/** Categories a carbon budget may be split by: the emitting ones (README § How the numbers are made). */
const BUDGET_CATEGORIES: string[] = ['fuel', 'transport', 'electricity', 'heat', 'process', 'waste'];

/** Normalises a schema-valid (or partly valid) document; structural problems are the schema's to report. */
export function normalizeSubmission(
  doc: ParsedDocument,
  ctx: NormalizeContext,
): { submission?: Submission; diagnostics: Diagnostic[]; taintedEntities: Set<string> } {
  const out: Diagnostic[] = [];
  const v = (doc.value ?? {}) as Record<string, unknown>;
  const site = (path: Path): Site => ({ where: describePath(path), ref: { file: doc.file, ...doc.locate(path) } });
  const obj = (x: unknown): Record<string, unknown> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});

  const entityRaw = obj(v.entity);
  // a region must be a province the factor library knows (a typo would silently fall back to national factors)
  let region: string | undefined;
  if (typeof entityRaw.region === 'string' && /^CN(-[A-Z]{2})?$/.test(entityRaw.region)) {
    if (entityRaw.region === 'CN' || ctx.provinces.includes(entityRaw.region)) region = entityRaw.region;
    else {
      const s = suggest(entityRaw.region, ctx.provinces);
      out.push(
        diag(
          'ZC-E-SCHEMA-ENUM',
          {
            where: 'entity.region',
            found: entityRaw.region,
            allowed: 'a mainland province code (ISO 3166-2:CN) such as CN-NM, CN-JS, CN-GD, or CN for national',
            hint: didYouMean(s),
            suggestion: s,
          },
          { file: doc.file, ...doc.locate(['entity', 'region']) },
        ),
      );
    }
  }
  const entity = {
    id: typeof entityRaw.id === 'string' ? entityRaw.id : 'unknown',
    name: typeof entityRaw.name === 'string' ? entityRaw.name.normalize('NFC') : '',
    type: ((typeof entityRaw.type === 'string' && ctx.vocabulary.entityTypes.get(entityRaw.type)) || 'park') as EntityType,
    ...(region ? { region } : {}),
  };

  const metricMap = (section: string): Map<string, MetricValue> => {
    const m = new Map<string, MetricValue>();
    for (const [k, raw] of Object.entries(obj(v[section]))) {
      if (section === 'baseline' && k === 'year') continue;
      const value = readMetric(raw, ctx.units, site([section, k]), out);
      if (!value) continue;
      if (
        value.kind === 'number' &&
        (value.unit === 'fraction' || /_(rate|share|reduction)$/.test(k)) &&
        value.value.cmp(Rational.ONE) > 0 &&
        (section === 'metrics' || section === 'targets')
      ) {
        out.push(diag('ZC-W-METRIC-RANGE', { where: describePath([section, k]), found: `${value.value.toNumber() * 100} %` }, site([section, k]).ref));
      }
      m.set(k, value);
    }
    return m;
  };
  const economy = metricMap('economy');
  const baseline = metricMap('baseline');
  const baselineYear = obj(v.baseline).year;
  if (typeof baselineYear === 'number') baseline.set('year', { kind: 'number', value: Rational.fromNumber(baselineYear), unit: '' });
  const targets = metricMap('targets');
  const metrics = metricMap('metrics');

  const exemptions = new Map<string, { reason: string; ref: ReturnType<typeof site>['ref'] }>();
  for (const [k, reason] of Object.entries(obj(v.exemptions))) {
    if (typeof reason === 'string') exemptions.set(k, { reason, ref: { file: doc.file, ...doc.locate(['exemptions', k], true) } });
  }

  let budget: Budget | undefined;
  if (v.budget !== undefined) {
    const b = obj(v.budget);
    budget = { byCategory: new Map() };
    if (b.total !== undefined) {
      const total = readQuantityIn(b.total, 'emissions', 'tCO2', ctx.units, site(['budget', 'total']), out);
      if (total) budget.total = total;
    }
    for (const [k, raw] of Object.entries(obj(b.by_category))) {
      const category = ctx.vocabulary.category(k);
      if (!category || !BUDGET_CATEGORIES.includes(category)) {
        const s = suggest(k, BUDGET_CATEGORIES);
        out.push(
          diag(
            'ZC-E-VOCAB-CATEGORY',
            { where: describePath(['budget', 'by_category']), found: k, hint: didYouMean(s), suggestion: s, allowed: BUDGET_CATEGORIES.join(', ') },
            { file: doc.file, ...doc.locate(['budget', 'by_category', k], true) },
          ),
        );
        continue;
      }
      const q = readQuantityIn(raw, 'emissions', 'tCO2', ctx.units, site(['budget', 'by_category', k]), out);
      if (q) budget.byCategory.set(category, q);
    }
  }

  const factors: FactorEntry[] = [];
  (Array.isArray(v.factors) ? v.factors : []).forEach((raw, i) => {
    const e = normalizeFactorEntry(raw, ['factors', i], { units: ctx.units, vocabulary: ctx.vocabulary, doc, origin: 'submission', set: doc.file }, out);
    if (e) factors.push(e);
  });

  const rowCtx: RowContext = { units: ctx.units, vocabulary: ctx.vocabulary, defaultEntity: entity.id, tainted: new Set() };
  const activity: ActivityRow[] = [];
  (Array.isArray(v.activity) ? v.activity : []).forEach((raw, i) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return; // the schema reports its shape
    const r = raw as Record<string, unknown>;
    const row = normalizeActivityRow(
      (f) => r[f],
      (f) => site(['activity', i, f]),
      { file: doc.file, ...doc.locate(['activity', i]) },
      rowCtx,
      out,
    );
    if (row) activity.push(row);
  });

  const activityFiles: string[] = [];
  (Array.isArray(v.activity_files) ? v.activity_files : []).forEach((rel, i) => {
    // not a path (the schema says so): "" would otherwise be read as the submission's folder, two messages for one cause
    if (typeof rel !== 'string' || rel === '') return;
    const got = ctx.readFile(rel);
    if ('outside' in got) {
      out.push(diag('ZC-E-PATH-OUTSIDE', { path: got.file, ...got.outside }, site(['activity_files', i]).ref));
      return;
    }
    activityFiles.push(got.file);
    if ('error' in got) {
      const code = got.error === 'not-found' ? 'ZC-E-FILE-NOT-FOUND' : 'ZC-E-FILE-READ';
      out.push(diag(code, { path: got.file, reason: got.error }, site(['activity_files', i]).ref));
      return;
    }
    readActivityCsv(got.file, 'bytes' in got ? { bytes: got.bytes } : 'sheet' in got ? { sheet: got.sheet } : { chunks: got.chunks }, rowCtx, activity, out);
  });

  out.push(...duplicateRows(activity));
  const goods = normalizeGoods(doc, v.goods, activity, { units: ctx.units, cbam: ctx.cbam }, out);
  const none = (x: unknown) => x === undefined || (Array.isArray(x) && x.length === 0);
  if (none(v.activity_files) && none(v.activity)) {
    out.push(
      diag(
        'ZC-W-NO-ACTIVITY',
        {
          what: 'the submission has no activity rows (no activity_files, no inline activity)',
          what_zh: '申报文件没有活动数据行（既无 activity_files，也无内联的 activity）',
        },
        { file: doc.file, line: 1, column: 1 },
      ),
    );
  }
  const year = typeof v.year === 'number' ? v.year : 0;
  const submission: Submission = {
    file: doc.file,
    entity,
    year,
    economy,
    baseline,
    targets,
    metrics,
    exemptions,
    factors,
    activity,
    activityFiles,
    goods,
    ...(typeof v.profile === 'string' ? { profile: v.profile } : {}),
    ...(budget ? { budget } : {}),
  };
  return { submission, diagnostics: out, taintedEntities: rowCtx.tainted };
}

/**
 * Rows identical in entity, category, item and quantity are both counted, and the repeat is flagged.
 * Rows of a streamed CSV are checked as they are read, within their file (activity-csv.ts).
 */
function duplicateRows(rows: readonly ActivityRow[]): Diagnostic[] {
  const first = new Map<string, ActivityRow>();
  const out: Diagnostic[] = [];
  // capped per file like the rows' other problems: a file of repeated rows must not print a million lines
  const perFile = new Map<string, number>();
  for (const r of rows) {
    if (r.merged) continue;
    const key = `${r.entity}|${r.category}|${r.item}|${r.quantity.value.key()}|${r.quantity.unit}|${r.factor ? r.factor.value.key() : ''}`;
    const f = first.get(key);
    if (!f) {
      first.set(key, r);
      continue;
    }
    const n = (perFile.get(r.ref.file) ?? 0) + 1;
    perFile.set(r.ref.file, n);
    if (n <= MAX_PROBLEMS)
      out.push(
        diag(
          'ZC-W-ROW-DUPLICATE',
          {
            first: `${f.ref.file}:${f.ref.line ?? f.ref.row}`,
            entity: r.entity,
            category: r.category,
            item: r.item,
            found: `${r.quantity.value.toString()} ${r.quantity.unit}`,
          },
          r.ref,
        ),
      );
  }
  for (const [file, n] of perFile)
    if (n > MAX_PROBLEMS) out.push(diag('ZC-W-WARNINGS-CAPPED', { file, shown: MAX_PROBLEMS, more: n - MAX_PROBLEMS }, { file }));
  return out;
}
