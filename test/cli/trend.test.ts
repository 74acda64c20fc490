/**
 * `zcpark trend` (README § zcpark trend) on fixtures/trend/city: four years of one city, hand-checked.
 * Coal at 0.5 tce/t and 2 tCO2/t (the submissions' own factors), 200 t of coal as feedstock (100 tce, no CO2),
 * 300 tCO2 of process CO2, GDP in 万元 at 2020 prices:
 *   year  coal t  GDP   energy_t  gross_t  energy tce  carbon intensity     energy intensity
 *   2020  1000    1000  2000      2300     600         2000/1000 = 2        500/1000 = 0.5
 *   2021  1060    1100  2120      2420     630         2120/1100            530/1100
 *   2022  1050    1150  2100      2400     625         2100/1150            525/1150
 *   2023  1000    1150  2000      2300     600         2000/1150            500/1150
 * Actual cut vs 2020: 1 − 1060/1100 = 0.0363…, 1 − 1050/1150 = 0.0869…, 1 − 1000/1150 = 0.1304….
 * Expected cut of 18 % by 2025: 1 − 0.82^(k/5), k = 1, 2, 3, computed independently with 60-digit decimals
 * (Python's decimal: 1 − exp(ln(0.82)·k/5)) and rounded to the nearest double.
 * 2021 is behind (0.03636 < 0.03891), 2022 and 2023 on track; the peak is 2021 (2420 t), later years lower.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAjv } from '../../src/data/load.js';
import type { Trend } from '../../src/report/trend/types.js';
import { golden, unversioned } from '../helpers/golden.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const CITY = 'fixtures/trend/city';
const files = [2020, 2021, 2022, 2023].map((y) => `${CITY}/city-${y}.yaml`);
const text = (y: number) => readFileSync(join(ROOT, CITY, `city-${y}.yaml`), 'utf8');

let trend: Trend;
let json: string;
let tmp: string;
beforeAll(() => {
  const r = runCli(['trend', CITY, '-f', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  json = r.stdout;
  trend = JSON.parse(json) as Trend;
  tmp = mkdtempSync(join(tmpdir(), 'zcpark-trend-'));
}, 30_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes variants of the fixture years into a fresh folder and returns their paths. */
function variant(name: string, years: Record<string, string>): string[] {
  const dir = join(tmp, name);
  rmSync(dir, { recursive: true, force: true });
  const out: string[] = [];
  for (const [file, body] of Object.entries(years)) {
    const p = join(dir, file);
    mkdirSync(dir, { recursive: true });
    writeFileSync(p, body);
    out.push(p);
  }
  return out;
}

