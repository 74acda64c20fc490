/** `zcpark factors [--year Y] [--region R]`: the built-in factor sets, or the factors that would apply, with sources. */
import { termText } from '../../report/escape.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { FactorResolver, type FactorKind } from '../../account/factors.js';
import { UsageError } from '../../diagnostics/errors.js';
import { didYouMean, suggest } from '../../diagnostics/suggest.js';
import type { Category } from '../../model/types.js';
import { data, factorsOption, profileOption, useColor } from '../context.js';
import { formatDiagnostics } from '../diagnostics.js';
import { pinnedFactors } from '../../engine.js';
import type { CompiledProfile } from '../../score/profile.js';
import { EXIT } from '../exit-codes.js';

export interface FactorsOptions {
  year?: string;
  region?: string;
  factors?: string;
  /** A pack: the factors it really uses (its pinned grid factor, its grid series, its electricity energy value). */
  profile?: string;
  format?: string;
  color?: boolean;
}

export function runFactors(opts: FactorsOptions): number {
  const d = data();
  const color = useColor(process.stdout, opts.color);
  const c = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true };
  if (opts.year === undefined) {
    if (opts.region) throw new UsageError('--region needs --year (the factors that apply depend on the reporting year)');
    if (opts.profile) throw new UsageError('--profile needs --year (the factors that apply depend on the reporting year)');
    const sets = d.factorSets.map((s) => ({
      id: s.id,
      title: s.title,
      file: s.file,
      entries: s.entries.length,
      years: [...new Set(s.entries.map((e) => e.year).filter((y) => y !== undefined))].sort(),
    }));
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify(sets, null, 2)}\n`);
    else {
      const t = new Table({ head: ['set', 'title', 'entries', 'data years'], style });
      for (const s of sets) t.push([s.id, s.title, String(s.entries), s.years.join(', ') || 'timeless']);
      process.stdout.write(`${t.toString()}\n${c.dim('zcpark factors --year 2024 --region CN-NM lists the factors that would apply')}\n`);
    }
    return EXIT.ok;
  }
  const year = Number(opts.year);
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError(`--year takes a reporting year such as 2024 (got "${opts.year}")`);
  if (opts.region && !d.regions.has(opts.region)) {
    throw new UsageError(
      `unknown region "${opts.region}"${didYouMean(suggest(opts.region, [...d.regions.keys()]))}; use an ISO 3166-2:CN province code such as CN-NM`,
    );
  }
  const file = opts.factors ? factorsOption(opts.factors).entries : [];
  let pack: CompiledProfile | undefined;
  if (opts.profile) {
    const got = profileOption(opts.profile);
    if ('diagnostics' in got) {
      process.stderr.write(formatDiagnostics(got.diagnostics, useColor(process.stderr, opts.color)));
      return EXIT.data;
    }
    pack = got.profile;
  }
  // as the engine layers them: the user's --factors, then the pack's pin, then the built-in sets
  const resolver = new FactorResolver(
    {
      year,
      ...(opts.region ? { region: opts.region } : {}),
      gridRegionOf: d.gridRegionOf,
      layers: [[], file, pack ? pinnedFactors(pack.accounting, pack.id) : [], d.builtinFactors],
    },
    (u) => d.units.lookup(u)?.dimension,
  );
  const queries: { kind: FactorKind; category: Category; item: string; series?: string }[] = [];
  const grid = pack?.accounting.grid;
  // a pack uses one grid factor (pinned, or of its series) and one electricity energy value; without one, all are listed
  for (const series of grid ? ['series' in grid ? grid.series : 'average'] : ['average', 'residual', 'fossil', 'ets'])
    queries.push({ kind: 'co2', category: 'electricity', item: 'grid', series });
  for (const item of pack ? [pack.accounting.electricityEnergy] : ['calorific', 'coal_equivalent'])
    queries.push({ kind: 'energy', category: 'electricity', item });
  for (const item of ['purchased', 'onsite_renewable']) for (const kind of ['energy', 'co2'] as const) queries.push({ kind, category: 'heat', item });
  for (const item of d.vocabulary.categories.get('fuel')!.items.keys())
    for (const kind of ['energy', 'co2'] as const) queries.push({ kind, category: 'fuel', item });
  const rows = queries.flatMap((q) => {
    const f = resolver.resolve(q);
    if (!f) return [];
    const e = f.entry;
    return [
      {
        kind: q.kind,
        category: q.category,
        item: q.item,
        series: e.series ?? null,
        value: f.value.value.toNumber(),
        unit: f.value.unitText,
        year: e.year ?? null,
        region: e.region ?? null,
        confidence: e.confidence ?? null,
        origin: e.origin,
        source: e.source,
      },
    ];
  });
  if (opts.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({ year, region: opts.region ?? null, ...(pack ? { profile: pack.id } : {}), factors: rows, warnings: resolver.warnings.map((w) => ({ code: w.code, message: w.message })) }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const t = new Table({ head: ['factor', 'value', 'year', 'region', 'conf', 'source'], style, colWidths: [30, 22, 6, 16, 6, 48], wordWrap: true });
  // a --factors file is user text: controls shown as escapes
  for (const r of rows)
    t.push([
      termText(`${r.category}/${r.item}${r.series ? ` [${r.series}]` : ''} ${r.kind === 'co2' ? 'CO2' : 'energy'}`),
      termText(`${r.value} ${r.unit}`),
      r.year ?? '—',
      termText(r.region ?? 'national'),
      termText(r.confidence ?? ''),
      termText(r.source),
    ]);
  const lines = [
    c.bold(
      `Factors that apply to reporting year ${year}${opts.region ? ` in ${opts.region} (${d.regions.get(opts.region)!.en})` : ''}${pack ? ` under ${termText(pack.id)}` : ''}`,
    ),
    t.toString(),
  ];
  for (const w of resolver.warnings) lines.push(c.yellow(`warning ${termText(w.message)} [${w.code}]`));
  if (!pack)
    lines.push(
      c.dim(
        'A profile may pin a factor instead (zero-carbon-park: grid 0.8325 tCO2/MWh): zcpark factors --year <y> --profile <id> shows the ones a pack uses.',
      ),
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
