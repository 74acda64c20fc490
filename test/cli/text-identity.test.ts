/** Text identity (issue #14, item 6), end to end: one GBK row in a UTF-8 CSV, NFC/NFD names, GB18030 private-use names. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const TMP = mkdtempSync(join(tmpdir(), 'zcpark-text-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
const park = 'format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: T, name: T, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [a.csv]\n';
const caseDir = (name: string, csv: Uint8Array | string) => {
  const dir = join(TMP, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'park.yaml'), park);
  writeFileSync(join(dir, 'a.csv'), csv);
  return dir;
};

describe('text identity', () => {
  it('a GBK row inside a UTF-8 CSV is ZC-E-FILE-ENCODING at that row', () => {
    const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];
    const dir = caseDir(
      'mixed',
      new Uint8Array([
        ...utf8('entity,category,item,quantity,unit\n电厂,fuel,natural_gas,1,万m3\n'),
        0xb3,
        0xa7,
        ...utf8(',fuel,natural_gas,2,t\n北厂,fuel,natural_gas,3,万m3\n'),
      ]),
    );
    const r = runCli(['validate', 'park.yaml', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout).files[0].diagnostics as { code: string; file: string; line: number; message: string }[];
    expect(ds.map((d) => `${d.file}:${d.line} ${d.code}`)).toEqual(['a.csv:3 ZC-E-FILE-ENCODING']);
    expect(ds[0]!.message).toBe(
      "cannot decode a.csv: line 3 is not valid UTF-8 although the file's other lines are: a row saved as GBK or another encoding?; save it as UTF-8 or GB18030/GBK",
    );
  });

  it('"Café" in NFC and in NFD is one entity', () => {
    const dir = caseDir('nfc', `entity,category,item,quantity,unit\nCaf\u00e9,fuel,natural_gas,1,万m3\nCafe\u0301,fuel,natural_gas,2,万m3\n`);
    const r = runCli(['evaluate', 'park.yaml', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    const by = JSON.parse(r.stdout).emissions.by_entity as Record<string, { gross_t: number }>;
    expect(Object.keys(by)).toEqual(['Caf\u00e9']);
    expect(by['Caf\u00e9']!.gross_t).toBe(64.8657);
  });

  it('GB18030 names that differ by a private-use character stay distinct entities', () => {
    const head = [...Buffer.from('entity,category,item,quantity,unit\n', 'utf8')];
    const row = (name: number[], q: string) => [...name, ...Buffer.from(`,fuel,natural_gas,${q},`, 'latin1'), 0xcd, 0xf2, 0x6d, 0x33, 0x0a];
    const dir = caseDir(
      'pua',
      new Uint8Array([...head, ...row([0xb3, 0xa7], '1'), ...row([0xb3, 0xa7, 0xaa, 0xa1], '2'), ...row([0xb3, 0xa7, 0xfe, 0x51], '4')]),
    );
    const r = runCli(['evaluate', 'park.yaml', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).emissions.by_entity).sort()).toEqual(['厂', '厂\ue000', '厂\ue816']);
  });
});
