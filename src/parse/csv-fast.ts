/**
 * A strict CSV reader for well-formed files (RFC 4180: quotes, "" escapes, CRLF/LF/CR, BOM, blank lines
 * skipped). It returns undefined at the first irregularity (ragged row, stray or unclosed quote, NUL,
 * mixed line-break styles, a line break inside a cell, a record over 1,000,000 characters) and
 * csv-parse then reads the file, so results and diagnostics are identical (test/property/csv.property.test.ts).
 * Small activity files are read ~5× faster this way; csv-parse's per-call set-up dominates them.
 */
export function fastCsv(text: string): { records: string[][]; starts: number[] } | undefined {
  if (text.includes('\u0000') || mixedNewlines(text)) return undefined;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const records: string[][] = [];
  const starts: number[] = [];
  let line = 1;
  let width = -1;
  while (i < n) {
    // a blank line is skipped, as csv-parse does with skip_empty_lines
    const c0 = text.charCodeAt(i);
    if (c0 === 10 || c0 === 13) {
      i += c0 === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      continue;
    }
    const start = line;
    const begin = i;
    const record: string[] = [];
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34) {
        // quoted field
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return undefined; // unclosed quote
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
            continue;
          }
          j = q + 1;
          break;
        }
        // a line break inside a cell: csv-parse's line counting there depends on what it has seen, so leave it to it
        if (out.includes('\n') || out.includes('\r')) return undefined;
        field = out;
        i = j;
        const next = text.charCodeAt(i);
        if (i < n && next !== 44 && next !== 10 && next !== 13) return undefined; // text after a closing quote
      } else {
        let j = i;
        while (j < n) {
          const ch = text.charCodeAt(j);
          if (ch === 44 || ch === 10 || ch === 13) break;
          if (ch === 34) return undefined; // a quote inside an unquoted field
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      record.push(field);
      if (i - begin > 1_000_000) return undefined;
      const ch = text.charCodeAt(i);
      if (ch === 44) {
        i++;
        continue;
      }
      // end of record: newline or end of text
      if (ch === 13) i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      else if (ch === 10) i++;
      if (i <= n && (ch === 10 || ch === 13)) line++;
      break;
    }
    if (width < 0) width = record.length;
    else if (record.length !== width) return undefined; // ragged: let csv-parse report it
    records.push(record);
    starts.push(start);
  }
  return { records, starts };
}

/**
 * csv-parse takes the record delimiter from the first line break it meets and then treats other
 * styles as data; a file that mixes CRLF, LF and CR is therefore left to it.
 */
function mixedNewlines(text: string): boolean {
  const first = text.search(/[\r\n]/);
  if (first < 0) return false;
  if (text[first] === '\n') return text.includes('\r');
  if (text[first + 1] !== '\n') return text.includes('\n');
  // CRLF: every CR must start a CRLF and every LF must end one
  return /\r(?!\n)|(?<!\r)\n/.test(text);
}
