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
export const utf16Bad = (encoding: string) => `it starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} (an unpaired surrogate)`;

/** Decodes bytes, or returns an error reason (binary data, undecodable bytes). Every decoder is strict: no U+FFFD is ever made up. */
export function decodeText(bytes: Uint8Array): Decoded | { error: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.includes(0, 3) ? { error: NUL } : utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { error: UTF32 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  if (bytes.includes(0)) return { error: NUL };
  return utf8(bytes);
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded | { error: string } {
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

function utf8(bytes: Uint8Array): Decoded | { error: string } {
  // isUtf8 + toString is TextDecoder's result without starting ICU (~10 ms of a cold run); like TextDecoder,
  // one more leading BOM is dropped
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    return { error: NOT_UTF8_OR_GB };
  }
}
