/** One activity row (inline YAML or CSV) → ActivityRow, with every problem of the row reported. */
import { Rational } from '../model/rational.js';
import { textOf } from '../model/text.js';
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { ActivityRow, Diagnostic, SourceRef } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import type { UnitRegistry } from '../units/registry.js';
import { FLOWS_OUT, readActivityQuantity, readFactorValue, whereOf, type Site } from './quantity.js';

export interface RowContext {
  units: UnitRegistry;
  vocabulary: Vocabulary;
  /** The submission's entity id: the default `entity` of a row. */
  defaultEntity: string;
  /** Entities that lost a row to an error (their balances are not checked: one cause, one message). */
  tainted: Set<string>;
}

/** Reads the cells of one row; `siteOf(field)` says where each cell is. Returns undefined when the row has errors. */
export function normalizeActivityRow(
  cell: (field: string) => unknown,
  siteOf: (field: string) => Site,
  rowRef: SourceRef,
  ctx: RowContext,
  out: Diagnostic[],
): ActivityRow | undefined {
  const text = (f: string): string => {
    const v = cell(f);
    return textOf(v).trim();
  };
  const before = out.length;
  // a key absent from an inline row is the schema's to report (once); an empty CSV cell is ours
  const absent = (f: string) => cell(f) === undefined;
  const empty = (f: string, what: string, what_zh: string) => {
    if (text(f) !== '' || absent(f)) return false;
    out.push(diag('ZC-E-VALUE-EMPTY', { ...whereOf(siteOf(f)), field: what, field_zh: what_zh }, siteOf(f).ref));
    return true;
  };
  const categoryWord = text('category');
  let category = ctx.vocabulary.category(categoryWord);
  if (!category && !absent('category') && !empty('category', 'category', '类别')) {
    const s = suggest(categoryWord, ctx.vocabulary.categorySpellings());
    const allowed = [...ctx.vocabulary.categories.keys()].join(', ');
    out.push(
      diag(
        'ZC-E-VOCAB-CATEGORY',
        { ...whereOf(siteOf('category')), found: categoryWord, hint: didYouMean(s), suggestion: s, allowed, allowed_zh: ctx.vocabulary.categoriesZh() },
        siteOf('category').ref,
      ),
    );
  }
  let item: string | undefined;
  const itemWord = text('item');
  if (category && !absent('item') && !empty('item', `${category} item`, `${ctx.vocabulary.categoryZh(category)}品种`)) {
    item = ctx.vocabulary.item(category, itemWord);
    if (!item) {
      const s = suggest(itemWord, ctx.vocabulary.itemSpellings(category));
      const allowed = [...ctx.vocabulary.categories.get(category)!.items.keys()].join(', ');
      out.push(
        diag(
          'ZC-E-VOCAB-ITEM',
          {
            ...whereOf(siteOf('item')),
            category,
            category_zh: ctx.vocabulary.categoryZh(category),
            found: itemWord,
            hint: didYouMean(s),
            suggestion: s,
            allowed,
            allowed_zh: ctx.vocabulary.itemsZh(category),
          },
          siteOf('item').ref,
        ),
      );
    }
  }
  const dimensions = category ? ctx.vocabulary.categories.get(category)!.dimensions : ['mass', 'volume', 'energy', 'coal', 'emissions'];
  let quantity;
  if (!absent('quantity') && !absent('unit') && !empty('quantity', 'quantity', '数量')) {
    const negativeHint =
      item === 'export'
        ? { hint: ' (exports are entered as positive quantities: the item says they flow out)', hint_zh: '（上网/外送电量按正数填报：品种已表明其流出）' }
        : FLOWS_OUT;
    quantity = readActivityQuantity(cell('quantity'), text('unit'), dimensions, ctx.units, siteOf('quantity'), siteOf('unit'), out, negativeHint);
  }
  let factor;
  let enthalpy: ActivityRow['enthalpy'];
  // steam metered in tonnes: the row's factor is its enthalpy (GJ/t), or a steam word takes the cited default
  const steamInTonnes = category === 'heat' && !!quantity && ctx.units.get(quantity.unit).dimension === 'mass';
  const factorRaw = cell('factor');
  if (steamInTonnes && (factorRaw === undefined || factorRaw === null || textOf(factorRaw).trim() === '')) {
    const steam = ctx.vocabulary.steam;
    if (steam && steam.words.includes(itemWord.normalize('NFKC').trim().toLowerCase())) {
      const unit = ctx.units.parseFactorUnit(steam.enthalpy.unit)!;
      enthalpy = {
        value: { value: Rational.parseDecimal(steam.enthalpy.value)!, unit, unitText: steam.enthalpy.unit },
        source: steam.source,
        confidence: steam.confidence,
      };
    } else {
      out.push(
        diag(
          'ZC-E-UNIT-DIMENSION',
          {
            ...whereOf(siteOf('unit')),
            found: quantity!.unit,
            dimension: 'mass',
            allowed: `energy (GJ, MJ, …); steam in tonnes needs its enthalpy: a factor with factor_unit GJ/t, or the item written as ${steam ? steam.words.slice(0, 2).join('/') : 'steam'} for low-pressure saturated steam at ${steam ? `${steam.enthalpy.value} ${steam.enthalpy.unit}` : 'a default enthalpy'}`,
          },
          siteOf('unit').ref,
        ),
      );
    }
  } else if (steamInTonnes) {
    const e = readFactorValue(factorRaw, text('factor_unit'), 'energy', ctx.units, siteOf('factor'), out, siteOf('factor_unit'));
    if (e) {
      if (ctx.units.get(e.unit.denominator).dimension !== 'mass') {
        out.push(
          diag(
            'ZC-E-UNIT-DIMENSION',
            {
              ...whereOf(siteOf('factor_unit')),
              found: e.unitText,
              dimension: `energy per ${ctx.units.get(e.unit.denominator).dimension}`,
              allowed: 'GJ per mass unit (an enthalpy such as GJ/t), to match the steam in tonnes',
            },
            siteOf('factor_unit').ref,
          ),
        );
      } else enthalpy = { value: e };
    }
  } else if (factorRaw !== undefined && factorRaw !== null && textOf(factorRaw).trim() !== '') {
    factor = readFactorValue(factorRaw, text('factor_unit'), 'emissions', ctx.units, siteOf('factor'), out, siteOf('factor_unit'));
    if (factor && quantity) {
      const denominator = ctx.units.get(factor.unit.denominator);
      const qUnit = ctx.units.get(quantity.unit);
      if (denominator.dimension !== qUnit.dimension) {
        out.push(
          diag(
            'ZC-E-UNIT-DIMENSION',
            {
              ...whereOf(siteOf('factor_unit')),
              found: factor.unitText,
              dimension: `emissions per ${denominator.dimension}`,
              allowed: `tCO2 per ${qUnit.dimension} unit, to match the quantity in ${qUnit.symbol}`,
            },
            siteOf('factor_unit').ref,
          ),
        );
        factor = undefined;
      }
    }
  }
  // `use`: fuel (default) or feedstock, on fuel rows only (transport fuel is always burnt)
  let use: 'fuel' | 'feedstock' | undefined;
  const useWord = text('use');
  if (useWord !== '') {
    use = ctx.vocabulary.use(useWord);
    if (!use) {
      const spellings = [...ctx.vocabulary.uses.keys()];
      const s = suggest(useWord, spellings);
      out.push(
        diag(
          'ZC-E-SCHEMA-ENUM',
          { ...whereOf(siteOf('use')), found: useWord, hint: didYouMean(s), suggestion: s, allowed: 'fuel, feedstock (燃料, 原料)' },
          siteOf('use').ref,
        ),
      );
    } else if (use === 'feedstock' && category && category !== 'fuel') {
      out.push(
        diag(
          'ZC-E-FACTOR-INVALID',
          { ...whereOf(siteOf('use')), reason: `use "feedstock" applies to fuel rows only, not ${category} rows` },
          siteOf('use').ref,
        ),
      );
    } else if (use === 'feedstock' && factor) {
      out.push(
        diag(
          'ZC-E-FACTOR-INVALID',
          {
            ...whereOf(siteOf('factor')),
            reason: 'a feedstock row has no combustion CO2, so a CO2 factor cannot apply; put the CO2 the process releases in a process row',
          },
          siteOf('factor').ref,
        ),
      );
    }
  }
  // one spelling per name: "Café" typed with a combining accent (NFD) is the same entity as the precomposed one (NFC)
  const entity = text('entity').normalize('NFC') || ctx.defaultEntity;
  if (out.some((d, i) => i >= before && d.severity === 'error') || !category || !item || !quantity) {
    ctx.tainted.add(entity);
    return undefined;
  }
  const row: ActivityRow = { entity, category, item, quantity, ref: rowRef };
  if (factor) row.factor = factor;
  if (enthalpy) row.enthalpy = enthalpy;
  if (use === 'feedstock') row.use = 'feedstock';
  const note = text('note');
  if (note) row.note = note;
  return row;
}
