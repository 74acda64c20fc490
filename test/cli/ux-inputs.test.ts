/** Inputs as people write them (issue #17): shares written as percentages, rankings, workbooks, words, terminal widths. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { ROOT, runCli } from '../helpers/run-cli.js';
import { xlsx, zipBomb, type Cell } from '../helpers/xlsx.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'zcpark-ux-'));

describe('a share written as a percentage', () => {
  it('is an error with "did you mean 45%?" and never scores, in a submission', { timeout: 30_000 }, () => {
    const dir = tmp();
    cpSync(join(ROOT, 'fixtures/invalid/rate-above-100-percent'), dir, { recursive: true });
    const park = readFileSync(join(dir, 'park.yaml'), 'utf8')
      .replace('water_reuse_rate: 92', 'water_reuse_rate: 0.92')
      .replace('waste_heat_utilization_rate: "55%"', 'waste_heat_utilization_rate: 45');
    writeFileSync(join(dir, 'park.yaml'), park);
    const r = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'park.yaml:13:32  error  metrics.waste_heat_utilization_rate: 45 is not a share; zero-carbon-park reads it as a fraction between 0 and 1 (0 % … 100 %) (did you mean "45%"?)  ZC-E-SHARE-RANGE',
    );
    // written as 45 %, it scores
    writeFileSync(join(dir, 'park.yaml'), park.replace('waste_heat_utilization_rate: 45', 'waste_heat_utilization_rate: 45%'));
    const ok = runCli(['evaluate', join(dir, 'park.yaml'), '-f', 'json']);
    const rep = JSON.parse(ok.stdout);
    expect(rep.indicators.find((i: { id: string }) => i.id === 'waste_heat_utilization').value).toBe(0.45);
  });

  it('is an error in a roster row, which is not ranked', { timeout: 30_000 }, () => {
    const dir = tmp();
    const roster = readFileSync(join(ROOT, 'fixtures/batch/roster.csv'), 'utf8').split('\n');
    roster[1] = roster[1]!.replace(',88%,61%,92%,', ',85,50,80,');
    writeFileSync(join(dir, 'roster.csv'), roster.join('\n'));
    const out = JSON.parse(runCli(['batch', join(dir, 'roster.csv'), '-f', 'json', '--fail-on', 'never']).stdout);
    expect(out.summary.ranking.map((x: { id: string }) => x.id)).not.toContain('NM-R-01');
    const e = out.errors.find((x: { row?: number }) => x.row === 2);
    expect(e.errors.map((d: { field: string; code: string; suggestion?: string }) => `${d.field} ${d.code} ${d.suggestion}`)).toEqual([
      'metric.solid_waste_utilization_rate ZC-E-SHARE-RANGE 85%',
      'metric.waste_heat_utilization_rate ZC-E-SHARE-RANGE 50%',
      'metric.water_reuse_rate ZC-E-SHARE-RANGE 80%',
    ]);
  });
});

describe('ranking', () => {
  // NM-R-01 passes its core indicator but fails most guiding ones (score 64.5: 40 + 20 + 1.25 + 1 + 1.25 + 1); NM-R-02 fails the core one (score 83.0)
  const roster = () => {
    const dir = tmp();
    const lines = readFileSync(join(ROOT, 'fixtures/batch/roster.csv'), 'utf8').split('\n');
    lines[1] = lines[1]!.replace(',88%,61%,92%,1,', ',10%,5%,10%,0.1,');
    writeFileSync(join(dir, 'roster.csv'), lines.slice(0, 4).join('\n') + '\n');
    return join(dir, 'roster.csv');
  };

  it('puts every passing park above a failing one, then orders by score; --rank-by score orders by score alone', { timeout: 30_000 }, () => {
    const file = roster();
    const byVerdict = JSON.parse(runCli(['batch', file, '-f', 'json', '--fail-on', 'never']).stdout).summary;
    expect(byVerdict.rank_by).toBe('verdict');
    expect(
      byVerdict.ranking.map((r: { rank: number; id: string; verdict: string; score: number }) => `${r.rank} ${r.id} ${r.verdict} ${r.score.toFixed(1)}`),
    ).toEqual(['1 NM-R-03 pass 100.0', '2 NM-R-01 pass 64.5', '3 NM-R-02 fail 83.0']);
    const byScore = JSON.parse(runCli(['batch', file, '-f', 'json', '--fail-on', 'never', '--rank-by', 'score']).stdout).summary;
    expect(byScore.ranking.map((r: { rank: number; id: string }) => `${r.rank} ${r.id}`)).toEqual(['1 NM-R-03', '2 NM-R-02', '3 NM-R-01']);
    expect(runCli(['batch', file, '--rank-by', 'grade']).code).toBe(2);
  });

  it('writes the summary CSV in rank order with region, total tce, core value, every status and the warning codes', { timeout: 30_000 }, () => {
    const csv = runCli(['batch', roster(), '-f', 'csv', '--fail-on', 'never'])
      .stdout.replace(/^\ufeff/, '')
      .split('\r\n');
    expect(csv[0]).toBe(
      'rank,file,row,id,name,profile,type,region,total_tce,verdict,score,grade,carbon_per_energy,carbon_per_energy_status,clean_energy_share_status,solid_waste_utilization_status,waste_heat_utilization_status,water_reuse_status,product_energy_standard_status,green_direct_supply_share_status,energy_carbon_platform_status,failed_indicators,warnings,warning_codes,error',
    );
    expect(
      csv.slice(1, 4).map((l) =>
        l
          .split(',')
          .filter((_, i) => [0, 3, 7, 8, 9, 13, 15, 22, 23].includes(i))
          .join(' '),
      ),
    ).toEqual([
      '1 NM-R-03 CN-NM 237740.25 pass pass pass 0 ',
      '2 NM-R-01 CN-NM 198249.3 pass pass fail 1 ZC-W-BAND-BELOW-MIN',
      '3 NM-R-02 CN-NM 197202.4 fail fail pass 1 ZC-W-BAND-BELOW-MIN',
    ]);
  });

  it('shows region, tce, the core value, the indicator × park matrix and warnings on the HTML ranking page', { timeout: 30_000 }, () => {
    const html = runCli(['batch', roster(), '-f', 'html', '--fail-on', 'never']).stdout;
    expect(html).toContain('<p>Ranked by verdict (pass, incomplete, fail), then by score.</p>');
    expect(html).toContain('<th>region</th><th class="num">energy tce</th><th class="num">carbon_per_energy</th>');
    expect(html).toContain('<h2>Indicators by submission</h2>');
    expect(html).toContain('<tr><td>solid_waste_utilization</td><td class="st-pass">pass</td><td class="st-fail">fail</td><td class="st-pass">pass</td></tr>');
    expect(html).toContain('<small>ZC-W-BAND-BELOW-MIN</small>');
  });
});

describe('Excel workbooks as activity tables', () => {
  const park = (dir: string, files: string) => {
    const text = readFileSync(join(ROOT, 'fixtures/invalid/rate-above-100-percent/park.yaml'), 'utf8')
      .replace('water_reuse_rate: 92', 'water_reuse_rate: 0.92')
      .replace('activity_files: [activity.csv]', `activity_files: ${files}`);
    writeFileSync(join(dir, 'park.yaml'), text);
    return join(dir, 'park.yaml');
  };
  const rows: Cell[][] = [
    ['entity', 'category', 'item', 'quantity', 'unit'],
    ['silicon-01', 'electricity', 'grid', 180000, 'MWh'],
    ['silicon-01', 'fuel', 'raw_coal', '95,000', 't'],
    ['cathode-01', 'fuel', 'natural_gas', 260, '万m3'],
  ];

  it('reads a sheet under a title row, shifted right, with the same figures as the CSV of its rows', { timeout: 30_000 }, () => {
    const dir = tmp();
    // row 1: a title; row 2 empty; the table from B3
    writeFileSync(join(dir, 'energy.xlsx'), xlsx({ 封面: [['cover']], 能耗: [['2024年 园区能源消费台账'], null, ...rows.map((r) => [null, ...r])] }));
    writeFileSync(join(dir, 'energy.csv'), rows.map((r) => r.map((c) => (typeof c === 'string' && c.includes(',') ? `"${c}"` : c)).join(',')).join('\n'));
    const fromXlsx = runCli(['evaluate', park(dir, '["energy.xlsx#能耗"]'), '-f', 'json']);
    expect(fromXlsx.stderr).toBe('');
    const a = JSON.parse(fromXlsx.stdout);
    const b = JSON.parse(runCli(['evaluate', park(dir, '[energy.csv]'), '-f', 'json']).stdout);
    expect(a.energy).toEqual(b.energy);
    expect(a.emissions).toEqual(b.emissions);
    expect(a.energy.electricity.grid_mwh).toBe(180000);
  });

  it('gives positions as sheet and cell, and reads the first sheet by default', { timeout: 30_000 }, () => {
    const dir = tmp();
    const bad = rows.map((r) => [...r]);
    bad[2]![4] = 'tonnes-ish';
    writeFileSync(join(dir, 'energy.xlsx'), xlsx({ 能耗: [['园区能源消费台账'], ...bad] }));
    const r = runCli(['validate', park(dir, '[energy.xlsx]')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/energy\.xlsx:4 \[能耗!E4\] {2}error {2}row 4, column unit: unknown unit "tonnes-ish".*ZC-E-UNIT-UNKNOWN/);
  });

  it('names the sheets when the one asked for is not there, and reports a title row with no header below it', { timeout: 30_000 }, () => {
    const dir = tmp();
    writeFileSync(join(dir, 'energy.xlsx'), xlsx({ 能耗: [['2024年 园区能源消费台账'], ['企业', '电量'], ['a', 1]] }));
    const missing = runCli(['validate', park(dir, '["energy.xlsx#Sheet9"]')]);
    expect(missing.stdout).toContain('cannot read ');
    expect(missing.stdout).toContain('it has no sheet named "Sheet9"; its sheets: "能耗"  ZC-E-FILE-READ');
    const title = runCli(['validate', park(dir, '[energy.xlsx]')]);
    expect(title.stdout).toContain('energy.xlsx:1 [能耗!1]  error  not a zcpark activity CSV: its first line names none of the activity columns;');
    expect(title.stdout).toContain(
      '(row 1 of sheet "能耗" has a single filled cell, like a title; zcpark looks for the header row in the 10 rows below it, and none names the required columns)',
    );
  });

  it('says a workbook saved under a .csv name is one, instead of "NUL bytes"', { timeout: 30_000 }, () => {
    const dir = tmp();
    writeFileSync(join(dir, 'energy.csv'), xlsx({ 能耗: rows }));
    const r = runCli(['validate', park(dir, '[energy.csv]')]);
    expect(r.stdout).toContain('energy.csv:1  error  cannot decode ');
    expect(r.stdout).toContain('it is a zip archive, such as an Excel workbook (.xlsx), not a CSV text. List the workbook under its .xlsx name');
    expect(r.stdout).not.toContain('NUL');
  });

  it('refuses a zip bomb (its real inflated size, not the size its headers claim) and a workbook outside the folder', { timeout: 60_000 }, () => {
    const dir = tmp();
    // 300 MiB of zeros deflate to ~300 KB; the local header claims 1 KiB
    writeFileSync(join(dir, 'bomb.xlsx'), zipBomb(300 * 1024 * 1024, 1024));
    const r = runCli(['validate', park(dir, '[bomb.xlsx]')]);
    expect(r.stdout).toContain('it inflates to more than 256 MiB (a zip bomb, or not a spreadsheet)  ZC-E-FILE-READ');
    const out = runCli(['validate', park(dir, '["../x.xlsx#能耗"]')]);
    expect(out.stdout).toContain('ZC-E-PATH-OUTSIDE');
  });
});

describe('Excel workbooks as rosters', () => {
  it('scores a roster workbook (title row above the header) as the same roster in CSV, row numbers from the sheet', { timeout: 60_000 }, () => {
    const dir = tmp();
    const lines = readFileSync(join(ROOT, 'fixtures/batch/roster.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'roster.xlsx'), xlsx({ 名单: [['2024 零碳园区申报名单'], ...lines.map((l) => l.split(','))] }));
    cpSync(join(ROOT, 'fixtures/batch/roster.csv'), join(dir, 'roster.csv'));
    const a = JSON.parse(runCli(['batch', join(dir, 'roster.xlsx'), '-f', 'json', '--fail-on', 'never']).stdout);
    const b = JSON.parse(runCli(['batch', join(dir, 'roster.csv'), '-f', 'json', '--fail-on', 'never']).stdout);
    expect(a.summary.ranking.map((r: { id: string; score: number; row: number }) => [r.id, r.score, r.row])).toEqual(
      b.summary.ranking.map((r: { id: string; score: number; row: number }) => [r.id, r.score, r.row + 1]),
    );
    expect(
      a.errors.map((e: { row: number; errors: { field: string; code: string }[] }) => `${e.row} ${e.errors.map((d) => `${d.field} ${d.code}`).join(' ')}`),
    ).toEqual(['8 metric.waste_heat_utilization_rate ZC-E-NUMBER-INVALID']);
    const v = runCli(['validate', join(dir, 'roster.xlsx')]);
    expect(v.stdout).toContain('roster.xlsx:8 [metric.waste_heat_utilization_rate]  error');
  });
});

describe('words and values people write', () => {
  const base = () =>
    readFileSync(join(ROOT, 'fixtures/invalid/rate-above-100-percent/park.yaml'), 'utf8').replace('water_reuse_rate: 92', 'water_reuse_rate: 0.92');
  const setup = (park: string, csv?: string) => {
    const dir = tmp();
    writeFileSync(join(dir, 'activity.csv'), csv ?? readFileSync(join(ROOT, 'fixtures/invalid/rate-above-100-percent/activity.csv'), 'utf8'));
    writeFileSync(join(dir, 'park.yaml'), park);
    return join(dir, 'park.yaml');
  };

  it('reads 是/否, yes/no and true/false as booleans, and province names as region codes', { timeout: 30_000 }, () => {
    for (const [word, region, value] of [
      ['"是"', '江苏省', true],
      ['否', '江苏', false],
      ['yes', 'Jiangsu', true],
      ['"false"', 'jiangsu', false],
    ] as const) {
      const r = runCli([
        'evaluate',
        setup(base().replace('energy_carbon_platform: true', `energy_carbon_platform: ${word}`).replace('region: CN-NM', `region: ${region}`)),
        '-f',
        'json',
      ]);
      expect(r.stderr).toBe('');
      const rep = JSON.parse(r.stdout);
      expect([rep.submission.region, rep.indicators.find((i: { id: string }) => i.id === 'energy_carbon_platform').value]).toEqual(['CN-JS', value]);
    }
    // a yes/no answer where the pack reads a share is said, not left missing
    const share = runCli(['validate', setup(base().replace('products_meeting_energy_limit_share: 1', 'products_meeting_energy_limit_share: 是'))]);
    expect(share.stdout).toContain(
      'park.yaml:15:40  error  metrics.products_meeting_energy_limit_share: true (a yes/no answer) is not a share; zero-carbon-park reads it as a fraction between 0 and 1 (0 % … 100 %)  ZC-E-SHARE-RANGE',
    );
    // a roster too
    const dir = tmp();
    writeFileSync(
      join(dir, 'r.csv'),
      'id,name,profile,type,region,year,metric.energy_carbon_platform,heat.蒸汽[t],电力.电网购电[MWh]\nR1,x,zero-carbon-park,park,江苏,2024,是,100,1000\nR2,y,zero-carbon-park,park,Jiangsu,2024,no,100,1000\n',
    );
    const out = JSON.parse(runCli(['batch', join(dir, 'r.csv'), '-f', 'json', '--fail-on', 'never']).stdout);
    expect(
      out.results.map((x: { submission: { region: string }; indicators: { id: string; value: unknown }[] }) => [
        x.submission.region,
        x.indicators.find((i) => i.id === 'energy_carbon_platform')!.value,
      ]),
    ).toEqual([
      ['CN-JS', true],
      ['CN-JS', false],
    ]);
  });

  it('reads 蒸汽 as the heat category, 屋顶光伏 as on-site renewable power, tons as tonnes', { timeout: 30_000 }, () => {
    const csv = 'entity,category,item,quantity,unit\ne,蒸汽,外购蒸汽,200,吨\ne,电力,屋顶光伏,100,MWh\ne,电力,电网购电,1000,MWh\ne,燃料,原煤,10,tons\n';
    const r = runCli(['evaluate', setup(base(), csv), '-f', 'json']);
    const rep = JSON.parse(r.stdout);
    // 200 t × 3.763 GJ/t = 752.6 GJ of purchased heat
    expect(rep.energy.heat.purchased_gj).toBe(752.6);
    expect(rep.energy.electricity.onsite_renewable_mwh).toBe(100);
    expect(rep.warnings.map((w: { code: string }) => w.code)).toContain('ZC-W-STEAM-ENTHALPY');
  });

  it('gives hints that fit: MW is power, not MJ; 2024年 has no quotes to remove', { timeout: 30_000 }, () => {
    const mw = runCli(['validate', setup(base(), 'entity,category,item,quantity,unit\ne,electricity,grid,100,MW\n')]);
    expect(mw.stdout).toContain(
      'activity.csv:2 [unit]  error  row 2, column unit: unknown unit "MW" — MW is power (a rate, such as installed capacity), not an amount of energy: give the energy over the year, in MWh  ZC-E-UNIT-UNKNOWN',
    );
    const year = runCli(['validate', setup(base().replace('year: 2024', 'year: 2024年'))]);
    expect(year.stdout).toContain(
      'park.yaml:9:7  error  year: expected integer, found string "2024年" (write the number alone, 2024, without the words after it)  ZC-E-SCHEMA-TYPE',
    );
    const quoted = runCli(['validate', setup(base().replace('year: 2024', 'year: "2024"'))]);
    expect(quoted.stdout).toContain('(remove the quotes)');
  });
});

describe('terminal tables fit the terminal', () => {
  const DEMO = 'fixtures/demo/park.yaml';
  const tableLines = (out: string) => out.split('\n').filter((l) => /^[┌│├└]/.test(l));

  it('fit 80 columns, wrapping between words, with CJK text aligned (display widths)', { timeout: 30_000 }, () => {
    for (const lang of ['en', 'zh']) {
      const out = runCli(['evaluate', DEMO, '-f', 'table', '--lang', lang], { env: { COLUMNS: '80' } }).stdout;
      const lines = tableLines(out);
      expect(lines.length).toBeGreaterThan(40);
      // every table line fits, and the lines of one table are equally wide (so columns line up, CJK included)
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
      expect(new Set(lines.slice(0, 5).map((l) => stringWidth(l)))).toEqual(new Set([80]));
      if (lang === 'en') {
        // no word is cut: each word of each indicator name appears whole in the first column
        const firstColumn = lines.map((l) => l.split('│')[1] ?? '').join(' ');
        for (const w of 'Products at or better than grade 2 of their energy-consumption limit'.split(' ')) expect(firstColumn.split(/\s+/)).toContain(w);
        expect(out).toContain('│ ★ Carbon emissions per │');
        expect(out).toContain('│   Clean energy share   │');
      } else {
        // a non-core indicator keeps its indent beside the core one's ★
        expect(out).toContain('│ ★ 单位能耗碳排放        │');
        expect(out).toContain('│   清洁能源消费占比      │');
      }
    }
    const batch = runCli(['batch', 'fixtures/batch', '-f', 'table', '--fail-on', 'never'], { env: { COLUMNS: '80' } }).stdout;
    for (const l of tableLines(batch)) expect(stringWidth(l)).toBe(78);
    expect(batch).toContain('│ 1 │ NM-A-GREEN │ 绿源零碳园区 Lüyuan green park  │');
  });

  it('use the width of a wide terminal: long names on one line', { timeout: 30_000 }, () => {
    const out = runCli(['evaluate', DEMO, '-f', 'table'], { env: { COLUMNS: '160' } }).stdout;
    expect(out).toContain('│   Products at or better than grade 2 of their energy-consumption limit │           96 % │        >= 100 % │ fail   │   9.6/10 │');
    // without a terminal or COLUMNS: 100 columns
    for (const l of tableLines(runCli(['evaluate', DEMO, '-f', 'table']).stdout)) expect(stringWidth(l)).toBeLessThanOrEqual(100);
  });
});

describe('report CSV and factors of a pack', () => {
  it("writes the == operator as ==, not defused into '==", { timeout: 30_000 }, () => {
    const csv = runCli(['evaluate', 'fixtures/demo/park.yaml', '-f', 'csv']).stdout;
    expect(csv).toContain(',energy_carbon_platform,Energy-carbon management platform in operation,能碳管理平台,true,,==,true,pack,pass,false,0,0,');
    expect(csv).not.toContain("'==");
    expect(csv).toContain(',<=,0.2,pack,fail,true,40,');
  });

  it('factors --profile shows the factors the pack really uses: its pinned grid factor, its electricity energy value', { timeout: 30_000 }, () => {
    const zcp = JSON.parse(runCli(['factors', '--year', '2024', '--profile', 'zero-carbon-park', '-f', 'json']).stdout);
    expect(zcp.profile).toBe('zero-carbon-park');
    const elec = zcp.factors
      .filter((f: { category: string }) => f.category === 'electricity')
      .map((f: { kind: string; item: string; value: number; origin: string }) => `${f.kind} ${f.item} ${f.value} ${f.origin}`);
    expect(elec).toEqual(['co2 grid 0.8325 profile', 'energy coal_equivalent 0.3024 builtin']);
    const plain = JSON.parse(runCli(['factors', '--year', '2024', '--region', 'CN-JS', '-f', 'json']).stdout);
    expect(plain.factors.filter((f: { item: string }) => f.item === 'grid').length).toBeGreaterThan(1);
    const r = runCli(['factors', '--profile', 'zero-carbon-park']);
    expect([r.code, r.stderr]).toEqual([2, 'zcpark: --profile needs --year (the factors that apply depend on the reporting year)  ZC-E-USAGE\n']);
  });
});

describe('booleans, Chinese words and the printed page', () => {
  it('writes a yes/no value and threshold alike in the table, Markdown and HTML (是/否 in Chinese), the type in Chinese', { timeout: 30_000 }, () => {
    const DEMO = 'fixtures/demo/park.yaml';
    expect(runCli(['evaluate', DEMO, '-f', 'table']).stdout).toMatch(/│\s+yes │\s+== yes │ pass/);
    expect(runCli(['evaluate', DEMO, '-f', 'markdown']).stdout).toContain('| Energy-carbon management platform in operation | yes | == yes |');
    const zhTable = runCli(['evaluate', DEMO, '-f', 'table', '--lang', 'zh']).stdout;
    expect(zhTable).toMatch(/│\s+是 │\s+== 是 │ 达标/);
    expect(zhTable).toContain('园区 · CN-NM · 2024 · 规则包 zero-carbon-park');
    expect(runCli(['evaluate', DEMO, '-f', 'markdown', '--lang', 'zh']).stdout).toContain('园区 · CN-NM · 2024 · 规则包 `zero-carbon-park`');
  });

  it('puts the verdict, indicators and core figures before the charts in HTML, and gives the energy table a header', { timeout: 30_000 }, () => {
    const html = runCli(['evaluate', 'fixtures/demo/park.yaml', '-f', 'html']).stdout;
    const at = (s: string) => html.indexOf(s);
    expect(at('<h2>Indicators</h2>')).toBeLessThan(at('<h2>Charts</h2>'));
    expect(at('<h2>Energy (tce)</h2>')).toBeLessThan(at('<h2>Charts</h2>'));
    expect(html).toContain('<h2>Energy (tce)</h2>\n<table><thead><tr><th>category</th><th class="num">tce</th><th class="num">share</th></tr></thead>');
  });
});

describe('a workbook named .csv on the command line', () => {
  it('is said to be a zip archive by validate and batch, not "NUL bytes"', { timeout: 30_000 }, () => {
    const dir = tmp();
    writeFileSync(
      join(dir, 'roster.csv'),
      xlsx({
        S: [
          ['id', 'name'],
          ['a', 'b'],
        ],
      }),
    );
    const v = runCli(['validate', join(dir, 'roster.csv')]);
    expect(v.stdout).toContain('roster.csv:1  error  cannot decode ');
    expect(v.stdout).toContain('it is a zip archive, such as an Excel workbook (.xlsx), not a CSV text.');
    const b = JSON.parse(runCli(['batch', join(dir, 'roster.csv'), '-f', 'json']).stdout);
    expect(b.errors[0].errors[0].message).toContain('it is a zip archive, such as an Excel workbook (.xlsx), not a CSV text.');
  });
});
