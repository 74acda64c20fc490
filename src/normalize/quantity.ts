/** Reading quantities, factor values and metrics into exact numbers with canonical units. */
import { textOf } from '../model/text.js';
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Rational } from '../model/rational.js';
import type { Diagnostic, FactorValue, MetricValue, Quantity, SourceRef } from '../model/types.js';
import { excerptOf, NUMBER_SPELLINGS, NUMBER_SPELLINGS_ZH, numberLimit, outOfRange, readNumber } from '../parse/number.js';

const RANGE = { allowed: '1e-12 to 1e15 in its unit', allowed_zh: '按其单位计 1e-12 至 1e15' };
/** A hint of a message, in English and Chinese. */
export interface Hint {
  hint: string;
  hint_zh: string;
}
/** Metrics, budgets, baselines and economy figures are amounts, counts or shares: none is below zero. */
const NOT_NEGATIVE: Hint = {
  hint: ' (metrics, budgets, baselines and economy figures are amounts, counts or shares, never below zero)',
  hint_zh: '（指标、预算、基准和经济数据均为数量、计数或比例，不会小于零）',
};
/** The usual hint of a negative activity quantity. */
export const FLOWS_OUT: Hint = { hint: ' (use the export/offset items for flows out)', hint_zh: '（流出的量请用 export/offset 品种填报）' };

/** Reports an unreadable or out-of-range number; returns true when the number is usable. */
function checkNumber(
  n: ReturnType<typeof readNumber>,
  raw: unknown,
  site: Site,
  out: Diagnostic[],
  allowPercent: boolean,
): n is NonNullable<ReturnType<typeof readNumber>> {
  if (!n || (n.percent && !allowPercent)) {
    const limit = n ? undefined : numberLimit(raw);
    const allowed = allowPercent ? `${NUMBER_SPELLINGS}, "85%"` : `${NUMBER_SPELLINGS} (no percentages here)`;
    const allowedZh = allowPercent ? `${NUMBER_SPELLINGS_ZH}、"85%"` : `${NUMBER_SPELLINGS_ZH}（此处不可用百分数）`;
    out.push(
      diag(
        'ZC-E-NUMBER-INVALID',
        {
          ...whereOf(site),
          found: excerptOf(textOf(raw)),
          allowed: limit ? `${allowed} (${limit})` : allowed,
          allowed_zh: limit ? `${allowedZh}（${numberLimit(raw, 'zh')}）` : allowedZh,
        },
        site.ref,
      ),
    );
    return false;
  }
  if (outOfRange(n.value)) {
    out.push(diag('ZC-E-NUMBER-RANGE', { ...whereOf(site), found: textOf(raw), ...RANGE }, site.ref));
    return false;
  }
  return true;
}
import type { UnitDef, UnitRegistry } from '../units/registry.js';

/** Where a value sits and how to describe it in a message. */
export interface Site {
  where: string;
  /** The same place in Chinese, when it differs (第 2 行，quantity 列). */
  where_zh?: string;
  ref: SourceRef;
}

/** The `where` argument of a diagnostic at a site, with its Chinese twin when there is one. */
export const whereOf = (site: Site): { where: string; where_zh?: string } =>
  site.where_zh === undefined ? { where: site.where } : { where: site.where, where_zh: site.where_zh };

/**
 * Looks up a unit spelling; reports an unknown one with a suggestion. With the dimensions the value may have, only units
 * of those dimensions are suggested: "kW" on an electricity row is nearer kg than kWh by spelling, but kg is never meant.
 */
export function readUnit(units: UnitRegistry, text: string, site: Site, out: Diagnostic[], dimensions?: readonly string[]): UnitDef | undefined {
  const def = units.lookup(text);
  if (!def) {
    // "1,234" unquoted in a CSV splits into quantity 1 and unit "234" (the real unit moves one cell right)
    if (/^\d{3}$/.test(text.trim())) {
      out.push(
        diag(
          'ZC-E-UNIT-UNKNOWN',
          {
            ...whereOf(site),
            found: text,
            hint: ' — the unit cell holds digits: a number with an unquoted thousands separator? write it "1,234" in quotes',
            hint_zh: '——单位单元格是数字：数字中有未加引号的千位分隔符？请加引号写成 "1,234"',
          },
          site.ref,
        ),
      );
      return undefined;
    }
    // a power unit where an amount is wanted (installed capacity, or a meter's demand reading): MW is not MJ
    const power = /^\s*(k|m|g|万k|万)?w\s*$/i.exec(text) ?? /^\s*(千|兆|万千)?瓦\s*$/.exec(text);
    if (power) {
      const energy = `${text.trim()}h`;
      const s = units.lookup(energy) ? energy : units.lookup(`${text.trim()}时`) ? `${text.trim()}时` : undefined;
      out.push(
        diag(
          'ZC-E-UNIT-UNKNOWN',
          {
            ...whereOf(site),
            found: text,
            hint: ` — ${text.trim()} is power (a rate, such as installed capacity), not an amount of energy: give the energy over the year${s ? `, in ${s}` : ' (MWh, 万kWh)'}`,
            ...(s ? { suggestion: s } : {}),
          },
          site.ref,
        ),
      );
      return undefined;
    }
    const s = suggest(text, dimensions ? units.spellings().filter((sp) => dimensions.includes(units.lookup(sp)!.dimension)) : units.spellings());
    out.push(diag('ZC-E-UNIT-UNKNOWN', { ...whereOf(site), found: text, hint: didYouMean(s), suggestion: s }, site.ref));
  }
  return def;
}

