/**
 * The CI user (issue items: config file, SARIF, job summary, pre-commit): zcpark.config.yaml found upward or named,
 * severities and ignores, defaults, its errors with positions; `validate -f sarif` checked against the official
 * SARIF 2.1.0 schema (test/cli/sarif/, offline); the Markdown job summary; the pre-commit hook file.
 */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

// CommonJS packages: their default import is module.exports at run time, typed as the namespace under NodeNext
const Ajv = AjvModule as unknown as typeof AjvModule.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

const HAND = join(ROOT, 'fixtures/valid/hand-checked');
const BAD = 'fixtures/invalid/several-mistakes';

/** A temp folder holding a copy of the hand-checked park (3 warnings: export source, band below 20万 tce, vintage). */
function parkFolder(config?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'zcpark-ci-'));
  cpSync(HAND, join(dir, 'data', 'park'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, 'zcpark.config.yaml'), config);
  return dir;
}

// each test spawns the CLI 2–8 times (about 0.1–0.3 s each, more on a loaded machine)
describe('zcpark.config.yaml', { timeout: 60_000 }, () => {
  it('silences a code, ignores one by path glob, raises one to an error; found from a subfolder', () => {
    const dir = parkFolder('format: zcpark-config/1\nseverity:\n  ZC-W-BAND-BELOW-MIN: off\nignore:\n  - { code: ZC-W-FACTOR-VINTAGE, path: "data/**" }\n');
    // without a config the run fails on --max-warnings 0; with it, one warning is left
    const noConfig = runCli(['validate', 'data', '--max-warnings', '0', '--config', join(ROOT, 'package.json')], { cwd: dir });
    expect(noConfig.code).toBe(2); // package.json is no config: a usage error, below
    const r = runCli(['validate', 'data', '--max-warnings', '1'], { cwd: dir });
    expect([r.code, r.stdout]).toEqual([
      0,
      'data/park/activity.csv:10  warning  non-renewable export (30 MWh) exceeds on-site fossil generation (0 MWh) while 100 MWh of renewable power is generated inside: if part of the export is renewable, enter it as export_renewable  ZC-W-EXPORT-SOURCE\n1 file checked: all valid; 0 errors, 1 warning\n',
    ]);
    mkdirSync(join(dir, 'sub'));
    const up = runCli(['validate', '../data', '-f', 'json'], { cwd: join(dir, 'sub') });
    expect(JSON.parse(up.stdout).summary).toEqual({ files: 1, valid: 1, invalid: 0, errors: 0, warnings: 1 });
  });

  it('makes validate --max-warnings 0 usable on a small park, and a raised warning fails', () => {
    const dir = parkFolder('format: zcpark-config/1\nseverity: { ZC-W-BAND-BELOW-MIN: off, ZC-W-FACTOR-VINTAGE: off, ZC-W-EXPORT-SOURCE: off }\n');
    expect(runCli(['validate', 'data', '--max-warnings', '0'], { cwd: dir })).toEqual({
      code: 0,
      stdout: '1 file checked: all valid; 0 errors, 0 warnings\n',
      stderr: '',
    });
    // the same park without the config fails the check
    expect(runCli(['validate', join(dir, 'data'), '--max-warnings', '0']).code).toBe(1);
    writeFileSync(join(dir, 'strict.yaml'), 'format: zcpark-config/1\nseverity: { ZC-W-BAND-BELOW-MIN: error }\n');
    const strict = runCli(['validate', 'data', '-c', 'strict.yaml', '-f', 'json'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).files[0].diagnostics.map((d: { code: string; severity: string }) => `${d.severity} ${d.code}`)).toEqual([
      'warning ZC-W-EXPORT-SOURCE',
      'error ZC-W-BAND-BELOW-MIN',
      'warning ZC-W-FACTOR-VINTAGE',
    ]);
    // evaluate: the raised warning makes the submission invalid; silenced ones leave the report's warnings
    const ev = runCli(['evaluate', 'data/park/park.yaml', '-f', 'json', '-c', 'strict.yaml'], { cwd: dir });
    expect(ev.code).toBe(1);
    expect(ev.stderr).toContain('error  carbon_per_energy: annex 3 sets no band for parks below 200,000 tce');
    const quiet = runCli(['evaluate', 'data/park/park.yaml', '-f', 'json'], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(JSON.parse(quiet.stdout).warnings).toEqual([]);
  });

  it('applies to batch: in the workers and with -j 1, the reports and the warning digest', () => {
    // an ignore by path too: its glob travels to the worker threads as text (a matcher function cannot be sent)
    const dir = parkFolder(
      'format: zcpark-config/1\nseverity: { ZC-W-BAND-BELOW-MIN: off }\nignore: [ { code: ZC-W-EXPORT-SOURCE }, { code: ZC-W-FACTOR-VINTAGE, path: "data/park2/**" } ]\n',
    );
    cpSync(join(dir, 'data', 'park'), join(dir, 'data', 'park2'), { recursive: true });
    const second = join(dir, 'data', 'park2', 'park.yaml');
    writeFileSync(second, readFileSync(second, 'utf8').replace('HAND-CHECKED-01', 'HAND-CHECKED-02'));
    for (const jobs of ['1', '2']) {
      const r = runCli(['batch', 'data', '-f', 'json', '-j', jobs], { cwd: dir });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.results.map((x: { warnings: { code: string }[] }) => x.warnings.map((w) => w.code))).toEqual([['ZC-W-FACTOR-VINTAGE'], []]);
      const table = runCli(['batch', 'data', '-f', 'csv', '-j', jobs], { cwd: dir });
      expect(table.stderr).toMatch(
        /^warning {2}1 submission \(HAND-CHECKED-01\), e\.g\. data\/park\/park\.yaml: electricity\/coal_equivalent energy factor: no 2025 factor .*ZC-W-FACTOR-VINTAGE\n$/,
      );
    }
    writeFileSync(join(dir, 'zcpark.config.yaml'), 'format: zcpark-config/1\nseverity: { ZC-W-BAND-BELOW-MIN: error }\n');
    const strict = runCli(['batch', 'data', '-f', 'json', '-j', '2'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(
      JSON.parse(strict.stdout).errors.map((e: { file: string; errors: { code: string; severity: string }[] }) => [
        e.file,
        e.errors.map((x) => `${x.severity} ${x.code}`),
      ]),
    ).toEqual([
      ['data/park/park.yaml', ['error ZC-W-BAND-BELOW-MIN']],
      ['data/park2/park.yaml', ['error ZC-W-BAND-BELOW-MIN']],
    ]);
  });

  it('fills format, profile, factors and lang from defaults; the command line wins', () => {
    const dir = parkFolder('format: zcpark-config/1\ndefaults: { format: sarif, lang: zh, profile: zero-carbon-park }\n');
    const r = runCli(['validate', 'data'], { cwd: dir });
    expect(JSON.parse(r.stdout).version).toBe('2.1.0');
    expect(JSON.parse(r.stdout).runs[0].results[0].message.text).toContain('非可再生上网电量');
    // -f and --lang on the command line win; a default format evaluate lacks (sarif) is not used by evaluate
    const flag = runCli(['validate', 'data', '-f', 'json', '--lang', 'en'], { cwd: dir });
    expect(JSON.parse(flag.stdout).files[0].diagnostics[0].message).toMatch(/^non-renewable export/);
    const ev = runCli(['evaluate', 'data/park/park.yaml'], { cwd: dir });
    expect([ev.code, JSON.parse(ev.stdout).submission.profile]).toEqual([0, 'zero-carbon-park']);
    // factors: a file relative to the config; a missing one is said to be the config's
    writeFileSync(join(dir, 'zcpark.config.yaml'), 'format: zcpark-config/1\ndefaults: { factors: nope.yaml }\n');
    const missing = runCli(['validate', 'data'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([
      2,
      'zcpark: file not found: nope.yaml (defaults.factors of zcpark.config.yaml, relative to its folder)  ZC-E-FILE-NOT-FOUND\n',
    ]);
  });

  it("uses the default pack only for a submission that names none: the submission's own wins, --profile over both", () => {
    // the city of fixtures/trend names carbon-peaking-city; the hand-checked park without its profile line names none
    const dir = parkFolder('format: zcpark-config/1\ndefaults: { profile: zero-carbon-park }\n');
    cpSync(join(ROOT, 'fixtures/trend/city'), join(dir, 'city'), { recursive: true });
    const park = join(dir, 'data', 'park', 'park.yaml');
    writeFileSync(park, readFileSync(park, 'utf8').replace(/^profile: .*\n/m, ''));
    const profileOf = (args: string[]) => {
      const r = runCli(['evaluate', ...args, '-f', 'json'], { cwd: dir });
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { submission: { profile: string } }).submission.profile;
    };
    expect(profileOf(['data/park/park.yaml'])).toBe('zero-carbon-park');
    expect(profileOf(['city/city-2023.yaml'])).toBe('carbon-peaking-city');
    expect(profileOf(['city/city-2023.yaml', '--profile', 'climate-positive'])).toBe('climate-positive');
    // trend and batch (in workers too) alike
    expect(JSON.parse(runCli(['trend', 'city', '-f', 'json'], { cwd: dir }).stdout).profile).toBe('carbon-peaking-city');
    for (const jobs of ['1', '2']) {
      const b = JSON.parse(runCli(['batch', '.', '-f', 'json', '-j', jobs], { cwd: dir }).stdout) as { results: { submission: { profile: string } }[] };
      expect(b.results.map((x) => x.submission.profile).sort()).toEqual([...Array(4).fill('carbon-peaking-city'), 'zero-carbon-park']);
    }
    // without the config the park names no pack at all
    rmSync(join(dir, 'zcpark.config.yaml'));
    expect(runCli(['validate', 'data/park/park.yaml', '-f', 'json'], { cwd: dir }).stdout).toContain('ZC-E-PROFILE-MISSING');
  });

  it('validate . checks a config it finds as a config, not as a submission', () => {
    // the project's own config (in effect, so valid) and another one, in a subfolder, with two problems
    const dir = parkFolder('format: zcpark-config/1\nseverity: { ZC-W-BAND-BELOW-MIN: off }\n');
    mkdirSync(join(dir, 'data', 'other'));
    writeFileSync(join(dir, 'data', 'other', 'zcpark.config.yaml'), 'format: zcpark-config/1\nsevrity: {}\nignore:\n  - { code: ZC-W-NOPE }\n');
    const r = runCli(['validate', '.', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const files = (JSON.parse(r.stdout) as { files: { file: string; kind: string; diagnostics: { code: string; line: number }[] }[] }).files;
    expect(files.filter((f) => f.kind === 'config').map((f) => [f.file, f.diagnostics.map((d) => `${d.line} ${d.code}`)])).toEqual([
      ['data/other/zcpark.config.yaml', ['2 ZC-E-SCHEMA-UNKNOWN-KEY', '4 ZC-E-SCHEMA-ENUM']],
      ['zcpark.config.yaml', []],
    ]);
    // given to evaluate as a submission, it is said to be a config
    const ev = runCli(['evaluate', 'zcpark.config.yaml'], { cwd: dir });
    expect(ev.code).toBe(1);
    expect(ev.stderr).toContain('this file is a zcpark config, read from the working folder (or above) or named with --config  ZC-E-FORMAT-VERSION');
  });

  it('refuses a bad config with exit 2 and its position; input-safety codes cannot be turned off', () => {
    const cases: [string, string][] = [
      [
        'format: zcpark-config/1\nsevrity: {}\n',
        'zcpark: bad config zcpark.config.yaml:2:1: unknown field "sevrity" in the document (did you mean "severity"?)  ZC-E-CONFIG-INVALID\n',
      ],
      [
        'format: zcpark-config/1\nseverity:\n  ZC-W-BAND-BELOW-MIM: off\n',
        'zcpark: bad config zcpark.config.yaml:3:3: severity.ZC-W-BAND-BELOW-MIM: "ZC-W-BAND-BELOW-MIM" is not a zcpark code (did you mean "ZC-W-BAND-BELOW-MIN"?); the codes are listed in the README (Diagnostic codes)  ZC-E-CONFIG-INVALID\n',
      ],
      [
        'format: zcpark-config/1\nseverity:\n  ZC-W-ROW-DUPLICATE: loud\n',
        'zcpark: bad config zcpark.config.yaml:3:23: severity.ZC-W-ROW-DUPLICATE: "loud" is not allowed; allowed: off, warning, error  ZC-E-CONFIG-INVALID\n',
      ],
      [
        'format: zcpark-config/1\nseverity:\n  ZC-E-PATH-OUTSIDE: off\n',
        'zcpark: bad config zcpark.config.yaml:3:3: severity.ZC-E-PATH-OUTSIDE: ZC-E-PATH-OUTSIDE reports unreadable or unsafe input and cannot be turned off; allowed for it: error  ZC-E-CONFIG-INVALID\n',
      ],
      [
        'format: zcpark-config/1\nignore:\n  - code: ZC-E-FILE-ENCODING\n',
        'zcpark: bad config zcpark.config.yaml:3:11: ignore.0.code: ZC-E-FILE-ENCODING reports unreadable or unsafe input and cannot be ignored; allowed for it: error  ZC-E-CONFIG-INVALID\n',
      ],
      ['format: zcpark-config/1\nseverity: [\n', ''],
    ];
    for (const [text, stderr] of cases) {
      const dir = parkFolder(text);
      const r = runCli(['validate', 'data'], { cwd: dir });
      expect(r.code).toBe(2);
      if (stderr) expect(r.stderr).toBe(stderr);
      else expect(r.stderr).toMatch(/^zcpark: bad config zcpark\.config\.yaml:\d+:\d+: YAML syntax error: .*ZC-E-CONFIG-INVALID\n$/);
      expect(r.stdout).toBe('');
    }
    // a protected code still shows whatever the ignores say: a path glob over everything does not hide it
    const dir = parkFolder('format: zcpark-config/1\nignore:\n  - { path: "**" }\n');
    writeFileSync(join(dir, 'data', 'park', 'bad.yaml'), Buffer.from([0x66, 0x6f, 0x72, 0x00, 0xff, 0xfe, 0x00, 0x01]));
    const r = runCli(['validate', 'data', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).files.flatMap((f: { diagnostics: { code: string }[] }) => f.diagnostics.map((d) => d.code))).toEqual(['ZC-E-FILE-ENCODING']);
  });

  it('has its own JSON Schema', () => {
    const schema = JSON.parse(runCli(['schema', 'config']).stdout);
    expect(schema.$id).toBe('https://zcpark.dev/schemas/config.schema.json');
    expect(schema.properties.format).toEqual({ const: 'zcpark-config/1' });
  });
});

describe('validate -f sarif', { timeout: 60_000 }, () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const isSarif = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/cli/sarif/sarif-schema-2.1.0.json'), 'utf8')));

  it('is valid SARIF 2.1.0 with a rule per code and a result per finding', () => {
    const r = runCli(['validate', BAD, 'fixtures/valid/hand-checked/park.yaml', '-f', 'sarif']);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(isSarif(log), JSON.stringify(isSarif.errors)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('zcpark');
    expect(run.results).toHaveLength(10); // 7 errors, 3 warnings (as -f json counts them)
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([...new Set(run.results.map((x: { ruleId: string }) => x.ruleId))].sort());
    expect(run.results[0]).toEqual({
      ruleId: 'ZC-E-SCHEMA-ENUM',
      ruleIndex: run.tool.driver.rules.findIndex((x: { id: string }) => x.id === 'ZC-E-SCHEMA-ENUM'),
      level: 'error',
      message: {
        text: 'entity.type: "parc" is not allowed; allowed: park, city, county, district, installation, 园区, 产业园区, 城市, 市, 县, 县域, 区, 城区, 片区, 装置, 设施, 工厂 (did you mean "park"?)',
      },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'fixtures/invalid/several-mistakes/park.yaml' }, region: { startLine: 7, startColumn: 9 } } }],
    });
    const csv = run.results.find((x: { ruleId: string }) => x.ruleId === 'ZC-E-UNIT-UNKNOWN');
    expect(csv.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'fixtures/invalid/several-mistakes/rows.csv' }, region: { startLine: 3 } });
    expect(run.results.filter((x: { level: string }) => x.level === 'warning')).toHaveLength(3);
  });

  it('is chosen by -o x.sarif, stays valid for non-ASCII paths and --max-warnings, and is the same bytes each run', () => {
    const dir = parkFolder();
    cpSync(join(dir, 'data', 'park'), join(dir, '园区 一'), { recursive: true });
    const r = runCli(['validate', '园区 一', '--max-warnings', '0', '-o', 'out.sarif'], { cwd: dir });
    // the terminal is told why the check failed and where the findings went; stdout stays empty
    expect([r.code, r.stdout, r.stderr]).toEqual([
      1,
      '',
      'zcpark: 1 file checked: all valid; 0 errors, 3 warnings; 3 warnings, more than --max-warnings 0 allows: the check fails; the findings are in out.sarif\n',
    ]);
    const text = readFileSync(join(dir, 'out.sarif'), 'utf8');
    const log = JSON.parse(text);
    expect(isSarif(log), JSON.stringify(isSarif.errors)).toBe(true);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%E5%9B%AD%E5%8C%BA%20%E4%B8%80/activity.csv');
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: '3 warnings, more than --max-warnings 0 allows: the check fails' } },
    ]);
    runCli(['validate', '园区 一', '--max-warnings', '0', '-o', 'again.sarif'], { cwd: dir });
    expect(readFileSync(join(dir, 'again.sarif'), 'utf8')).toBe(text);
    const clean = JSON.parse(runCli(['validate', 'fixtures/demo/park.yaml', '-f', 'sarif']).stdout);
    expect(isSarif(clean)).toBe(true);
    expect([clean.runs[0].results, clean.runs[0].tool.driver.rules]).toEqual([[], []]);
  });
});

