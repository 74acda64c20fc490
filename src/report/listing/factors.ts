/** `zcpark factors`: the built-in factor sets, and the factors that apply to a year (src/account/applicable.ts), as a table or JSON. */
import { Chalk } from 'chalk';
import type { AppliedFactor } from '../../account/applicable.js';
import type { Diagnostic, FactorEntry } from '../../model/types.js';
import { termText } from '../escape.js';
import { listingTable } from './table.js';

/** A factor set as the listing shows it. */
export interface FactorSetLine {
  id: string;
  title: string;
  /** The file it was loaded from, when known (the JSON output leaves `file` out otherwise). */
  file: string | undefined;
  entries: number;
  years: number[];
}

export const factorSetLine = (s: { id: string; title: string; file?: string | undefined; entries: FactorEntry[] }): FactorSetLine => ({
  id: s.id,
  title: s.title,
  file: s.file,
  entries: s.entries.length,
  years: [...new Set(s.entries.map((e) => e.year).filter((y) => y !== undefined))].sort(),
});

export function factorSetsJson(sets: FactorSetLine[]): string {
  return `${JSON.stringify(sets, null, 2)}\n`;
}

/** `width`: the terminal's (DEFAULT_WIDTH when absent); cells wrap between words, nothing is cut. */
export function factorSetsTable(sets: FactorSetLine[], color: boolean, width?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows = sets.map((s) => [s.id, s.title, String(s.entries), s.years.join(', ') || 'timeless']);
  const t = listingTable(['set', 'title', 'entries', 'data years'], rows, { flex: 1, colAligns: ['left', 'left', 'right', 'left'], color, width });
  return `${t}\n${c.dim('zcpark factors --year 2024 --region CN-NM lists the factors that would apply')}\n`;
}

/** What `zcpark factors --year` found: the query, the factors and the resolver's warnings (vintage, geography). */
export interface ApplicableListing {
  year: number;
  region?: string;
  /** The region's English name, for the table's heading. */
  regionName?: string;
  /** The pack asked for with --profile. */
  profile?: string;
  factors: AppliedFactor[];
  warnings: Diagnostic[];
}

/** A factor as plain data (the JSON output); its exact value becomes a number here. */
function row(a: AppliedFactor) {
  const e = a.factor.entry;
  return {
    kind: a.kind,
    category: a.category,
    item: a.item,
    series: e.series ?? null,
    value: a.factor.value.value.toNumber(),
    unit: a.factor.value.unitText,
    year: e.year ?? null,
    region: e.region ?? null,
    confidence: e.confidence ?? null,
    origin: e.origin,
    source: e.source,
  };
}

export function applicableJson(l: ApplicableListing): string {
  const factors = l.factors.map(row);
  const warnings = l.warnings.map((w) => ({ code: w.code, message: w.message }));
  return `${JSON.stringify({ year: l.year, region: l.region ?? null, ...(l.profile !== undefined ? { profile: l.profile } : {}), factors, warnings }, null, 2)}\n`;
}

/** `width`: the terminal's (DEFAULT_WIDTH when absent); a source wraps rather than losing its address to "…". */
export function applicableTable(l: ApplicableListing, color: boolean, width?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  // a --factors file is user text: controls shown as escapes
  const rows = l.factors
    .map(row)
    .map((r) => [
      termText(`${r.category}/${r.item}${r.series ? ` [${r.series}]` : ''} ${r.kind === 'co2' ? 'CO2' : 'energy'}`),
      termText(`${r.value} ${r.unit}`),
      r.year === null ? '—' : String(r.year),
      termText(r.region ?? 'national'),
      termText(r.confidence ?? ''),
      termText(r.source),
    ]);
  const t = listingTable(['factor', 'value', 'year', 'region', 'conf', 'source'], rows, {
    flex: 5,
    colAligns: ['left', 'left', 'right', 'left', 'left', 'left'],
    color,
    width,
  });
  const lines = [
    c.bold(
      `Factors that apply to reporting year ${l.year}${l.region ? ` in ${l.region} (${l.regionName ?? ''})` : ''}${l.profile !== undefined ? ` under ${termText(l.profile)}` : ''}`,
    ),
    t,
  ];
  for (const w of l.warnings) lines.push(c.yellow(`warning ${termText(w.message)} [${w.code}]`));
  if (l.profile === undefined)
    lines.push(
      c.dim(
        'A profile may pin a factor instead (zero-carbon-park: grid 0.8325 tCO2/MWh): zcpark factors --year <y> --profile <id> shows the ones a pack uses.',
      ),
    );
  return `${lines.join('\n')}\n`;
}