/** Checks a unit's dimension against the allowed ones. */
export function checkDimension(unit: UnitDef, allowed: readonly string[], units: UnitRegistry, site: Site, out: Diagnostic[], spelling = unit.symbol): boolean {
  if (allowed.includes(unit.dimension)) return true;
  const examples = allowed.map((d) => `${d} (${units.unitsOf(d).slice(0, 4).join(', ')})`).join('; ');
  const examplesZh = allowed.map((d) => `${units.dimensionZh(d)}（${units.unitsOf(d).slice(0, 4).join('、')}）`).join('；');
  out.push(
    diag(
      'ZC-E-UNIT-DIMENSION',
      {
        ...whereOf(site),
        found: spelling,
        dimension: unit.dimension,
        dimension_zh: units.dimensionZh(unit.dimension),
        allowed: examples,
        allowed_zh: examplesZh,
      },
      site.ref,
    ),
  );
  return false;
}

/** Reads a non-negative activity quantity in a given unit spelling. */
export function readActivityQuantity(
  rawValue: unknown,
  unitText: string,
  dimensions: readonly string[],
  units: UnitRegistry,
  valueSite: Site,
  unitSite: Site,
  out: Diagnostic[],
  negativeHint: Hint = FLOWS_OUT,
): Quantity | undefined {
  const n = readNumber(rawValue);
  let ok = checkNumber(n, rawValue, valueSite, out, false);
  if (ok && n!.value.isNegative()) {
    out.push(diag('ZC-E-NUMBER-NEGATIVE', { ...whereOf(valueSite), found: textOf(rawValue), ...negativeHint }, valueSite.ref));
    ok = false;
  }
  const unit = unitText.trim() === '' ? undefined : readUnit(units, unitText.trim(), unitSite, out, dimensions);
  if (unitText.trim() === '')
    out.push(
      diag(
        'ZC-E-UNIT-MISSING',
        { ...whereOf(unitSite), allowed: dimensions.join(', '), allowed_zh: dimensions.map((d) => units.dimensionZh(d)).join('、') },
        unitSite.ref,
      ),
    );
  if (!unit || !checkDimension(unit, dimensions, units, unitSite, out, unitText.trim()) || !ok || !n) return undefined;
  return { value: n.value, unit: unit.symbol };
}

/** Reads a factor value with a compound unit ("tCO2/万m3"); the numerator must be of `numeratorDimension`. */
export function readFactorValue(
  rawValue: unknown,
  unitText: string,
  numeratorDimension: 'emissions' | 'coal' | 'energy',
  units: UnitRegistry,
  site: Site,
  out: Diagnostic[],
  unitSite: Site = site,
): FactorValue | undefined {
  const n = readNumber(rawValue);
  if (!checkNumber(n, rawValue, site, out, false)) return undefined;
  if (n.value.isNegative()) {
    out.push(
      diag(
        'ZC-E-NUMBER-NEGATIVE',
        { ...whereOf(site), found: textOf(rawValue), hint: ' (a factor is tonnes per unit)', hint_zh: '（因子是每单位的吨数）' },
        site.ref,
      ),
    );
    return undefined;
  }
  const unit = units.parseFactorUnit(unitText);
  if (!unit) {
    const base = numeratorDimension === 'emissions' ? 'tCO2' : numeratorDimension === 'energy' ? 'GJ' : 'tce';
    out.push(
      diag(
        'ZC-E-UNIT-UNKNOWN',
        { ...whereOf(unitSite), found: unitText, hint: ` (expected a unit like ${base}/t, ${base}/万m3 or ${base}/MWh)` },
        unitSite.ref,
      ),
    );
    return undefined;
  }
  const num = units.get(unit.numerator);
  if (num.dimension !== numeratorDimension) {
    out.push(
      diag(
        'ZC-E-UNIT-DIMENSION',
        {
          ...whereOf(unitSite),
          found: unitText,
          dimension: `${num.dimension} per ${units.get(unit.denominator).dimension}`,
          dimension_zh: `每${units.dimensionZh(units.get(unit.denominator).dimension)}的${units.dimensionZh(num.dimension)}`,
          allowed:
            numeratorDimension === 'emissions' ? 'tCO2 per unit' : numeratorDimension === 'energy' ? 'GJ per unit (an enthalpy, e.g. GJ/t)' : 'tce per unit',
          allowed_zh: numeratorDimension === 'emissions' ? 'tCO2/单位' : numeratorDimension === 'energy' ? 'GJ/单位（焓值，如 GJ/t）' : 'tce/单位',
        },
        unitSite.ref,
      ),
    );
    return undefined;
  }
  return { value: n.value, unit, unitText: `${unit.numerator}/${unit.denominator}` };
}

