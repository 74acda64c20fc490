/** Input robustness (issue #3): GBK from Excel, BOM, CRLF, Chinese headers — decoded, never mangled. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/parse/decode.js';
import type { Report } from '../../src/report/types.js';
import { ROOT, runCli } from '../helpers/run-cli.js';

const report = (p: string) => {
  const r = runCli(['evaluate', p, '-f', 'json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Report;
};

describe('encodings', () => {
  it('a GBK-encoded CSV from Excel evaluates to the same numbers as its UTF-8 twin', () => {
    const bytes = readFileSync(join(ROOT, 'fixtures/valid/gbk/能耗-gbk.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // really not UTF-8
    const gbk = report('fixtures/valid/gbk/park-gbk.yaml');
    const utf8 = report('fixtures/valid/gbk/park-utf8.yaml');
    expect(gbk.energy).toEqual(utf8.energy);
    expect(gbk.emissions).toEqual(utf8.emissions);
    expect(gbk.indicators).toEqual(utf8.indicators);
    expect(Object.keys(gbk.emissions.by_entity)).toContain('鄂尔多斯某新材料有限公司');
  });

  it('detects UTF-8 with and without BOM, UTF-16 with BOM, and GB18030; refuses binary', () => {
    const text = '企业,类别\r\n甲,电力\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(Buffer.from(`\ufeff${text}`))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(utf16)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(readFileSync(join(ROOT, 'fixtures/valid/gbk/能耗-gbk.csv')))).toMatchObject({ encoding: 'gb18030' });
    expect(decodeText(Buffer.from('a,b\n\u0000\u0001', 'latin1'))).toEqual({
      error: 'it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)',
    });
  });
});