describe('GitHub job summary and pre-commit', { timeout: 60_000 }, () => {
  it('appends a Markdown summary to $GITHUB_STEP_SUMMARY for validate and batch, and nothing when unset', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-ci-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const v = runCli(['validate', BAD, '-f', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(v.code).toBe(1);
    const b = runCli(['batch', 'fixtures/batch', '-f', 'json', '-j', '1'], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(b.code).toBe(1);
    const md = readFileSync(summary, 'utf8');
    expect(
      md.startsWith(
        '# earlier step\n## zcpark validate\n\n1 file checked: ❌ 1 invalid; 7 errors, 0 warnings\n\n| file | line | severity | code | message |\n|---|---|---|---|---|\n| `fixtures/invalid/several-mistakes/park.yaml` | 7:9 | error | `ZC-E-SCHEMA-ENUM` | entity.type: "parc" is not allowed;',
      ),
    ).toBe(true);
    expect(md).toContain('\n## zcpark batch\n\n');
    expect(md).toMatch(/\n\| rank \| id \| name \| score \| grade \| verdict \|\n\|---\|---\|---\|---\|---\|---\|\n\| 1 \| `[^`]+` \| /);
    // the step's own output is the same with or without the summary
    expect(runCli(['validate', BAD, '-f', 'github']).stdout).toBe(v.stdout);
  });

  it('ships a pre-commit hook that runs zcpark validate', () => {
    const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
      files?: string;
      pass_filenames?: boolean;
      args?: string[];
    }[];
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ['zcpark-validate', 'zcpark validate', 'node'],
      ['zcpark-validate-files', 'zcpark validate', 'node'],
    ]);
    expect(hooks[0]!.pass_filenames).toBe(false);
    expect(hooks[1]!.pass_filenames).toBe(true);
    // what the hook runs works from a repository root (the folder walk picks zcpark files by their format key)
    const r = runCli(['validate', ...(hooks[0]!.args ?? [])], { cwd: join(ROOT, 'fixtures', 'demo') });
    expect([r.code, r.stdout]).toEqual([0, '1 file checked: all valid; 0 errors, 0 warnings\n']);
  });
});
