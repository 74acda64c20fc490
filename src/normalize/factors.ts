/** Factor-set entries (built-in, --factors file, submission `factors`) → FactorEntry with provenance. */
import { textOf } from '../model/text.js';
import { diag, hasErrors } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Confidence, Diagnostic, FactorEntry, FactorOrigin, FactorSet } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { UnitRegistry } from '../units/registry.js';
import { parseCsv } from '../parse/csv.js';
import { isCsvName } from '../parse/sniff.js';
import { parseYaml, type ParsedDocument, type Path } from '../parse/yaml.js';
import { describePath, schemaDiagnostics, type SchemaValidator } from '../validate/schema.js';
import { readFactorValue, whereOf } from './quantity.js';

export interface FactorContext {
  units: UnitRegistry;
  vocabulary: Vocabulary;
  doc: ParsedDocument;
  origin: FactorOrigin;
  set: string;
}

/** Normalises one raw factor entry found at `path` of a document (schema already checked its shape). */
export function normalizeFactorEntry(raw: unknown, path: Path, ctx: FactorContext, out: Diagnostic[]): FactorEntry | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const site = (field: string) => ({ where: describePath([...path, field]), ref: { file: ctx.doc.file, ...ctx.doc.locate([...path, field]) } });
  if (typeof r.category !== 'string' || typeof r.item !== 'string' || typeof r.source !== 'string') return undefined;
  const category = ctx.vocabulary.category(r.category);
  if (!category) {
    const s = suggest(r.category, ctx.vocabulary.categorySpellings());
    out.push(
      diag(
        'ZC-E-VOCAB-CATEGORY',
        {
          ...whereOf(site('category')),
          found: r.category,
          hint: didYouMean(s),
          suggestion: s,
          allowed: [...ctx.vocabulary.categories.keys()].join(', '),
          allowed_zh: ctx.vocabulary.categoriesZh(),
        },
        site('category').ref,
      ),
    );
    return undefined;
  }
  // electricity/calorific and electricity/coal_equivalent are coefficients, not activity items
  const specialItems = category === 'electricity' ? ['calorific', 'coal_equivalent'] : [];
  const item = specialItems.includes(r.item) ? r.item : ctx.vocabulary.item(category, r.item);
  if (!item) {
    const s = suggest(r.item, [...ctx.vocabulary.itemSpellings(category), ...specialItems]);
    out.push(
      diag(
        'ZC-E-VOCAB-ITEM',
        {
          ...whereOf(site('item')),
          category,
          category_zh: ctx.vocabulary.categoryZh(category),
          found: r.item,
          hint: didYouMean(s),
          suggestion: s,
          allowed: [...(ctx.vocabulary.categories.get(category)?.items.keys() ?? []), ...specialItems].join(', '),
          allowed_zh: [ctx.vocabulary.itemsZh(category), ...specialItems].filter((x) => x !== '').join('、'),
        },
        site('item').ref,
      ),
    );
    return undefined;
  }
  const entry: FactorEntry = { category, item, source: r.source, origin: ctx.origin, set: ctx.set, ref: site('category').ref };
  let ok = true;
  if (r.co2 !== undefined) {
    const v = readFactorValue(r.co2, textOf(r.co2_unit), 'emissions', ctx.units, site('co2'), out, site('co2_unit'));
    if (v) entry.co2 = v;
    else ok = false;
  }
  if (r.energy !== undefined) {
    const v = readFactorValue(r.energy, textOf(r.energy_unit), 'coal', ctx.units, site('energy'), out, site('energy_unit'));
    if (v) entry.energy = v;
    else ok = false;
  }
  if (!entry.co2 && !entry.energy && ok) {
    out.push(diag('ZC-E-FACTOR-INVALID', { where: describePath(path), reason: 'an entry needs co2 + co2_unit or energy + energy_unit' }, site('category').ref));
    ok = false;
  }
  if (typeof r.series === 'string') entry.series = r.series;
  if (typeof r.region === 'string') entry.region = r.region;
  if (typeof r.year === 'number') entry.year = r.year;
  if (typeof r.confidence === 'string') entry.confidence = r.confidence as Confidence;
  if (typeof r.derivation === 'string') entry.derivation = r.derivation;
  if (typeof r.note === 'string') entry.note = r.note;
  return ok ? entry : undefined;
}

/** Normalises a whole factor-set document (schemas/factors.schema.json). */
export function normalizeFactorSet(ctx: Omit<FactorContext, 'set'>, out: Diagnostic[]): FactorSet {
  const v = (ctx.doc.value ?? {}) as Record<string, unknown>;
  const id = typeof v.id === 'string' ? v.id : ctx.doc.file;
  const entries: FactorEntry[] = [];
  const raw = Array.isArray(v.entries) ? v.entries : [];
  raw.forEach((e, i) => {
    const entry = normalizeFactorEntry(e, ['entries', i], { ...ctx, set: id }, out);
    if (entry) entries.push(entry);
  });
  return { id, title: typeof v.title === 'string' ? v.title : id, file: ctx.doc.file, entries };
}

/**
 * A factor set file (YAML, JSON or CSV, told by its name; schemas/factors.schema.json) → its entries, or none when it
 * has an error. The schema's findings and the entries' own (units, words, numbers) are all reported in one run.
 */
export function factorSetFromText(
  file: string,
  text: string,
  ctx: { units: UnitRegistry; vocabulary: Vocabulary; validate: SchemaValidator },
): { entries: FactorEntry[]; diagnostics: Diagnostic[] } {
  const doc = isCsvName(file) ? csvFactorDocument(file, text) : parseYaml(file, text);
  if (hasErrors(doc.diagnostics)) return { entries: [], diagnostics: doc.diagnostics };
  const diagnostics = schemaDiagnostics(ctx.validate, doc);
  const set = normalizeFactorSet({ units: ctx.units, vocabulary: ctx.vocabulary, doc, origin: 'factors-file' }, diagnostics);
  return { entries: hasErrors(diagnostics) ? [] : set.entries, diagnostics };
}

/** A CSV factor set (one entry per row) presented as a document, so the schema and positions work as for YAML. */
export function csvFactorDocument(file: string, text: string): ParsedDocument {
  const csv = parseCsv(file, text, new Map());
  const entries = csv.rows.map((r) => {
    const e: Record<string, unknown> = {};
    for (const [k, v] of r.cells) {
      if (v.trim() === '') continue;
      // defineProperty: a "__proto__" column must arrive as a key (and be reported as unknown), not vanish
      Object.defineProperty(e, k, { value: k === 'year' && /^\d+$/.test(v.trim()) ? Number(v) : v, enumerable: true, writable: true, configurable: true });
    }
    return e;
  });
  const id =
    file
      .replace(/^.*\//, '')
      .replace(/\.csv$/i, '')
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 64) || 'factors';
  return {
    file,
    value: { format: 'zcpark-factors/1', id, entries },
    diagnostics: csv.diagnostics,
    // CSV positions are a row and a column name, as for activity CSVs
    locate: (path) => {
      if (path[0] !== 'entries' || typeof path[1] !== 'number') return { line: 1, row: 1 };
      const line = csv.rows[path[1]]?.line ?? 1;
      return { line, row: line, ...(typeof path[2] === 'string' ? { field: path[2] } : {}) };
    },
  };
}