/**
 * Reads a metric / economy / target value: a number, numeric or percent string, {value, unit}, or boolean.
 * Numbers with units are stored in their dimension's base unit; percents become fractions.
 */
const YES = new Set(['yes', 'y', 'true', '是', '有', '对']);
const NO = new Set(['no', 'n', 'false', '否', '无', '没有']);

export function readMetric(raw: unknown, units: UnitRegistry, site: Site, out: Diagnostic[]): MetricValue | undefined {
  const m = readMetricValue(raw, units, site, out);
  if (!m || m.kind !== 'number' || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return m;
  // the schema checks where these may stand (price_year in economy and baseline, year in targets) and their range
  const { price_year: priceYear, year } = raw as Record<string, unknown>;
  return { ...m, ...(Number.isInteger(priceYear) ? { priceYear: priceYear as number } : {}), ...(Number.isInteger(year) ? { year: year as number } : {}) };
}

function readMetricValue(raw: unknown, units: UnitRegistry, site: Site, out: Diagnostic[]): MetricValue | undefined {
  if (typeof raw === 'boolean') return { kind: 'boolean', value: raw };
  let rawValue: unknown = raw;
  let unitText: string | undefined;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    rawValue = (raw as Record<string, unknown>).value;
    const u = (raw as Record<string, unknown>).unit;
    unitText = typeof u === 'string' ? u : undefined;
  }
  if (typeof rawValue !== 'number' && typeof rawValue !== 'string') return undefined; // the schema reports it
  const n = readNumber(rawValue);
  // yes/no as people write it, in a spreadsheet cell or quoted in YAML: 是/否, 有/无, yes/no, y/n, true/false
  if (!n && typeof rawValue === 'string' && unitText === undefined) {
    const w = rawValue.trim().normalize('NFKC').toLowerCase();
    if (YES.has(w)) return { kind: 'boolean', value: true };
    if (NO.has(w)) return { kind: 'boolean', value: false };
  }
  if (!checkNumber(n, rawValue, site, out, true)) return undefined;
  if (n.value.isNegative()) {
    out.push(diag('ZC-E-NUMBER-NEGATIVE', { ...whereOf(site), found: textOf(rawValue), ...NOT_NEGATIVE }, site.ref));
    return undefined;
  }
  if (unitText === undefined) return n.percent ? { kind: 'number', value: n.value, unit: 'fraction' } : { kind: 'number', value: n.value, unit: '' };
  const unit = readUnit(units, unitText, site, out);
  if (!unit) return undefined;
  if (n.percent && unit.dimension !== 'ratio') {
    out.push(diag('ZC-E-NUMBER-INVALID', { ...whereOf(site), found: textOf(rawValue) }, site.ref));
    return undefined;
  }
  const base = units.dimensions.get(unit.dimension)!;
  return { kind: 'number', value: units.toBase(n.value, unit), unit: base };
}

/** Reads a quantity of one dimension into its base unit (tCO2 for budgets): plain numbers are taken as `defaultUnit`. */
export function readQuantityIn(raw: unknown, dimension: string, defaultUnit: string, units: UnitRegistry, site: Site, out: Diagnostic[]): Rational | undefined {
  let rawValue: unknown = raw;
  let unitText = defaultUnit;
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    rawValue = (raw as Record<string, unknown>).value;
    const u = (raw as Record<string, unknown>).unit;
    if (typeof u === 'string') unitText = u;
  }
  if (typeof rawValue !== 'number' && typeof rawValue !== 'string') return undefined;
  const n = readNumber(rawValue);
  if (!checkNumber(n, rawValue, site, out, false)) return undefined;
  if (n.value.isNegative()) {
    out.push(diag('ZC-E-NUMBER-NEGATIVE', { ...whereOf(site), found: textOf(rawValue), ...NOT_NEGATIVE }, site.ref));
    return undefined;
  }
  const unit = readUnit(units, unitText, site, out, [dimension]);
  if (!unit || !checkDimension(unit, [dimension], units, site, out, unitText)) return undefined;
  return units.toBase(n.value, unit);
}
