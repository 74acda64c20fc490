/** `zcpark validate`: formats, exit codes, folders and globs, through the built binary. */
import { mkdtempSync, mkdirSync, readFileSync, symlinkSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

const BAD = 'fixtures/invalid/several-mistakes';
const HAND = 'fixtures/valid/hand-checked/park.yaml';

describe('zcpark validate', () => {
  it('exits 0 on a clean file and says so', () => {
    const r = runCli(['validate', 'fixtures/demo/park.yaml']);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '1 file checked: all valid; 0 errors, 0 warnings\n', '']);
  });

  it('prints GitHub workflow annotations with file, line and col', () => {
    const r = runCli(['validate', BAD, '-f', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      '::error file=fixtures/invalid/several-mistakes/park.yaml,line=7,col=9,title=ZC-E-SCHEMA-ENUM::entity.type: "parc" is not allowed; allowed: park, city, county, district, installation, 园区, 产业园区, 城市, 市, 县, 县域, 区, 城区, 片区, 装置, 设施, 工厂 (did you mean "park"?)',
      '::error file=fixtures/invalid/several-mistakes/park.yaml,line=10,col=21,title=ZC-E-NUMBER-INVALID::metrics.water_reuse_rate: "eighty" is not a number; allowed: 1234.5, "1,234.5", "1.2e4", full-width digits, "85%25"',
      '::error file=fixtures/invalid/several-mistakes/park.yaml,line=13,col=29,title=ZC-E-VOCAB-ITEM::activity[0].item: unknown fuel item "diesle" (did you mean "diesel"?); allowed: raw_coal, anthracite, bituminous, lignite, washed_coal, coke, crude_oil, gasoline, kerosene, diesel, fuel_oil, lpg, refinery_gas, natural_gas, lng, coke_oven_gas, blast_furnace_gas, biomass, biogas',
      '::error file=fixtures/invalid/several-mistakes/park.yaml,line=14,col=63,title=ZC-E-UNIT-DIMENSION::activity[1].unit: unit "tonnes" measures mass; allowed here: energy (GJ, MJ, TJ, kWh)',
    ]);
    expect(r.stdout).toContain(
      '::error file=fixtures/invalid/several-mistakes/rows.csv,line=3,title=ZC-E-UNIT-UNKNOWN::row 3, column unit: unknown unit "kwhh" (did you mean "kWh"?)\n',
    );
    expect(r.stdout.trimEnd().split('\n').pop()).toBe('1 file checked: 1 invalid, 7 errors, 0 warnings');
  });

  it('prints JSON with every diagnostic and a summary', () => {
    const r = runCli(['validate', BAD, HAND, '-f', 'json']);
    const out = JSON.parse(r.stdout);
    expect(out.summary).toEqual({ files: 2, valid: 1, invalid: 1, errors: 7, warnings: 3 }); // vintage, export source, band below 20万 tce
    expect(out.files[0].diagnostics[2]).toEqual({
      code: 'ZC-E-VOCAB-ITEM',
      severity: 'error',
      message:
        'activity[0].item: unknown fuel item "diesle" (did you mean "diesel"?); allowed: raw_coal, anthracite, bituminous, lignite, washed_coal, coke, crude_oil, gasoline, kerosene, diesel, fuel_oil, lpg, refinery_gas, natural_gas, lng, coke_oven_gas, blast_furnace_gas, biomass, biogas',
      file: 'fixtures/invalid/several-mistakes/park.yaml',
      line: 13,
      column: 29,
      found: 'diesle',
      allowed:
        'raw_coal, anthracite, bituminous, lignite, washed_coal, coke, crude_oil, gasoline, kerosene, diesel, fuel_oil, lpg, refinery_gas, natural_gas, lng, coke_oven_gas, blast_furnace_gas, biomass, biogas',
      suggestion: 'diesel',
    });
    expect(out.files[1]).toMatchObject({ file: HAND, kind: 'submission', valid: true, errors: 0, warnings: 3 });
  });

  it('prints JUnit XML: one failing case per error, one passing case per clean file', () => {
    const r = runCli(['validate', BAD, 'fixtures/demo/park.yaml', '-f', 'junit']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="zcpark validate" tests="8" failures="7">/);
    expect(r.stdout).toContain('<testcase classname="zcpark.validate.submission" name="fixtures/invalid/several-mistakes/park.yaml:7:9 ZC-E-SCHEMA-ENUM">');
    expect(r.stdout).toContain('<failure type="ZC-E-SCHEMA-ENUM" message="entity.type: &quot;parc&quot; is not allowed;');
    expect(r.stdout).toContain('<testcase classname="zcpark.validate.submission" name="fixtures/demo/park.yaml"/>');
    expect((r.stdout.match(/<failure /g) ?? []).length).toBe(7);
  });

  it('fails on warnings only with --max-warnings', () => {
    expect(runCli(['validate', HAND]).code).toBe(0);
    expect(runCli(['validate', HAND, '--max-warnings', '3']).code).toBe(0);
    expect(runCli(['validate', HAND, '--max-warnings', '0']).code).toBe(1);
  });

  it('checks a roster, named or found in a folder, row by row (as batch reads it)', () => {
    const pick = (stdout: string) =>
      (JSON.parse(stdout) as { files: { file: string; kind: string; diagnostics: { code: string; line?: number; field?: string }[] }[] }).files
        .filter((f) => f.kind === 'roster')
        .map((f) => [f.file, f.diagnostics.map((d) => `${d.line}${d.field ? ` [${d.field}]` : ''} ${d.code}`)]);
    // row 7's "abc" is the roster's one error (batch reports the same row); rows 2, 3 and 5 are parks under
    // 20万 tce, each warned on its own row rather than once for the file
    const want = [
      [
        'fixtures/batch/roster.csv',
        ['2 ZC-W-BAND-BELOW-MIN', '3 ZC-W-BAND-BELOW-MIN', '5 ZC-W-BAND-BELOW-MIN', '7 [metric.waste_heat_utilization_rate] ZC-E-NUMBER-INVALID'],
      ],
    ];
    const named = runCli(['validate', 'fixtures/batch/roster.csv', '-f', 'json']);
    expect(named.code).toBe(1);
    expect(pick(named.stdout)).toEqual(want);
    // in a folder: the roster is checked, the parks' activity CSVs only through their submissions
    const folder = runCli(['validate', 'fixtures/batch', '-f', 'json']);
    expect(pick(folder.stdout)).toEqual(want);
    expect((JSON.parse(folder.stdout) as { files: { kind: string }[] }).files.map((f) => f.kind).filter((k) => k === 'activity')).toEqual([]);
  });

  it('says why a run without errors fails on --max-warnings, in every format', () => {
    // HAND has 3 warnings (the test above passes at --max-warnings 3)
    const why = '3 warnings, more than --max-warnings 2 allows: the check fails';
    const pretty = runCli(['validate', HAND, '--max-warnings', '2']);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout.endsWith(`1 file checked: all valid; 0 errors, 3 warnings\n${why}\n`)).toBe(true);
    const github = runCli(['validate', HAND, '--max-warnings', '2', '-f', 'github']);
    expect(github.stdout).toContain(`::error title=zcpark validate --max-warnings::${why}\n`);
    const json = JSON.parse(runCli(['validate', HAND, '--max-warnings', '2', '-f', 'json']).stdout) as { summary: Record<string, unknown> };
    expect(json.summary).toEqual({ files: 1, valid: 1, invalid: 0, errors: 0, warnings: 3, max_warnings: 2, over_max_warnings: true });
    const junit = runCli(['validate', HAND, '--max-warnings', '2', '-f', 'junit']).stdout;
    expect(junit).toContain('tests="4" failures="1"');
    expect(junit).toContain(`<testcase classname="zcpark.validate" name="--max-warnings 2">\n      <failure type="max-warnings" message="${why}">`);
    // within the limit nothing is added
    expect(runCli(['validate', HAND, '--max-warnings', '3']).stdout).not.toContain('--max-warnings');
    expect(JSON.parse(runCli(['validate', HAND, '--max-warnings', '3', '-f', 'json']).stdout).summary.over_max_warnings).toBe(false);
  });

  it('walks folders, expands globs, and visits a symlink loop once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-walk-'));
    cpSync(join(ROOT, 'fixtures/valid/hand-checked'), join(dir, 'a'), { recursive: true });
    cpSync(join(ROOT, 'fixtures/demo'), join(dir, 'b', 'deep'), { recursive: true });
    symlinkSync(dir, join(dir, 'b', 'loop'));
    writeFileSync(join(dir, 'notes.yaml'), 'title: not a zcpark document\n');
    const folder = JSON.parse(runCli(['validate', dir, '-f', 'json']).stdout);
    expect(folder.files.map((f: { file: string }) => f.file.slice(dir.length + 1))).toEqual(['a/park.yaml', 'b/deep/park.yaml']);
    const glob = JSON.parse(runCli(['validate', `${dir}/**/park.yaml`, '-f', 'json']).stdout);
    expect(glob.summary.files).toBe(2);
    mkdirSync(join(dir, 'empty'));
    const none = runCli(['validate', `${dir}/empty/*.yaml`]);
    expect([none.code, none.stderr]).toEqual([2, `zcpark: no file matches ${dir}/empty/*.yaml  ZC-E-FILE-NOT-FOUND\n`]);
  });

  it('checks rule packs and factor sets by their format key', () => {
    const r = JSON.parse(runCli(['validate', 'fixtures/packs', 'fixtures/factors/supplier-gas.yaml', '-f', 'json']).stdout);
    expect(r.files.map((f: { file: string; kind: string; errors: number }) => [f.file, f.kind, f.errors])).toEqual([
      ['fixtures/packs/broken-pack.yaml', 'profile', 2],
      ['fixtures/packs/local-near-zero.yaml', 'profile', 0],
      ['fixtures/factors/supplier-gas.yaml', 'factors', 0],
    ]);
  });

  it('reads stdin with -', () => {
    const r = runCli(['validate', '-'], {
      input:
        'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: X, name: X, type: park }\nyear: 2024\nactivity:\n  - { category: fuel, item: natral_gas, quantity: 1, unit: 万m3 }\n',
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>:6:29  error  activity[0].item: unknown fuel item "natral_gas" (did you mean "natural_gas"?)');
  });
});

