/**
 * A large activity CSV read as a stream: chunks of bytes are decoded incrementally and fed to csv-parse's
 * stream API, and every record is handed on as soon as it is parsed, so memory stays flat in the file size.
 *
 * The stream is driven synchronously (write a chunk, then read() until it is empty): the engine's pipeline
 * stays one synchronous call, and no record waits in a queue. Options, line numbers, error wording and
 * ragged-run merging are those of the whole-text reader (csv.ts); test/unit/csv-stream.test.ts and a
 * property compare the two on the same files.
 */
import { parse, type CsvError, type Parser } from 'csv-parse';
import { diag } from '../diagnostics/codes.js';
import type { Diagnostic } from '../model/types.js';
import { CSV_PARSE_OPTIONS, csvParseError, isRagged, raggedRun, readHeader, recordStart, skipOf } from './csv.js';
import { fastCsv } from './csv-fast.js';
import { decodeText, NOT_UTF8_OR_GB, NUL, UTF32, utf16Bad, utf16Odd } from './decode.js';

/** What the reader hands on: the header once, then records in file order, and records skipped for an error. */
export interface CsvConsumer {
  /** The header (not called when a column is repeated: then no record is read, as which copy is meant cannot be known). */
  header(rawHeader: string[], header: string[]): void;
  record(cells: string[], line: number): void;
  skipped(line: number, fields: string[] | undefined): void;
  /** A structural diagnostic (CSV-PARSE, duplicate header), in line order. */
  problem(d: Diagnostic): void;
}

export type Encoding = 'utf-8' | 'gb18030';

/**
 * Streams one CSV. Returns 'retry-gb18030' when the bytes stop being UTF-8 part-way (the caller starts over
 * with `encoding: 'gb18030'`, as the whole-text decoder does), or an encoding error to report.
 */
export function streamCsv(
  file: string,
  chunks: Iterable<Uint8Array>,
  aliases: ReadonlyMap<string, string>,
  consumer: CsvConsumer,
  encoding: Encoding = 'utf-8',
): StreamResult {
  let header: string[] | undefined;
  let rawHeader: string[] = [];
  let stopped = false;
  let lastLine = 0;
  let lastSkip = -1;
  let firstSkipAfterRecord = -1;
  const starts: number[] = [];
  let startAt = 0;
  let pending: { first: Diagnostic; last: number } | undefined;
  const flushRun = () => {
    if (pending) consumer.problem(pending.last > pending.first.line! ? raggedRun(pending.first, pending.last) : pending.first);
    pending = undefined;
  };
  const problem = (d: Diagnostic) => {
    if (pending && d.message === pending.first.message && d.line === pending.last + 1) {
      pending.last = d.line;
      return;
    }
    flushRun();
    if (isRagged(d)) pending = { first: d, last: d.line! };
    else consumer.problem(d);
  };
  const skips: { err: CsvError; line: number; fields?: string[] }[] = [];
  const parser: Parser = parse({
    ...CSV_PARSE_OPTIONS,
    on_record: (record: string[], context: { lines: number }) => {
      lastLine = context.lines;
      firstSkipAfterRecord = -1;
      starts.push(recordStart(record, context.lines));
      return record;
    },
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const s = skipOf(err, lastLine);
      // one record reported twice (csv.ts keeps a set of lines; here only the two lines it could repeat are kept:
      // the last one, and the first after the last good record, where an unclosed quote is placed)
      if (s.line === lastSkip || s.line === firstSkipAfterRecord) return;
      lastSkip = s.line;
      if (firstSkipAfterRecord < 0) firstSkipAfterRecord = s.line;
      skips.push(s);
    },
  } as never);
  let fatal: Error | undefined;
  parser.on('error', (e: Error) => {
    fatal = e;
  });

  // skipped records are phrased once the header is known, and interleaved with records in line order
  const drainSkips = (upTo: number) => {
    while (skips.length && skips[0]!.line <= upTo) {
      const s = skips.shift()!;
      problem(csvParseError(s.err, rawHeader, file, s.line));
      consumer.skipped(s.line, s.fields);
    }
  };
  const drain = () => {
    let record: string[] | null;
    while ((record = parser.read() as string[] | null) !== null) {
      const line = starts[startAt++]!;
      if (startAt > 4096) {
        starts.splice(0, startAt);
        startAt = 0;
      }
      if (stopped) continue;
      if (!header) {
        const ds: Diagnostic[] = [];
        const h = readHeader(file, record, aliases, ds);
        for (const d of ds) problem(d);
        header = h.header;
        rawHeader = h.rawHeader;
        drainSkips(line);
        if (h.duplicate) {
          stopped = true;
          continue;
        }
        consumer.header(h.rawHeader, h.header);
        continue;
      }
      drainSkips(line);
      consumer.record(record, line);
    }
  };

  const dec = new ChunkDecoder(encoding);
  for (const chunk of chunks) {
    const text = dec.push(chunk);
    if (typeof text !== 'string') return text;
    if (text) parser.write(text);
    drain();
    if (fatal) break;
  }
  const tail = dec.end();
  if (typeof tail !== 'string') return tail;
  if (tail) parser.write(tail);
  parser.end();
  drain();
  drainSkips(Number.MAX_SAFE_INTEGER);
  if (fatal) problem(diag('ZC-E-CSV-PARSE', { reason: (fatal as Error).message }, { file, line: lastLine + 1, row: lastLine + 1 }));
  flushRun();
  if (!header) consumer.header([], []); // no record at all: the consumer reports the empty file
  return { ok: true };
}

