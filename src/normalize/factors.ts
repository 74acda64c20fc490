/** Factor-set entries (built-in, --factors file, submission `factors`) → FactorEntry with provenance. */
import { textOf } from '../model/text.js';
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Confidence, Diagnostic, FactorEntry, FactorOrigin, FactorSet } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { UnitRegistry } from '../units/registry.js';
import type { ParsedDocument, Path } from '../parse/yaml.js';
import { describePath } from '../validate/schema.js';
import { readFactorValue } from './quantity.js';

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
    out.push(diag('ZC-E-VOCAB-CATEGORY', { where: site('category').where, found: r.category, hint: didYouMean(s), suggestion: s, allowed: [...ctx.vocabulary.categories.keys()].join(', ') }, site('category').ref));
    return undefined;
  }
  // electricity/calorific and electricity/coal_equivalent are coefficients, not activity items
  const specialItems = category === 'electricity' ? ['calorific', 'coal_equivalent'] : [];
  const item = specialItems.includes(r.item) ? r.item : ctx.vocabulary.item(category, r.item);
  if (!item) {
    const s = suggest(r.item, [...ctx.vocabulary.itemSpellings(category), ...specialItems]);
    out.push(diag('ZC-E-VOCAB-ITEM', { where: site('item').where, category, found: r.item, hint: didYouMean(s), suggestion: s, allowed: [...(ctx.vocabulary.categories.get(category)?.items.keys() ?? []), ...specialItems].join(', ') }, site('item').ref));
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
