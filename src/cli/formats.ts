/**
 * The output formats of each command, in one table: a format's name and the `-o` extensions that choose it. The
 * `-f` choices, the help text's list and the extension map of every command come from here; the renderers
 * themselves live in their registries (report/formats/, report/summary/, report/diagnostics/, report/trend/; test/unit/formats.test.ts
 * checks that they agree with this table, which does not import them so that a command starts without loading every
 * renderer). A new format is one row here
 * and one renderer there.
 */

/** What a command prints: a report per submission, a batch summary, the diagnostics of `validate`, or a listing. */
export type OutputKind = 'report' | 'batch' | 'diagnostics' | 'listing' | 'trend';

export interface FormatSpec {
  name: string;
  /** `-o` file extensions (lower case, with the dot) that pick this format when `-f` is absent. */
  extensions: readonly string[];
}

/** Per kind, in the order the help text lists them; the first extension map entry wins where two formats could. */
export const OUTPUT_FORMATS: Record<OutputKind, readonly FormatSpec[]> = {
  report: [
    { name: 'table', extensions: ['.txt'] },
    { name: 'json', extensions: ['.json'] },
    { name: 'markdown', extensions: ['.md'] },
    { name: 'html', extensions: ['.html', '.htm'] },
    { name: 'csv', extensions: ['.csv'] },
  ],
  batch: [
    { name: 'table', extensions: ['.txt'] },
    { name: 'json', extensions: ['.json'] },
    { name: 'jsonl', extensions: ['.jsonl'] },
    { name: 'csv', extensions: ['.csv'] },
    { name: 'markdown', extensions: ['.md'] },
    { name: 'html', extensions: ['.html'] },
  ],
  diagnostics: [
    { name: 'pretty', extensions: ['.txt', '.log'] },
    { name: 'json', extensions: ['.json'] },
    { name: 'github', extensions: [] },
    { name: 'junit', extensions: ['.xml'] },
    { name: 'sarif', extensions: ['.sarif'] },
  ],
  /** `zcpark trend`: the names and extensions of the renderer registry in report/trend/ (a test keeps the two equal). */
  trend: [
    { name: 'table', extensions: ['.txt'] },
    { name: 'json', extensions: ['.json'] },
    { name: 'csv', extensions: ['.csv'] },
    { name: 'markdown', extensions: ['.md', '.markdown'] },
    { name: 'html', extensions: ['.html', '.htm'] },
  ],
  /** `profiles` and `factors`: printed, never written with -o. */
  listing: [
    { name: 'table', extensions: [] },
    { name: 'json', extensions: [] },
  ],
};

/** The format names of one kind, in help order. */
export const formatNames = (kind: OutputKind): string[] => OUTPUT_FORMATS[kind].map((f) => f.name);

/** `-o` extension → format name, for pickFormat. */
export function extensionMap(kind: OutputKind): Record<string, string> {
  const map: Record<string, string> = {};
  for (const f of OUTPUT_FORMATS[kind]) for (const ext of f.extensions) map[ext] ??= f.name;
  return map;
}
