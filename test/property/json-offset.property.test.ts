/**
 * jsonErrorOffset (src/parse/json-offset.ts) against V8's own JSON.parse, on JSON texts and texts one edit away
 * from JSON (a character inserted, deleted or replaced by one that JSON gives a meaning to):
 *  1. it finds an error exactly when JSON.parse throws;
 *  2. where V8 names a position ("… in JSON at position N"), it names the same one; where V8 names only the
 *     character ("Unexpected token 'x'") or the end, that is what stands at the offset found.
 * 100,000 runs (FC_RUNS scales them, see runs.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/parse/json-offset.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { runs, timeoutFor } from './runs.js';

const N = runs(100_000);
const SPECIAL = ['{', '}', '[', ']', ',', ':', '"', '\\', '-', '+', '.', 'e', '0', '1', ' ', '\n', '\t', 'u', 't', 'n', 'f', '\u0001', 'x'];

const nearJson = fc
  .tuple(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(0, 2), fc.nat(), fc.constantFrom('insert', 'delete', 'replace', 'none'), fc.constantFrom(...SPECIAL))
  .map(([value, indent, at, how, c]) => {
    const text = JSON.stringify(value, null, indent);
    const k = text.length ? at % (text.length + 1) : 0;
    if (how === 'insert') return text.slice(0, k) + c + text.slice(k);
    if (how === 'delete') return text.slice(0, k) + text.slice(k + 1);
    if (how === 'replace') return text.slice(0, k) + c + text.slice(k + 1);
    return text;
  });

describe('jsonErrorOffset', () => {
  it(
    'agrees with JSON.parse on whether a text is JSON, and on the position wherever V8 names one',
    () => {
      fc.assert(
        fc.property(nearJson, (text) => {
          let message: string | undefined;
          try {
            JSON.parse(text);
          } catch (e) {
            message = (e as Error).message;
          }
          const got = jsonErrorOffset(text);
          expect(got === undefined, text).toBe(message === undefined);
          const pos = message && /at position (\d+)/.exec(message);
          if (pos) expect(got, `${text} → ${message}`).toBe(Number(pos[1]));
          // without a position V8 names the character (or the end): it is the one found
          const token = message && /^Unexpected token '(.)'/s.exec(message);
          if (token) expect(text[got!], `${text} → ${message}`).toBe(token[1]);
          if (message && /^Unexpected end of JSON input/.test(message)) expect(got).toBe(text.length);
        }),
        { numRuns: N },
      );
    },
    timeoutFor(N, 0.05),
  );

  it('places an unexpected character at its line and column in a .json submission', () => {
    // line 3 is `  "year": tru,`: the scanner stops at the comma after `tru` (column 14), where `true` needed an `e`
    const doc = parseYaml('park.json', '{\n  "format": "zcpark/1",\n  "year": tru,\n  "profile": "zero-carbon-park"\n}\n');
    expect(doc.diagnostics.map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['3:14 ZC-E-JSON-SYNTAX']);
  });
});
