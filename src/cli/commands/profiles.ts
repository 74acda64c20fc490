/** `zcpark profiles [id]`: the rule packs, or one pack's indicators, thresholds, weights and sources. */
import { termText } from '../../report/escape.js';
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { builtinProfile } from '../../data/load.js';
import type { CompiledProfile } from '../../score/profile.js';
import { data, profileOption, useColor } from '../context.js';
import { formatDiagnostics } from '../diagnostics.js';
import { EXIT } from '../exit-codes.js';

export interface ProfilesOptions {
  format?: string;
  color?: boolean;
}

const describeGrid = (p: CompiledProfile) =>
  'pinned' in p.accounting.grid ? `pinned ${p.accounting.grid.pinned.toString()} ${p.accounting.grid.unit}` : `MEE/NBS ${p.accounting.grid.series} series`;

/** The pack as plain data (the JSON output). */
function packJson(p: CompiledProfile) {
  return {
    id: p.id,
    title: p.title,
    source: p.source,
    file: p.file,
    accounting: {
      electricity_energy: p.accounting.electricityEnergy,
      grid_factor:
        'pinned' in p.accounting.grid
          ? { pinned: p.accounting.grid.pinned.toNumber(), unit: p.accounting.grid.unit, source: p.accounting.grid.source }
          : p.accounting.grid.series,
      credit_net_exports: p.accounting.creditNetExports,
      clean_includes_gas: p.accounting.cleanIncludesGas,
      gases: p.accounting.gases,
    },
    grades: p.grades,
    ...(p.evaluates ? { evaluates: p.evaluates } : {}),
    indicators: p.indicators.map((i) => ({
      id: i.id,
      name: i.name,
      unit: i.unit ?? null,
      formula: i.formula,
      core: i.core,
      weight: i.weight,
      thresholds: i.thresholds,
      source: i.source ?? null,
      confidence: i.confidence ?? null,
    })),
  };
}

export function runProfiles(id: string | undefined, opts: ProfilesOptions): number {
  const d = data();
  const color = useColor(process.stdout, opts.color);
  const c = new Chalk({ level: color ? 1 : 0 });
  const style = { head: color ? ['cyan'] : [], border: color ? ['grey'] : [], compact: true };
  if (!id) {
    const packs = d.profileIds.map((pid) => (builtinProfile(pid, d) as { profile: CompiledProfile }).profile);
    if (opts.format === 'json') {
      process.stdout.write(
        `${JSON.stringify(
          packs.map((p) => ({ id: p.id, title: p.title, source: p.source, indicators: p.indicators.length })),
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    const t = new Table({ head: ['id', 'title', 'indicators', 'source'], style, colWidths: [22, 40, 12, 60], wordWrap: true });
    for (const p of packs) t.push([p.id, p.title, String(p.indicators.length), p.source]);
    process.stdout.write(`${t.toString()}\n${c.dim('zcpark profiles <id> shows a pack; --profile <id|file> applies one')}\n`);
    return EXIT.ok;
  }
  const got = profileOption(id);
  if ('diagnostics' in got) {
    process.stderr.write(formatDiagnostics(got.diagnostics, useColor(process.stderr, opts.color)));
    return EXIT.data;
  }
  const p = got.profile;
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify(packJson(p), null, 2)}\n`);
    return EXIT.ok;
  }
  // a pack given as a file is user text: controls shown as escapes
  const T = termText;
  const lines = [c.bold(T(`${p.id} — ${p.title}`)), `source: ${T(p.source)}`];
  lines.push(
    `accounting: electricity energy at the ${p.accounting.electricityEnergy === 'coal_equivalent' ? 'equivalent value (等价值)' : 'calorific value (当量值)'}; grid factor ${describeGrid(p)}; non-renewable exports ${p.accounting.creditNetExports ? 'credited at the grid factor (annex 4 net inflow)' : 'not credited'}; natural gas ${p.accounting.cleanIncludesGas ? 'counts' : 'does not count'} as clean`,
  );
  if (p.evaluates === 'goods') {
    lines.push(
      "evaluates goods: the pack scores nothing; each good's specific embedded emissions (SEE, direct and indirect, tCO2e per tonne) are computed per production process; verdict pass when every good has its SEE, incomplete otherwise (README § EU CBAM)",
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  }
  lines.push(`grades: ${p.grades.map((g) => `${T(g.grade)} ≥ ${g.min}`).join(', ')}; verdict passes only when every core (★) indicator passes`);
  const t = new Table({ head: ['indicator', 'formula', 'threshold', 'weight', 'source'], style, colWidths: [34, 40, 34, 8, 50], wordWrap: true });
  for (const i of p.indicators) {
    const th = i.thresholds.map((x) => T(`${x.when ? `when ${x.when}: ` : ''}${x.op} ${x.value}`)).join('\n');
    t.push([
      `${i.core ? '★ ' : ''}${T(i.id)}\n${T(i.name.en)}\n${T(i.name.zh)}`,
      T(i.formula),
      th,
      String(i.weight),
      T(`${i.source ?? ''}${i.confidence ? ` [${i.confidence}]` : ''}`),
    ]);
  }
  lines.push(t.toString());
  process.stdout.write(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