describe('helper commands', () => {
  it('init writes a template that validates and evaluates as it is, and never overwrites', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zcpark-init-')), 'new-park');
    const r = runCli(['init', dir]);
    expect(r.code).toBe(0);
    const v = runCli(['validate', join(dir, 'submission.yaml'), '-f', 'json']);
    expect(JSON.parse(v.stdout).summary.errors).toBe(0);
    expect(runCli(['evaluate', join(dir, 'submission.yaml'), '-f', 'json']).code).toBe(0);
    const again = runCli(['init', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exist; use --force to overwrite');
    expect(runCli(['init', dir, '--force']).code).toBe(0);
    expect(runCli(['init', dir, '--profile', 'zero-carbon-prk']).stderr).toContain('(did you mean "zero-carbon-park"?)');
  });

  it('init writes the yaml-language-server schema line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-init-'));
    runCli(['init'], { cwd: dir });
    const first = runCli(['validate', 'submission.yaml'], { cwd: dir });
    expect(first.code).toBe(0);
  });

  it('profiles lists the packs and shows one with thresholds, weights and sources', () => {
    const list = JSON.parse(runCli(['profiles', '-f', 'json']).stdout);
    expect(list.map((p: { id: string }) => p.id)).toContain('zero-carbon-park');
    const zcp = JSON.parse(runCli(['profiles', 'zero-carbon-park', '-f', 'json']).stdout);
    expect(zcp.accounting.grid_factor).toEqual({ pinned: 0.8325, unit: 'tCO2/MWh', source: expect.stringContaining('附件4') });
    expect(zcp.indicators[0]).toMatchObject({ id: 'carbon_per_energy', core: true, weight: 40 });
    expect(zcp.indicators[0].thresholds[1]).toEqual({ when: 'energy_total_tce >= 200000', op: '<=', value: 0.2, label: '20万–100万 tce band' });
    expect(runCli(['profiles', 'zero-carbon-park']).stdout).toContain('★ carbon_per_energy');
  });

  it('factors shows what applies for a year and region, with the fallbacks stated', () => {
    const r = JSON.parse(runCli(['factors', '--year', '2024', '--region', 'CN-JS', '-f', 'json']).stdout);
    const grid = r.factors.find((f: { item: string; series: string }) => f.item === 'grid' && f.series === 'average');
    expect([grid.value, grid.year, grid.region, grid.confidence]).toEqual([0.55, 2023, 'CN-GRID-EAST', 'S']);
    expect(r.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(['ZC-W-FACTOR-VINTAGE', 'ZC-W-FACTOR-GEOGRAPHY']));
    const js2022 = JSON.parse(runCli(['factors', '--year', '2022', '--region', 'CN-JS', '-f', 'json']).stdout);
    expect(js2022.factors.find((f: { item: string; series: string }) => f.item === 'grid' && f.series === 'average').value).toBe(0.5978);
    expect(runCli(['factors', '--year', '2024', '--region', 'CN-XX']).code).toBe(2);
    const sets = JSON.parse(runCli(['factors', '-f', 'json']).stdout);
    expect(sets.map((s: { id: string }) => s.id)).toEqual(['cn-electricity', 'cn-energy', 'cn-fuels-co2']);
  });

  it('profiles and factors tables keep every source whole (wrapped, never cut with …) within the terminal', () => {
    // the sources as the JSON gives them, each found again in the table once its lines are joined
    const packs = JSON.parse(runCli(['profiles', '-f', 'json']).stdout) as { source: string }[];
    const applied = JSON.parse(runCli(['factors', '--year', '2024', '--region', 'CN-JS', '-f', 'json']).stdout) as { factors: { source: string }[] };
    for (const [args, sources] of [
      [['profiles'], packs.map((p) => p.source)],
      [['factors', '--year', '2024', '--region', 'CN-JS'], applied.factors.map((f) => f.source)],
    ] as const) {
      const out = runCli([...args], { env: { COLUMNS: '100' } }).stdout;
      const rows = out.split('\n').filter((l) => /^[┌│├└]/.test(l));
      expect(Math.max(...rows.map((l) => stringWidth(l)))).toBeLessThanOrEqual(100);
      expect(out).not.toContain('…');
      // the last column's text, its lines joined: every source is there in full
      const lastCells = rows.filter((l) => l.startsWith('│')).map((l) => l.split('│').at(-2)!.trim());
      const joined = lastCells.join('').replace(/\s+/g, '');
      for (const src of sources) expect(joined).toContain(src.replace(/\s+/g, ''));
    }
  });

  it('schema prints each schema, and rejects unknown names with exit 2', () => {
    for (const name of ['submission', 'activity', 'roster', 'factors', 'profile', 'report', 'config', 'trend']) {
      expect(JSON.parse(runCli(['schema', name]).stdout).$id).toBe(`https://zcpark.dev/schemas/${name}.schema.json`);
    }
    const bad = runCli(['schema', 'reprot']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'zcpark: unknown schema "reprot" (did you mean "report"?); allowed: submission, activity, roster, factors, profile, report, config, trend  ZC-E-USAGE\n',
    ]);
    // no name: the names, not commander's bare "missing required argument"
    const none = runCli(['schema']);
    expect([none.code, none.stderr]).toEqual([
      2,
      'zcpark: name the schema to print: submission, activity, roster, factors, profile, report, config, trend (e.g. zcpark schema submission > submission.schema.json)  ZC-E-USAGE\n',
    ]);
  });
});

