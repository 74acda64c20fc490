import { Buffer, isUtf8 } from 'node:buffer';

/** Text decoding that never mangles: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030 (Excel's Chinese default). */

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** Decodes bytes, or returns an error reason (binary data, undecodable bytes). */
export function decodeText(bytes: Uint8Array): Decoded | { error: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  if (bytes.includes(0)) return { error: 'it contains NUL bytes (a binary file, or UTF-16 without a byte-order mark)' };
  return utf8(bytes);
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
    return { error: 'it is neither valid UTF-8 nor GB18030' };
  }
}
