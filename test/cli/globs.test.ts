/**
 * Globs and exclusions of `validate` (the same paths feed batch and trend), through the built binary, as a shell
 * passes them: quoted, so zcpark expands them. Every expected list is the tree below read by hand.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.js';

/**
 * The tree (cwd of every run):
 *   city/city-2020.yaml … city-2023.yaml    (fixtures/trend/city)
 *   parks/east/park.yaml, enterprises.csv, 企业能耗-zh.csv   (fixtures/demo, without its README)
 *   parks/west/park.yaml, activity.csv       (fixtures/valid/hand-checked)
 *   park (1)/park.yaml                       (the demo's park.yaml: a folder name with parentheses)
 * and, in a tree of its own (`odd`, so the lists above stay as they are):
 *   odd/!notes.yaml, odd/a.yaml, odd/{a}.yaml, odd/[x].yaml, odd/x+(1).yaml   (the demo's park.yaml, names a glob
 *                                            library reads as syntax where the shell does not)
 */
let dir = '';
let odd = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zcpark-globs-'));
  cpSync(join(ROOT, 'fixtures/trend/city'), join(dir, 'city'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/demo'), join(dir, 'parks', 'east'), { recursive: true, filter: (f) => !f.endsWith('README.md') });
  cpSync(join(ROOT, 'fixtures/valid/hand-checked'), join(dir, 'parks', 'west'), { recursive: true });
  mkdirSync(join(dir, 'park (1)'));
  cpSync(join(ROOT, 'fixtures/demo/park.yaml'), join(dir, 'park (1)', 'park.yaml'));
  writeFileSync(join(dir, 'parks', 'notes.txt'), 'not a document\n');
  odd = mkdtempSync(join(tmpdir(), 'zcpark-globs-odd-'));
  mkdirSync(join(odd, 'odd'));
  for (const name of ['!notes.yaml', 'a.yaml', '{a}.yaml', '[x].yaml', 'x+(1).yaml']) cpSync(join(ROOT, 'fixtures/demo/park.yaml'), join(odd, 'odd', name));
});
afterAll(() => {
  for (const d of [dir, odd]) if (d) rmSync(d, { recursive: true, force: true });
});

/** The files a validate run checked, in its order. */
function checked(...paths: string[]): string[] {
  return checkedIn(dir, ...paths);
}
function checkedIn(cwd: string, ...paths: string[]): string[] {
  const r = runCli(['validate', ...paths, '-f', 'json'], { cwd });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
}

const CITY = ['city/city-2020.yaml', 'city/city-2021.yaml', 'city/city-2022.yaml', 'city/city-2023.yaml'];

