/**
 * A config file's text (zcpark.config.yaml, schemas/config.schema.json) → its settings as written, or every problem
 * with its position: the schema's, codes that do not exist, and protected codes a config tries to turn off. The CLI
 * reads the file and turns path globs into matchers (../cli/config.ts).
 */
import { CODES } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Diagnostic } from '../model/types.js';
import { decodeText } from '../parse/decode.js';
import { parseYaml, type ParsedDocument } from '../parse/yaml.js';
import { schemaDiagnostics, type SchemaValidator } from '../validate/schema.js';

/** Codes of unreadable or unsafe input: a config may not turn them off, lower them, or ignore them. */
export const PROTECTED_CODES: ReadonlySet<string> = new Set([
  'ZC-E-FILE-NOT-FOUND',
  'ZC-E-FILE-READ',
  'ZC-E-FILE-ENCODING',
  'ZC-E-FILE-TOO-LARGE',
  'ZC-E-PATH-OUTSIDE',
]);

export type ConfigLevel = 'off' | 'warning' | 'error';

/** A config as written. */
export interface ConfigValue {
  severity?: Record<string, ConfigLevel>;
  ignore?: { code?: string; path?: string }[];
  defaults?: { format?: string; profile?: string; factors?: string; lang?: 'en' | 'zh' };
}

/** Decodes, parses and checks a config file's bytes. */
export function configFromBytes(
  file: string,
  bytes: Uint8Array,
  validate: SchemaValidator,
): { value: ConfigValue } | { problems: [Diagnostic, ...Diagnostic[]] } | { undecodable: string } {
  const decoded = decodeText(bytes);
  if ('error' in decoded) return { undecodable: decoded.error };
  const doc = parseYaml(file, decoded.text);
  const problems = doc.diagnostics.filter((d) => d.severity === 'error');
  if (!problems.length) problems.push(...schemaDiagnostics(validate, doc), ...meaning(doc));
  const [first, ...rest] = problems;
  return first ? { problems: [first, ...rest] } : { value: doc.value as ConfigValue };
}

/** What the schema cannot say: codes that exist, and protected codes left alone. */
function meaning(doc: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  const value = doc.value as { severity?: Record<string, string>; ignore?: { code?: string }[] };
  const known = Object.keys(CODES);
  const check = (code: string, at: (string | number)[], key: boolean, what: string) => {
    const where = { file: doc.file, ...doc.locate(at, key) };
    if (!(code in CODES)) {
      out.push({
        code: 'ZC-E-SCHEMA-ENUM',
        severity: 'error',
        message: `${at.join('.')}: "${code}" is not a zcpark code${didYouMean(suggest(code, known))}; the codes are listed in the README (Diagnostic codes)`,
        ...where,
      });
    } else if (PROTECTED_CODES.has(code) && what !== 'error') {
      out.push({
        code: 'ZC-E-SCHEMA-ENUM',
        severity: 'error',
        message: `${at.join('.')}: ${code} reports unreadable or unsafe input and cannot be ${what}; allowed for it: error`,
        ...where,
      });
    }
  };
  for (const [code, level] of Object.entries(value.severity ?? {}))
    check(code, ['severity', code], true, level === 'off' ? 'turned off' : level === 'warning' ? 'lowered to a warning' : 'error');
  (value.ignore ?? []).forEach((i, n) => {
    if (i.code) check(i.code, ['ignore', n, 'code'], false, 'ignored');
  });
  return out;
}
