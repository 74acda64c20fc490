/** `zcpark profiles`: the rule packs, or one pack's indicators, thresholds, weights and sources, as a table or JSON. */
import { Chalk } from 'chalk';
import type { CompiledProfile } from '../../score/profile.js';
import { termText } from '../escape.js';
import { listingTable } from './table.js';

const describeGrid = (p: CompiledProfile) =>
  'pinned' in p.accounting.grid ? `pinned ${p.accounting.grid.pinned.toString()} ${p.accounting.grid.unit}` : `MEE/NBS ${p.accounting.grid.series} series`;

/** The pack as plain data (the JSON output). */
function packData(p: CompiledProfile) {
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

/** The packs, a line each. */
export function packsJson(packs: CompiledProfile[]): string {
  return `${JSON.stringify(
    packs.map((p) => ({ id: p.id, title: p.title, source: p.source, indicators: p.indicators.length })),
    null,
    2,
  )}\n`;
}

/** `width`: the terminal's (DEFAULT_WIDTH when absent); a source wraps rather than losing its address to "…". */
export function packsTable(packs: CompiledProfile[], color: boolean, width?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
  const rows = packs.map((p) => [p.id, p.title, String(p.indicators.length), p.source]);
  const t = listingTable(['id', 'title', 'indicators', 'source'], rows, { flex: 3, colAligns: ['left', 'left', 'right', 'left'], color, width });
  return `${t}\n${c.dim('zcpark profiles <id> shows a pack; --profile <id|file> applies one')}\n`;
}

/** One pack, whole. */
export function packJson(p: CompiledProfile): string {
  return `${JSON.stringify(packData(p), null, 2)}\n`;
}

export function packText(p: CompiledProfile, color: boolean, width?: number): string {
  const c = new Chalk({ level: color ? 1 : 0 });
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
    return `${lines.join('\n')}\n`;
  }
  lines.push(`grades: ${p.grades.map((g) => `${T(g.grade)} ≥ ${g.min}`).join(', ')}; verdict passes only when every core (★) indicator passes`);
  const rows = p.indicators.map((i) => {
    const th = i.thresholds.map((x) => T(`${x.when ? `when ${x.when}: ` : ''}${x.op} ${x.value}`)).join('\n');
    return [
      `${i.core ? '★ ' : ''}${T(i.id)}\n${T(i.name.en)}\n${T(i.name.zh)}`,
      T(i.formula),
      th,
      String(i.weight),
      T(`${i.source ?? ''}${i.confidence ? ` [${i.confidence}]` : ''}`),
    ];
  });
  lines.push(
    listingTable(['indicator', 'formula', 'threshold', 'weight', 'source'], rows, {
      flex: 4,
      colAligns: ['left', 'left', 'left', 'right', 'left'],
      color,
      width,
    }),
  );
  return `${lines.join('\n')}\n`;
}