describe('globs as in the shell and git', { timeout: 60_000 }, () => {
  it('** spans any number of folders, none included; * stays within one', () => {
    // every park.yaml at any depth, sorted by path as the walk lists them ("park (1)" < "parks": ' ' < 's')
    expect(checked('**/park.yaml')).toEqual(['park (1)/park.yaml', 'parks/east/park.yaml', 'parks/west/park.yaml']);
    // ** also matches no folder at all: city/**/… finds the files directly in city/
    expect(checked('city/**/*.yaml')).toEqual(CITY);
    // * never crosses a slash: parks/*.yaml has no file directly in parks/
    const none = runCli(['validate', 'parks/*.yaml'], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([2, 'zcpark: no file matches parks/*.yaml  ZC-E-FILE-NOT-FOUND\n']);
    expect(checked('parks/*/park.yaml')).toEqual(['parks/east/park.yaml', 'parks/west/park.yaml']);
  });

  it('braces, ? and character classes (with ! for none of)', () => {
    expect(checked('parks/{east,west}/park.yaml')).toEqual(['parks/east/park.yaml', 'parks/west/park.yaml']);
    // a brace choice may hold slashes and globs of its own
    expect(checked('{city/*-2020,parks/west/*}.yaml')).toEqual(['city/city-2020.yaml', 'parks/west/park.yaml']);
    expect(checked('city/city-202?.yaml')).toEqual(CITY);
    expect(checked('city/city-202[13].yaml')).toEqual(['city/city-2021.yaml', 'city/city-2023.yaml']);
    expect(checked('city/city-202[1-2].yaml')).toEqual(['city/city-2021.yaml', 'city/city-2022.yaml']);
    expect(checked('city/city-202[!01].yaml')).toEqual(['city/city-2022.yaml', 'city/city-2023.yaml']);
  });

  it('parentheses in a name are plain characters, as in the shell', () => {
    expect(checked('park (1)/*.yaml')).toEqual(['park (1)/park.yaml']);
    // no extglobs: *(1) is a name ending in "(1)", +( is two characters
    expect(checkedIn(odd, 'odd/*(1).yaml')).toEqual(['odd/x+(1).yaml']);
    expect(checked('*(1)/*.yaml')).toEqual(['park (1)/park.yaml']);
  });

  it('a ! that starts a pattern is a plain character, not "all but"', () => {
    expect(checkedIn(odd, 'odd/!n*.yaml')).toEqual(['odd/!notes.yaml']);
    expect(checkedIn(odd, 'odd/!*')).toEqual(['odd/!notes.yaml']);
  });

  it('a glob that is no glob after all names the file as written, its backslashes removed', () => {
    expect(checkedIn(odd, 'odd/{a}.yaml')).toEqual(['odd/{a}.yaml']);
    expect(checkedIn(odd, 'odd/\\[x\\].yaml')).toEqual(['odd/[x].yaml']);
    for (const p of ['odd/[', 'odd/{', 'odd/\\*.yaml']) {
      const r = runCli(['validate', p], { cwd: odd });
      expect([r.code, r.stderr]).toEqual([2, `zcpark: no file matches ${p}  ZC-E-FILE-NOT-FOUND\n`]);
    }
  });

  it('!glob and !folder leave out what globs and folders find; a file named as it is stays', () => {
    // all 7 YAML files but the city's 4 → the 3 park.yaml
    expect(checked('**/*.yaml', '!city/**')).toEqual(['park (1)/park.yaml', 'parks/east/park.yaml', 'parks/west/park.yaml']);
    // a folder walk less one folder, with all below it (the CSVs are the submissions' own, read with them)
    expect(checked('parks', '!parks/west')).toEqual(['parks/east/park.yaml']);
    // the whole tree less a folder and a glob: 7 YAML files less city's 4 and parks' 2
    expect(checked('.', '!city', '!parks/*/park.yaml')).toEqual(['park (1)/park.yaml']);
    // an exclusion with braces; the city file named on its own is read although a glob would exclude it
    expect(checked('city/city-2021.yaml', 'city/*.yaml', '!city/city-{2020,2021,2022}.yaml')).toEqual(['city/city-2021.yaml', 'city/city-2023.yaml']);
  });

  it('says so when exclusions leave nothing of a glob, or nothing at all is named', () => {
    const all = runCli(['validate', 'city/*.yaml', '!city/**'], { cwd: dir });
    expect([all.code, all.stderr]).toEqual([2, 'zcpark: every file that city/*.yaml matches is excluded (!city/**)  ZC-E-FILE-NOT-FOUND\n']);
    // a folder too, as a glob
    const folder = runCli(['validate', 'city', '!city'], { cwd: dir });
    expect([folder.code, folder.stderr]).toEqual([2, 'zcpark: every file in city is excluded (!city)  ZC-E-FILE-NOT-FOUND\n']);
    const only = runCli(['validate', '!city/**'], { cwd: dir });
    expect([only.code, only.stderr]).toEqual([
      2,
      'zcpark: nothing to check: !city/** only leaves files out; name the files, folders or globs to check too  ZC-E-USAGE\n',
    ]);
  });
});
