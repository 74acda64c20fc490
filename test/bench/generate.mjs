// Generates the batch bench data: N submissions (YAML + a ~40-row activity CSV each) and an N-row roster.
// Deterministic (a seeded generator), written once under bench-out/ (git-ignored).
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

let seed = 20251124;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const ROWS = [
  ['electricity', 'grid', 'MWh', 2000, 40000],
  ['electricity', 'direct_green', 'MWh', 20000, 300000],
  ['electricity', 'green_trade', '万kWh', 100, 2000],
  ['electricity', 'green_certificate', 'MWh', 100, 1500],
  ['fuel', 'natural_gas', '万m3', 10, 400],
  ['fuel', 'diesel', 't', 5, 300],
  ['fuel', 'lpg', 't', 1, 80],
  ['transport', 'diesel', 't', 10, 600],
  ['heat', 'purchased', 'GJ', 1000, 60000],
  ['process', 'other', 'tCO2', 10, 3000],
];
const PROVINCES = ['CN-NM', 'CN-JS', 'CN-GD', 'CN-SD', 'CN-ZJ', 'CN-SC', 'CN-NX', 'CN-QH'];

export function generate(dir, n) {
  const marker = join(dir, `.complete-${n}`);
  if (existsSync(marker)) return;
  mkdirSync(join(dir, 'subs'), { recursive: true });
  const roster = [
    'id,name,profile,type,region,year,metric.solid_waste_utilization_rate,metric.waste_heat_utilization_rate,metric.water_reuse_rate,metric.products_meeting_energy_limit_share,metric.energy_carbon_platform,electricity.grid[MWh],electricity.direct_green[MWh],electricity.green_certificate[MWh],fuel.natural_gas[万m3],heat.purchased[GJ]',
  ];
  for (let i = 0; i < n; i++) {
    const id = `BENCH-${String(i).padStart(5, '0')}`;
    const sub = join(dir, 'subs', id);
    mkdirSync(sub, { recursive: true });
    const rows = ['entity,category,item,quantity,unit,note'];
    for (let r = 0; r < 40; r++) {
      const [c, item, unit, lo, hi] = pick(ROWS);
      rows.push(`ent-${r % 12},${c},${item},${(lo + rand() * (hi - lo)).toFixed(2)},${unit},row ${r}`);
    }
    writeFileSync(join(sub, 'activity.csv'), `${rows.join('\n')}\n`);
    writeFileSync(
      join(sub, 'park.yaml'),
      `format: zcpark/1
profile: zero-carbon-park
entity: { id: ${id}, name: 基准园区 ${i} Bench park ${i}, type: park, region: ${pick(PROVINCES)} }
year: 2024
metrics:
  solid_waste_generated: { value: ${(10000 + rand() * 90000).toFixed(0)}, unit: t }
  solid_waste_utilized: { value: ${(8000 + rand() * 50000).toFixed(0)}, unit: t }
  waste_heat_utilization_rate: "${(30 + rand() * 40).toFixed(1)}%"
  water_reuse_rate: "${(70 + rand() * 28).toFixed(1)}%"
  products_meeting_energy_limit_share: ${(0.8 + rand() * 0.2).toFixed(3)}
  energy_carbon_platform: ${rand() > 0.3}
activity_files: [activity.csv]
`,
    );
    roster.push(
      `R-${id},名册园区 ${i},zero-carbon-park,park,${pick(PROVINCES)},2024,${(60 + rand() * 40).toFixed(1)}%,${(30 + rand() * 40).toFixed(1)}%,${(70 + rand() * 28).toFixed(1)}%,1,true,${(rand() * 40000).toFixed(0)},${(rand() * 300000).toFixed(0)},${(rand() * 2000).toFixed(0)},${(rand() * 400).toFixed(1)},${(rand() * 60000).toFixed(0)}`,
    );
  }
  writeFileSync(join(dir, 'roster.csv'), `${roster.join('\n')}\n`);
  writeFileSync(marker, '');
}

/**
 * A metering dump of about `bytes` bytes for the streaming bench: 500 meters, the activity mix above,
 * quantities with two decimals (so rows rarely repeat), a note per row. Deterministic; written once.
 */
export function generateStream(path, bytes) {
  if (existsSync(path) && statSync(path).size >= bytes) return;
  let s = 777;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fd = openSync(`${path}.tmp`, 'w');
  writeSync(fd, 'entity,category,item,quantity,unit,note\n');
  let written = 0;
  let block = '';
  for (let i = 0; written < bytes; i++) {
    const [c, item, unit, lo, hi] = ROWS[Math.floor(r() * ROWS.length)];
    block += `meter-${i % 500},${c},${item},${((lo + r() * (hi - lo)) / 1000).toFixed(3)},${unit},interval ${i}\n`;
    if (block.length > 1 << 20) {
      written += writeSync(fd, block);
      block = '';
    }
  }
  writeSync(fd, block);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
}