describe('trend of the hand-checked city', () => {
  it('matches the golden JSON byte for byte', () => {
    expect(unversioned(json)).toBe(golden('trend.json'));
  });

  it('validates against zcpark schema trend', () => {
    const ajv = newAjv();
    const validate = ajv.getSchema('https://zcpark.dev/schemas/trend.schema.json')!;
    expect(validate(trend), JSON.stringify(validate.errors)).toBe(true);
    const s = runCli(['schema', 'trend']);
    expect(s.code).toBe(0);
    expect(JSON.parse(s.stdout).$id).toBe('https://zcpark.dev/schemas/trend.schema.json');
  });

  it('gives the per-year figures', () => {
    expect(trend.format).toBe('zcpark-trend/1');
    expect(trend.base_year).toBe(2020);
    expect(trend.factors_year).toBeNull();
    expect(trend.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    expect(trend.years.map((y) => y.energy_t)).toEqual([2000, 2120, 2100, 2000]);
    expect(trend.years.map((y) => y.gross_t)).toEqual([2300, 2420, 2400, 2300]);
    expect(trend.years.map((y) => y.net_t)).toEqual([2300, 2420, 2400, 2300]);
    expect(trend.years.map((y) => y.energy_total_tce)).toEqual([600, 630, 625, 600]);
    expect(trend.years.map((y) => y.feedstock_tce)).toEqual([100, 100, 100, 100]);
    expect(trend.years.map((y) => y.gdp)).toEqual([1000, 1100, 1150, 1150].map((v) => ({ value_10k_cny: v, price_year: 2020, field: 'gdp' })));
    expect(trend.years.map((y) => y.carbon_intensity)).toEqual([2, 2120 / 1100, 2100 / 1150, 2000 / 1150]);
    expect(trend.years.map((y) => y.energy_intensity)).toEqual([0.5, 530 / 1100, 525 / 1150, 500 / 1150]);
  });

  it('gives year-on-year and cumulative changes', () => {
    const g = trend.years.map((y) => y.changes.gross_t);
    expect(g[0]).toEqual({ yoy: null, cumulative: null });
    // exact fractions, then the nearest double: 2420/2300 − 1 = 12/115
    expect(g[1]).toEqual({ yoy: 6 / 115, cumulative: 6 / 115 });
    expect(g[2]).toEqual({ yoy: -20 / 2420, cumulative: 100 / 2300 });
    expect(g[3]).toEqual({ yoy: -100 / 2400, cumulative: 0 });
    // intensity: 1060/1100 − 1 = −40/1100 = −1/27.5
    expect(trend.years[1]!.changes.carbon_intensity).toEqual({ yoy: -2 / 55, cumulative: -2 / 55 });
    expect(trend.years[3]!.changes.carbon_intensity.cumulative).toBe(-3 / 23);
  });

  it('tracks the target with a year: one year behind, then on track', () => {
    expect(trend.targets).toHaveLength(1); // the bare 13.5 % has no year and no path
    const t = trend.targets[0]!;
    expect(t).toMatchObject({ id: 'carbon_intensity_reduction', figure: 'carbon_intensity', value: 0.18, year: 2025 });
    expect(t.by_year.map((b) => b.expected)).toEqual([0.03891285038993671, 0.07631149085440381, 0.11225484361769007]);
    expect(t.by_year.map((b) => b.actual)).toEqual([2 / 55, 2 / 23, 3 / 23]);
    expect(t.by_year.map((b) => b.status)).toEqual(['behind', 'on_track', 'on_track']);
    expect(t.by_year[0]!.gap).toBeLessThan(0);
    expect(t.by_year[0]!.gap).toBeCloseTo(2 / 55 - 0.03891285038993671, 15);
  });

  it('finds the peak', () => {
    expect(trend.peak).toEqual({ year: 2021, gross_t: 2420, status: 'peaked' });
  });

  it('keeps every indicator of every year, with energy intensity net of feedstock', () => {
    for (const y of trend.years) expect(y.indicators.map((i) => i.id)).toContain('energy_intensity_reduction');
    // 1 − (530/1100)/(500/1000): feedstock deducted
    expect(trend.years[1]!.indicators.find((i) => i.id === 'energy_intensity_reduction')!.value).toBe(2 / 55);
  });

  it('prints the same bytes whatever the order of the files (every permutation of four)', () => {
    const perms = (xs: string[]): string[][] =>
      xs.length <= 1 ? [xs] : xs.flatMap((x, i) => perms([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    // 24 orders; six spread over the permutation space are enough to run in seconds, the rest are the same code path
    const all = perms(files);
    for (const order of [all[0]!, all[5]!, all[9]!, all[14]!, all[18]!, all[23]!]) {
      const r = runCli(['trend', ...order, '-f', 'json']);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(json);
    }
  }, 60_000);

  it('--factors-year says which vintage was used', () => {
    const r = runCli(['trend', CITY, '-f', 'json', '--factors-year', '2022']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Trend).factors_year).toBe(2022);
  }, 30_000);

  it('--base-year moves the base; a year before it is an error naming the file', () => {
    const r = runCli(['trend', CITY, '-f', 'json', '--base-year', '2021']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('city-2020.yaml');
    expect(r.stderr).toContain('ZC-E-TREND-BASE-YEAR');
    const ok = runCli(['trend', files[1]!, files[2]!, files[3]!, '-f', 'json', '--base-year', '2021']);
    expect(ok.code).toBe(0);
    const t = JSON.parse(ok.stdout) as Trend;
    expect(t.base_year).toBe(2021);
    expect(t.peak.status).toBe('peaked');
    expect(t.years[2]!.changes.gross_t.cumulative).toBe(-6 / 121);
  }, 30_000);
});

describe('trend errors', () => {
  it("two entities: exit 1, naming the other entity's file", () => {
    const [a] = variant('entities', { 'other.yaml': text(2022).replace('id: TREND-CITY', 'id: OTHER-CITY') });
    const r = runCli(['trend', files[0]!, files[1]!, a!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZC-E-TREND-ENTITY');
    expect(r.stderr).toContain('other.yaml');
    expect(r.stderr).toContain('OTHER-CITY');
    expect(r.stdout).toBe('');
  });

  it('two files for one year', () => {
    const [a] = variant('dup', { 'again-2021.yaml': text(2021) });
    const r = runCli(['trend', files[0]!, files[1]!, a!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZC-E-TREND-YEAR-DUPLICATE');
    expect(r.stderr).toContain('again-2021.yaml');
    expect(r.stderr).toContain('city-2021.yaml');
  });

  it('one file only', () => {
    const r = runCli(['trend', files[0]!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZC-E-TREND-TOO-FEW');
    expect(r.stderr).toContain('city-2020.yaml');
  });

  it('mixed profiles; --profile makes them one', () => {
    const [a] = variant('profiles', { 'budget-2022.yaml': text(2022).replace('profile: carbon-peaking-city', 'profile: carbon-budget') });
    const r = runCli(['trend', files[0]!, a!]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZC-E-TREND-PROFILE');
    expect(r.stderr).toContain('budget-2022.yaml');
    expect(runCli(['trend', files[0]!, a!, '-p', 'carbon-peaking-city', '-f', 'json']).code).toBe(0);
  });

  it('usage errors exit 2', () => {
    expect(runCli(['trend', CITY, '--base-year', 'twenty']).code).toBe(2);
    expect(runCli(['trend', CITY, '-f', 'xml']).code).toBe(2);
    expect(runCli(['trend', 'no/such/folder']).code).toBe(2);
  });
});

describe('constant prices', () => {
  it('GDP at different price years makes the intensity changes and the target path missing, with the reason', () => {
    const [a, b] = variant('prices', {
      'p-2020.yaml': text(2020),
      'p-2021.yaml': text(2021).replace('gdp: { value: 1100, unit: 万元, price_year: 2020 }', 'gdp: { value: 1200, unit: 万元, price_year: 2021 }'),
    });
    const r = runCli(['trend', a!, b!, '-f', 'json']);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Trend;
    const c = t.years[1]!.changes.carbon_intensity;
    expect(c.yoy).toBeNull();
    expect(c.cumulative).toBeNull();
    expect(c.missing?.cumulative).toContain('2020: at 2020 prices; 2021: at 2021 prices');
    expect(t.years[1]!.changes.gross_t.cumulative).toBe(6 / 115); // tonnes need no prices
    expect(t.targets[0]!.by_year[0]).toMatchObject({ year: 2021, actual: null, gap: null, status: 'missing' });
    // the single-year pack follows the same rule: economy.gdp at 2021 prices against baseline.gdp at 2020 prices
    const ind = t.years[1]!.indicators.find((i) => i.id === 'carbon_intensity_reduction')!;
    expect(ind.status).toBe('missing');
    expect(ind.reason).toContain('economy.gdp is at 2021 prices and baseline.gdp at 2020 prices');
  }, 30_000);

  it('a GDP without a price year is warned, in evaluate and in trend', () => {
    const [a, b] = variant('unpriced', {
      'u-2020.yaml': text(2020).replace(', price_year: 2020 }', ' }'),
      'u-2021.yaml': text(2021).replace(', price_year: 2020 }', ' }'),
    });
    const e = runCli(['evaluate', a!, '-f', 'json']);
    expect(e.code).toBe(0);
    expect(e.stderr).toBe('');
    expect(JSON.stringify(JSON.parse(e.stdout).warnings)).toContain('ZC-W-PRICE-YEAR');
    const r = runCli(['trend', a!, b!, '-f', 'json']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Trend).warnings.map((w) => w.code)).toContain('ZC-W-PRICE-YEAR');
  }, 30_000);
});

describe('zcpark init --years', () => {
  it('writes one submission a year that trend accepts as written', () => {
    const dir = join(tmp, 'init-years');
    const w = runCli(['init', dir, '--profile', 'carbon-peaking-city', '--years', '2020-2023']);
    expect(w.code).toBe(0);
    const r = runCli(['trend', dir, '-f', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Trend;
    expect(t.years.map((y) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    expect(t.years.every((y) => y.gdp?.price_year === 2020)).toBe(true);
    expect(t.targets.map((g) => [g.id, g.value, g.year])).toEqual([['carbon_intensity_reduction', 0.18, 2025]]);
    expect(t.warnings.map((w) => w.code)).not.toContain('ZC-W-PRICE-YEAR'); // only the factor library's vintage and geography notes
    expect(runCli(['init', join(tmp, 'bad-years'), '--years', '2023-2020']).code).toBe(2);
  }, 30_000);
});

describe('trend outputs write user values inertly', () => {
  it('escapes a hostile entity name in html, markdown, table and csv', () => {
    const name = '"<script>alert(1)</script> [x](http://e.vil) \\u202e\\u001b[31m =cmd"';
    const [a, b] = variant('hostile', {
      'h-2020.yaml': text(2020).replace('name: Trend test city', `name: ${name}`),
      'h-2021.yaml': text(2021).replace('name: Trend test city', `name: ${name}`),
    });
    const html = runCli(['trend', a!, b!, '-f', 'html']).stdout;
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const md = runCli(['trend', a!, b!, '-f', 'markdown']).stdout;
    expect(md).not.toContain('[x](http://e.vil)');
    const table = runCli(['trend', a!, b!, '-f', 'table']).stdout;
    expect(table).not.toMatch(/[\u001b\u202e]/);
    expect(table).toContain('\\u202e');
    const csv = runCli(['trend', a!, b!, '-f', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^\ufeffentity,profile,base_year/);
  }, 30_000);
});

describe('the README examples of trend work as written', () => {
  it('runs each `npx zcpark trend …` line of the README section', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const lines = [...readme.matchAll(/^npx zcpark trend (.+?)(?:\s{2,}#.*)?$/gm)].map((m) => m[1]!.replace(/\s+-o \S+/, '').replace(/\s*\|.*$/, ''));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      const args = [...l.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const r = runCli(['trend', ...args, '-f', 'json']);
      expect([l, r.code, r.stderr]).toEqual([l, 0, '']);
    }
  }, 60_000);
});

describe('the trend format registry', () => {
  it('is what -f offers and -o extensions pick (src/cli/formats.ts lists the same names and extensions)', async () => {
    const { OUTPUT_FORMATS } = await import('../../src/cli/formats.js');
    const { TREND_FORMATS } = await import('../../src/report/trend/index.js');
    expect(OUTPUT_FORMATS.trend.map((f) => [f.name, [...f.extensions]])).toEqual(TREND_FORMATS.map((f) => [f.name, [...f.extensions]]));
  });
});

describe('trend under zcpark.config.yaml', () => {
  // the city with 2021's GDP given no price_year: that year's evaluation warns ZC-W-PRICE-YEAR, and so does the trend
  // itself (its intensity changes assume constant prices); both name city/city-2021.yaml
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zcpark-trend-config-'));
    mkdirSync(join(dir, 'city'));
    for (const y of [2020, 2021, 2022, 2023]) {
      const t = y === 2021 ? text(y).replace('gdp: { value: 1100, unit: 万元, price_year: 2020 }', 'gdp: { value: 1100, unit: 万元 }') : text(y);
      writeFileSync(join(dir, 'city', `city-${y}.yaml`), t);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const withConfig = (config: string | undefined, args: string[] = ['-f', 'json']) => {
    rmSync(join(dir, 'zcpark.config.yaml'), { force: true });
    if (config !== undefined) writeFileSync(join(dir, 'zcpark.config.yaml'), `format: zcpark-config/1\n${config}`);
    return runCli(['trend', 'city', ...args], { cwd: dir });
  };
  const codes = (stdout: string) => (JSON.parse(stdout) as Trend).warnings.map((w) => `${w.code} ${w.file}`);

  it('keeps both warnings without a config', () => {
    const r = withConfig(undefined);
    expect(r.code).toBe(0);
    expect(codes(r.stdout)).toEqual(['ZC-W-PRICE-YEAR city/city-2021.yaml', 'ZC-W-PRICE-YEAR city/city-2021.yaml']);
  });

  it('drops a code the config turns off, and one it ignores for that file', () => {
    for (const config of ['severity:\n  ZC-W-PRICE-YEAR: off\n', 'ignore:\n  - { code: ZC-W-PRICE-YEAR, path: city/city-2021.yaml }\n']) {
      const r = withConfig(config);
      expect([r.code, r.stderr]).toEqual([0, '']);
      expect(codes(r.stdout)).toEqual([]);
    }
    // an ignore for another file leaves them
    expect(codes(withConfig('ignore:\n  - { code: ZC-W-PRICE-YEAR, path: city/city-2022.yaml }\n').stdout)).toHaveLength(2);
  });

  it('makes no trend when the config raises the warning to an error (exit 1, the year named)', () => {
    const r = withConfig('severity:\n  ZC-W-PRICE-YEAR: error\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // the year's own warning, at economy.gdp (line 9, column 8), is the error: that year is invalid, so no trend is made
    expect(r.stderr).toMatch(
      /^city\/city-2021\.yaml:9:8 {2}error {2}economy\.gdp gives no price_year .* {2}ZC-W-PRICE-YEAR\n1 error, 0 warnings; no trend is made\n$/,
    );
  });

  it('makes no trend when a year cannot be evaluated, even with its error turned off or lowered', () => {
    // 2022 with a negative quantity (ZC-E-NUMBER-NEGATIVE): the config may silence the finding, not supply the year
    const file = join(dir, 'city', 'city-2022.yaml');
    writeFileSync(file, text(2022).replace('quantity: 1050, unit: t }', 'quantity: -1050, unit: t }'));
    try {
      const off = withConfig('severity:\n  ZC-E-NUMBER-NEGATIVE: off\n');
      expect([off.code, off.stdout, off.stderr]).toEqual([1, '', '0 errors, 0 warnings; 1 submission could not be evaluated; no trend is made\n']);
      const lowered = withConfig('severity:\n  ZC-E-NUMBER-NEGATIVE: warning\n');
      expect(lowered.code).toBe(1);
      expect(lowered.stderr).toMatch(/ {2}warning {2}.*ZC-E-NUMBER-NEGATIVE\n0 errors, 1 warning; 1 submission could not be evaluated; no trend is made\n$/);
    } finally {
      writeFileSync(file, text(2022));
    }
  });

  it("takes the config's default format and language where the command line is silent", () => {
    const r = withConfig('defaults:\n  format: markdown\n  lang: zh\n', []);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('## Trend test city (TREND-CITY): 2020–2023\n')).toBe(true);
    expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    // -f on the command line wins
    expect(withConfig('defaults:\n  format: markdown\n', ['-f', 'json']).stdout.startsWith('{')).toBe(true);
  });
});

describe('trend -f table fits the terminal', () => {
  const tableLines = (out: string) => out.split('\n').filter((l) => /^[┌│├└]/.test(l));
  it('splits a table wider than COLUMNS into tables that fit, each starting with the year or the label', () => {
    const narrow = runCli(['trend', CITY, '-f', 'table'], { env: { COLUMNS: '60' } });
    expect(narrow.code).toBe(0);
    expect(Math.max(...tableLines(narrow.stdout).map((l) => stringWidth(l)))).toBeLessThanOrEqual(60);
    // nothing is lost: every figure of the wide table is still there (2023's net tCO2, intensities, verdict)
    for (const cell of ['2,300', '1.7391', '0.4348', '-13.04 %']) expect(narrow.stdout).toContain(cell);
    const wide = runCli(['trend', CITY, '-f', 'table'], { env: { COLUMNS: '200' } });
    // at 200 columns the figures are one table of ten columns, 127 wide
    expect(
      tableLines(wide.stdout)
        .filter((l) => l.startsWith('│ year'))[0]!
        .split('│').length - 2,
    ).toBe(10);
    expect(Math.max(...tableLines(wide.stdout).map((l) => stringWidth(l)))).toBe(127);
  });
});
