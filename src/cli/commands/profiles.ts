/** `zcpark profiles [id]`: the rule packs, or one pack's indicators, thresholds, weights and sources. */
import { builtinProfile } from '../../data/load.js';
import { formatDiagnostics } from '../../report/diagnostics/lines.js';
import { packJson, packsJson, packsTable, packText } from '../../report/listing/profiles.js';
import type { CompiledProfile } from '../../score/profile.js';
import { data, profileOption, terminalWidth, useColor } from '../context.js';
import { EXIT } from '../exit-codes.js';

export interface ProfilesOptions {
  format?: string;
  color?: boolean;
}

export function runProfiles(id: string | undefined, opts: ProfilesOptions): number {
  const d = data();
  const color = useColor(process.stdout, opts.color);
  if (!id) {
    const packs = d.profileIds.map((pid) => (builtinProfile(pid, d) as { profile: CompiledProfile }).profile);
    process.stdout.write(opts.format === 'json' ? packsJson(packs) : packsTable(packs, color, terminalWidth(process.stdout)));
    return EXIT.ok;
  }
  const got = profileOption(id);
  if ('diagnostics' in got) {
    process.stderr.write(formatDiagnostics(got.diagnostics, useColor(process.stderr, opts.color)));
    return EXIT.data;
  }
  process.stdout.write(opts.format === 'json' ? packJson(got.profile) : packText(got.profile, color, terminalWidth(process.stdout)));
  return EXIT.ok;
}