export type StreamResult = { ok: true } | { retry: 'gb18030' } | { error: string };

/**
 * Incremental decoding with decode.ts's rules and messages: a byte-order mark decides (UTF-8, UTF-16 LE/BE,
 * UTF-32 refused); otherwise UTF-8, or GB18030 when the caller retries; NUL bytes are refused (in UTF-16
 * too, once decoded); every decoder is strict.
 */
class ChunkDecoder {
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private carry: Uint8Array | undefined;
  private utf16: 'utf-16le' | 'utf-16be' | undefined;
  private bytes16 = 0;
  constructor(private readonly encoding: Encoding) {}

  private fail(): StreamResult {
    if (this.utf16) return { error: utf16Bad(this.utf16) };
    return this.encoding === 'utf-8' ? { retry: 'gb18030' } : { error: NOT_UTF8_OR_GB };
  }

  /** Looks at the first bytes (four, to tell UTF-32 from UTF-16 LE); returns the rest to decode. */
  private start(chunk: Uint8Array): Uint8Array | StreamResult {
    if (chunk[0] === 0xff && chunk[1] === 0xfe && chunk[2] === 0 && chunk[3] === 0) return { error: UTF32 };
    if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
      this.utf16 = chunk[0] === 0xff ? 'utf-16le' : 'utf-16be';
      this.decoder = new TextDecoder(this.utf16, { fatal: true });
      return chunk.subarray(2);
    }
    this.decoder = new TextDecoder(this.encoding, { fatal: true });
    return chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
  }

  private decode(chunk: Uint8Array, stream: boolean): string | StreamResult {
    if (!this.utf16 && chunk.includes(0)) return { error: NUL };
    this.bytes16 += chunk.length;
    let text: string;
    try {
      text = this.decoder!.decode(chunk, { stream });
    } catch {
      return this.fail();
    }
    if (this.utf16 && text.includes('\u0000')) return { error: NUL };
    return text;
  }

  push(chunk: Uint8Array): string | StreamResult {
    if (!this.decoder) {
      if (this.carry) chunk = concat(this.carry, chunk);
      if (chunk.length < 4) {
        this.carry = chunk.slice(); // the reader may reuse its buffer
        return '';
      }
      this.carry = undefined;
      const rest = this.start(chunk);
      if (!(rest instanceof Uint8Array)) return rest;
      chunk = rest;
    }
    return this.decode(chunk, true);
  }

  end(): string | StreamResult {
    if (!this.decoder) {
      // a file shorter than four bytes
      if (!this.carry || this.carry.length === 0) return '';
      const rest = this.start(this.carry);
      if (!(rest instanceof Uint8Array)) return rest;
      const text = this.decode(rest, true);
      if (typeof text !== 'string') return text;
      const tail = this.end();
      return typeof tail === 'string' ? text + tail : tail;
    }
    if (this.utf16 && this.bytes16 % 2 !== 0) return { error: utf16Odd(this.utf16) };
    return this.decode(new Uint8Array(0), false);
  }
}

/**
 * The fast path for streamed files: blocks of whole lines go through the strict reader of csv-fast.ts, with
 * line numbers carried across blocks. At the first irregularity it answers 'irregular' and the caller reads
 * the file again with csv-parse (streamCsv), so every message comes from csv-parse as before. A well-formed
 * metering dump is read 3–5× faster this way than csv-parse reads it.
 */
