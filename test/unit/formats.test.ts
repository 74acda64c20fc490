/**
 * The format registries (src/report/formats/, src/report/summary/, src/report/diagnostics/) and the table the
 * options read their -f choices and -o extensions from (src/cli/formats.ts, kept apart so that a command starts without
 * loading every renderer) name the same formats with the same extensions.
 */
import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/cli/formats.js';
import { DIAGNOSTICS_FORMATS } from '../../src/report/diagnostics/index.js';
import { REPORT_FORMATS } from '../../src/report/formats/index.js';
import { SUMMARY_FORMATS } from '../../src/report/summary/index.js';

const byName = (fs: readonly { name: string; extensions: readonly string[] }[]) => Object.fromEntries(fs.map((f) => [f.name, [...f.extensions]]));

describe('format registries', () => {
  it.each([
    ['report', REPORT_FORMATS],
    ['batch', SUMMARY_FORMATS],
    ['diagnostics', DIAGNOSTICS_FORMATS],
  ] as const)('%s: the options table and the registry agree', (kind, registry) => {
    expect(byName(OUTPUT_FORMATS[kind])).toEqual(byName(registry));
  });
});