describe('ten different mistakes (issue #3 done-criterion)', () => {
  const TEN = 'fixtures/invalid/ten-mistakes';
  const expected = JSON.parse(readFileSync(join(ROOT, TEN, 'expected.json'), 'utf8')).diagnostics as string[];
  it('gives ten coded diagnostics with the same positions in every format, exit 1, no stack trace', () => {
    expect(expected.length).toBe(10);
    expect(new Set(expected.map((e) => e.split(' ').pop())).size).toBe(10); // ten different codes
    const json = runCli(['validate', TEN, '-f', 'json']);
    const fromJson = JSON.parse(json.stdout).files.flatMap(
      (f: { diagnostics: { file: string; line: number; column?: number; field?: string; code: string }[] }) =>
        f.diagnostics.map(
          (d) => `${d.file.slice(TEN.length + 1)}:${d.line}${d.column ? `:${d.column}` : ''}${d.field && !d.column ? ` [${d.field}]` : ''} ${d.code}`,
        ),
    );
    expect(fromJson).toEqual(expected);
    const gh = runCli(['validate', TEN, '-f', 'github'])
      .stdout.split('\n')
      .filter((l) => l.startsWith('::error'));
    expect(gh.length).toBe(10);
    expect(gh.map((l) => /title=([A-Z-]+)/.exec(l)![1])).toEqual(expected.map((e) => e.split(' ').pop()));
    const junit = runCli(['validate', TEN, '-f', 'junit']).stdout;
    expect((junit.match(/<failure /g) ?? []).length).toBe(10);
    const pretty = runCli(['validate', TEN]);
    expect(pretty.stdout.split('\n').filter((l) => l.includes('  error  ')).length).toBe(10);
    for (const r of [json, pretty]) {
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\(/);
    }
    const evaluate = runCli(['evaluate', `${TEN}/park.yaml`, '-f', 'json']);
    expect(evaluate.code).toBe(1);
    expect(evaluate.stderr.split('\n').filter((l) => l.includes('  error  ')).length).toBe(10);
  });
});