export function streamFast(
  file: string,
  chunks: Iterable<Uint8Array>,
  aliases: ReadonlyMap<string, string>,
  consumer: CsvConsumer,
  encoding: Encoding = 'utf-8',
): StreamResult | { irregular: true } {
  const dec = new ChunkDecoder(encoding);
  let carry = '';
  let lineOffset = 0;
  let style: '\n' | '\r\n' | undefined;
  let width = -1;
  let started = false;
  let stopped = false;
  let firstBlock = true;
  const block = (text: string): boolean => {
    if (!firstBlock && text.charCodeAt(0) === 0xfeff) return false; // csv-parse strips a BOM only at the very start
    firstBlock = false;
    const nl = text.search(/[\r\n]/);
    if (nl >= 0) {
      if (text[nl] === '\r' && text[nl + 1] !== '\n') return false; // CR-only files are csv-parse's
      const s = text[nl] === '\r' ? '\r\n' : '\n';
      if (style && s !== style) return false;
      style = s;
    }
    const fast = fastCsv(text);
    if (!fast) return false;
    for (let k = 0; k < fast.records.length; k++) {
      const record = fast.records[k]!;
      if (width < 0) width = record.length;
      else if (record.length !== width) return false;
      if (stopped) continue;
      const line = fast.starts[k]! + lineOffset;
      if (!started) {
        started = true;
        const ds: Diagnostic[] = [];
        const h = readHeader(file, record, aliases, ds);
        for (const d of ds) consumer.problem(d);
        if (h.duplicate) stopped = true;
        else consumer.header(h.rawHeader, h.header);
        continue;
      }
      consumer.record(record, line);
    }
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineOffset++;
    return true;
  };
  for (const chunk of chunks) {
    const text = dec.push(chunk);
    if (typeof text !== 'string') return text;
    carry += text;
    const cut = carry.lastIndexOf('\n');
    if (cut < 0) {
      if (carry.length > 1_000_000) return { irregular: true };
      continue;
    }
    // blocks of about 64 K characters: a block's records die young, so the heap stays small (a 1 MB block
    // of records outlives the young generation and lifts peak RSS by ~100 MB)
    let from = 0;
    while (from <= cut) {
      let to = from + 65536 > cut ? cut : carry.indexOf('\n', from + 65536);
      if (to < 0 || to > cut) to = cut;
      if (!block(carry.slice(from, to + 1))) return { irregular: true };
      from = to + 1;
    }
    carry = carry.slice(cut + 1);
  }
  const tail = dec.end();
  if (typeof tail !== 'string') return tail;
  carry += tail;
  if (carry && !block(carry)) return { irregular: true };
  if (!started) consumer.header([], []); // no record at all: the consumer reports the empty file
  return { ok: true };
}

/**
 * Why a file cannot be decoded, in decode.ts's words and order of precedence (a NUL byte anywhere outranks
 * bad UTF-8; in UTF-16 an odd length outranks an unpaired surrogate, which outranks a NUL character).
 * A stream meets these in file order; this second pass, run only after a stream failed, gives the whole
 * file's answer, so a streamed file is refused exactly as the same file read whole.
 */
export function encodingError(chunks: Iterable<Uint8Array>): string | undefined {
  let head: Uint8Array = new Uint8Array(0);
  let kind: 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'plain' | undefined;
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  let total = 0;
  let nul = false;
  let bad = false;
  let nulChar = false;
  const feed = (c: Uint8Array) => {
    total += c.length;
    if (kind === 'utf-16le' || kind === 'utf-16be') {
      if (bad) return;
      try {
        if (decoder!.decode(c, { stream: true }).includes('\u0000')) nulChar = true;
      } catch {
        bad = true;
      }
    } else if (c.includes(0)) nul = true;
  };
  for (const chunk of chunks) {
    if (kind) {
      feed(chunk);
      continue;
    }
    head = concat(head, chunk);
    if (head.length < 4) continue;
    if (head[0] === 0xff && head[1] === 0xfe && head[2] === 0 && head[3] === 0) return UTF32;
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
      kind = head[0] === 0xff ? 'utf-16le' : 'utf-16be';
      decoder = new TextDecoder(kind, { fatal: true });
      feed(head.subarray(2));
    } else {
      kind = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 'utf-8-bom' : 'plain';
      feed(kind === 'utf-8-bom' ? head.subarray(3) : head);
    }
  }
  if (!kind) {
    // shorter than four bytes: decode.ts decides on what is there
    const d = decodeText(head);
    return 'error' in d ? d.error : undefined;
  }
  if (kind === 'utf-16le' || kind === 'utf-16be') {
    if (total % 2 !== 0) return utf16Odd(kind);
    if (!bad) {
      try {
        if (decoder!.decode().includes('\u0000')) nulChar = true;
      } catch {
        bad = true;
      }
    }
    return bad ? utf16Bad(kind) : nulChar ? NUL : undefined;
  }
  return nul ? NUL : undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
