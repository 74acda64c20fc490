/** `zcpark factors [--year Y] [--region R]`: the built-in factor sets, or the factors that would apply, with sources. */
import { applicableFactors } from '../../account/applicable.js';
import { UsageError } from '../../diagnostics/errors.js';
import { didYouMean, suggest } from '../../diagnostics/suggest.js';
import { formatDiagnostics } from '../../report/diagnostics/lines.js';
import { applicableJson, applicableTable, factorSetLine, factorSetsJson, factorSetsTable, type ApplicableListing } from '../../report/listing/factors.js';
import type { CompiledProfile } from '../../score/profile.js';
import { data, factorsOption, profileOption, terminalWidth, useColor } from '../context.js';
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
  if (opts.year === undefined) {
    if (opts.region) throw new UsageError('--region needs --year (the factors that apply depend on the reporting year)');
    if (opts.profile) throw new UsageError('--profile needs --year (the factors that apply depend on the reporting year)');
    const sets = d.factorSets.map(factorSetLine);
    process.stdout.write(opts.format === 'json' ? factorSetsJson(sets) : factorSetsTable(sets, color, terminalWidth(process.stdout)));
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
  const found = applicableFactors({
    year,
    ...(opts.region ? { region: opts.region } : {}),
    factorsFile: file,
    ...(pack ? { pack } : {}),
    builtinFactors: d.builtinFactors,
    gridRegionOf: d.gridRegionOf,
    dimensionOf: (u) => d.units.lookup(u)?.dimension,
    fuelItems: d.vocabulary.categories.get('fuel')!.items.keys(),
  });
  const listing: ApplicableListing = {
    year,
    ...(opts.region ? { region: opts.region, regionName: d.regions.get(opts.region)!.en } : {}),
    ...(pack ? { profile: pack.id } : {}),
    ...found,
  };
  process.stdout.write(opts.format === 'json' ? applicableJson(listing) : applicableTable(listing, color, terminalWidth(process.stdout)));
  return EXIT.ok;
}
