import { Buffer, isUtf8 } from 'node:buffer';

/** Text decoding that never mangles: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (Excel's Chinese default). */

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

export const NUL = 'it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)';
export const UTF32 = 'it starts with a UTF-32 byte-order mark; zcpark reads UTF-8, UTF-16 and GB18030';
export const NOT_UTF8_OR_GB = 'it is neither valid UTF-8 nor GB18030';
export const utf16Odd = (encoding: string) => `it starts with a ${encoding.toUpperCase()} byte-order mark but has an odd number of bytes (a truncated file?)`;
export const utf16Bad = (encoding: string) =>
  `it starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} (an unpaired surrogate)`;

/** An undecodable input: why, and the 1-based line at fault when one line is (a GBK row in a UTF-8 file). */
export interface DecodeError {
  error: string;
  line?: number;
}

/**
 * Decodes bytes, or returns an error reason (binary data, undecodable bytes). Every decoder is strict: no U+FFFD is
 * ever made up. Without a byte-order mark, a file is UTF-8 when it is valid UTF-8. When it is not, its lines that hold
 * non-ASCII bytes decide: if most of them are not UTF-8, the file is GB18030/GBK (as Excel writes Chinese CSVs) and
 * must decode as such throughout; if most are UTF-8 (ties too), it is a UTF-8 file with damaged lines, and the first
 * of them is the error, by line: one row pasted from a GBK file never turns a whole UTF-8 file into mojibake.
 */
export function decodeText(bytes: Uint8Array): Decoded | DecodeError {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.includes(0, 3) ? { error: NUL } : utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { error: UTF32 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) return { error: NUL };
  return utf8(bytes);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded | DecodeError {
  // an odd byte count or an unpaired surrogate is damage (a truncated copy), not text
  if (bytes.length % 2 !== 0) return { error: utf16Odd(encoding) };
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { error: utf16Bad(encoding) };
  }
  return text.includes('\u0000') ? { error: NUL } : { text, encoding };
}

function utf8(bytes: Uint8Array): Decoded | DecodeError {
  // isUtf8 + toString is TextDecoder's result without starting ICU (~10 ms of a cold run); like TextDecoder,
  // one more leading BOM is dropped
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  }
  const mixed = notUtf8Lines(bytes);
  if (mixed) return mixed;
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return { error: NOT_UTF8_OR_GB };
  }
}

/** The first line that is not UTF-8 in a file whose other non-ASCII lines mostly are; undefined for a GB18030 candidate. */
function notUtf8Lines(bytes: Uint8Array): DecodeError | undefined {
  return mixedUtf8([bytes]);
}

/**
 * decodeText's rule for a file that is not valid UTF-8, over the file's chunks (a streamed file is judged as a whole
 * one is): the first line that is not UTF-8 when most lines with non-ASCII bytes are (ties too), else undefined.
 * A leading UTF-8 byte-order mark is not part of line 1.
 */
export function mixedUtf8(chunks: Iterable<Uint8Array>): DecodeError | undefined {
  let utf8Lines = 0;
  let badLines = 0;
  let first = 0;
  let line = 1;
  let pending: Uint8Array[] = [];
  let nonAscii = false;
  const endLine = () => {
    if (nonAscii) {
      let bytes: Uint8Array = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
      if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      if (!bytes.some((x) => x >= 0x80)) {
        // only the byte-order mark: an ASCII line
      } else if (isUtf8(bytes)) utf8Lines++;
      else if (badLines++ === 0) first = line;
    }
    pending = [];
    nonAscii = false;
    line++;
  };
  for (const chunk of chunks) {
    let at = 0;
    while (at < chunk.length) {
      let end = chunk.indexOf(0x0a, at);
      const last = end < 0;
      if (last) end = chunk.length;
      const piece = chunk.subarray(at, end);
      if (!nonAscii)
        for (let i = 0; i < piece.length; i++)
          if (piece[i]! >= 0x80) {
            nonAscii = true;
            break;
          }
      if (nonAscii) pending.push(piece);
      if (last) break;
      endLine();
      at = end + 1;
    }
  }
  endLine();
  if (badLines === 0 || utf8Lines < badLines) return undefined;
  const more = badLines > 1 ? ` (and ${badLines - 1} more line${badLines > 2 ? 's' : ''})` : '';
  return { error: `line ${first} is not valid UTF-8 although the file's other lines are${more}: a row saved as GBK or another encoding?`, line: first };
}
