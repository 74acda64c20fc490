/** Text identity (issue #14, item 6): which encoding a file without a byte-order mark is read in. */
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/parse/decode.js';

const gbk = (s: string): number[] => {
  // the GBK bytes of the few characters these tests use
  const table: Record<string, number[]> = { 厂: [0xb3, 0xa7], 电: [0xb5, 0xe7], 万: [0xcd, 0xf2], 谋: [0xc4, 0xb1], 茅: [0xc3, 0xa9] };
  return [...s].flatMap((c) => table[c] ?? [c.charCodeAt(0)]);
};
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

describe('decodeText: UTF-8, GB18030, or a UTF-8 file with a damaged line', () => {
  it('a UTF-8 file with one GBK row is an error at that row, not a GB18030 file', () => {
    const d = decodeText(bytes('entity,category\n电厂,fuel\n工厂,fuel\n', gbk('厂,fuel\n'), '北厂,fuel\n'));
    expect(d).toEqual({ error: "line 4 is not valid UTF-8 although the file's other lines are: a row saved as GBK or another encoding?", line: 4 });
  });

  it('counts the other damaged lines', () => {
    const d = decodeText(bytes('电厂\n', gbk('厂\n'), '北厂\n', gbk('电\n'), '南厂\n'));
    expect(d).toEqual({
      error: "line 2 is not valid UTF-8 although the file's other lines are (and 1 more line): a row saved as GBK or another encoding?",
      line: 2,
    });
  });

  it('a GBK file stays GB18030, even when one of its lines happens to be valid UTF-8', () => {
    // 茅 in GBK is C3 A9, which is also "é" in UTF-8
    const d = decodeText(bytes(gbk('电厂,万\n'), gbk('茅\n'), gbk('谋厂\n')));
    expect(d).toEqual({ text: '电厂,万\n茅\n谋厂\n', encoding: 'gb18030' });
  });

  it('valid UTF-8 and pure ASCII are UTF-8; bytes that are neither are the old error', () => {
    expect(decodeText(bytes('Café,电厂\n'))).toEqual({ text: 'Café,电厂\n', encoding: 'utf-8' });
    expect(decodeText(bytes('a,b\n'))).toEqual({ text: 'a,b\n', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0x61, 0xff, 0xff, 0x0a]))).toEqual({ error: 'it is neither valid UTF-8 nor GB18030' });
  });

  it('keeps GB18030 code points of the private use area as they decode', () => {
    const d = decodeText(new Uint8Array([0xb3, 0xa7, 0xaa, 0xa1, 0x0a, 0xb3, 0xa7, 0xfe, 0x51, 0x0a]));
    expect(d).toEqual({ text: '厂\ue000\n厂\ue816\n', encoding: 'gb18030' });
  });
});
