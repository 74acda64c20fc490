/** JSON Schema validation (ajv, strict, compiled once per schema) with errors mapped to file:line:column. */
import { textOf } from '../model/text.js';
import { excerpt } from '../diagnostics/excerpt.js';
import { diag, MAX_PROBLEMS } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Diagnostic } from '../model/types.js';
import type { ParsedDocument, Path } from '../parse/yaml.js';

/** The subset of ajv's ErrorObject we read. */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: Record<string, unknown>;
}

export type SchemaValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

const toPath = (pointer: string): (string | number)[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Patterns of schemas/ in words, for messages. */
const PATTERN_WORDS: Record<string, string> = {
  '^[A-Za-z0-9._-]{1,64}$': 'letters A–Z, digits and . _ - only, 1 to 64 characters (it names output files)',
  '^CN(-[A-Z]{2})?$': 'a province code such as CN-NM, CN-JS, CN-GD (ISO 3166-2:CN), or CN',
  '^[a-z][a-z0-9_]*$': 'lower-case letters, digits and _, starting with a letter',
  '^[a-z0-9][a-z0-9-]{0,63}$': 'lower-case letters, digits and - (e.g. my-pack)',
};

/** "activity[3].unit" from a path; "the document" for the root. */
export const describePath = (path: Path): string =>
  path.length === 0 ? 'the document' : path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

// a scalar is quoted as a short excerpt: a whole file that parses as one string (a key, a .env line) is never shown
const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `${typeof v} ${excerpt(JSON.stringify(v) ?? String(v))}`;

const valueAt = (root: unknown, path: Path): unknown => {
  let v = root;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
};

/**
 * Runs a compiled validator and turns its errors into one diagnostic per cause:
 * branch errors under a failed oneOf/anyOf collapse into a single "expected …" message.
 */
export function schemaDiagnostics(validate: SchemaValidator, doc: ParsedDocument): Diagnostic[] {
  if (validate(doc.value)) return [];
  const errors = validate.errors ?? [];
  const inFailedUnion = unionBranches(errors);
  const kept = errors.filter((_, i) => !inFailedUnion[i]);
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  // past the cap only a count is kept (capDiagnostics would drop the rest anyway): 150,000 bad metrics are not each
  // located and worded
  const rest = new Set<string>();
  for (const e of kept) {
    if (out.length >= MAX_PROBLEMS) {
      if (e.keyword !== 'propertyNames') rest.add(`${e.instancePath}|${e.keyword}|${e.schemaPath}`);
      continue;
    }
    const path = toPath(e.instancePath);
    const where = describePath(path);
    const value = valueAt(doc.value, path);
    let d: Diagnostic;
    switch (e.keyword) {
      case 'required': {
        const field = String(e.params.missingProperty);
        d = diag('ZC-E-SCHEMA-REQUIRED', { field, where }, { file: doc.file, ...doc.locate(path), field });
        break;
      }
      case 'additionalProperties': {
        const found = String(e.params.additionalProperty);
        const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        const s = suggest(found, known);
        d = diag(
          'ZC-E-SCHEMA-UNKNOWN-KEY',
          { found, where, hint: s ? didYouMean(s) : known.length ? `; allowed: ${known.join(', ')}` : '', suggestion: s },
          { file: doc.file, ...doc.locate([...path, found], true), field: found },
        );
        break;
      }
      case 'enum':
      case 'const': {
        const allowed = (e.params.allowedValues as unknown[] | undefined) ?? [e.params.allowedValue];
        const s = typeof value === 'string' ? suggest(value, allowed.map(String)) : undefined;
        d = diag(
          'ZC-E-SCHEMA-ENUM',
          { where, found: textOf(value), allowed: allowed.map(String).join(', '), hint: didYouMean(s), suggestion: s },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      }
      case 'type': {
        const want = String(e.params.type);
        // the usual spreadsheet slips: a number where text is wanted, quotes around a number
        const hint =
          want.includes('string') && typeof value === 'number'
            ? ' (put it in quotes to make it text)'
            : (want.includes('integer') || want.includes('number')) && typeof value === 'string' && /^\s*-?\d/.test(value)
              ? numberHint(value)
              : '';
        d = diag('ZC-E-SCHEMA-TYPE', { where, allowed: want.replace(/,/g, ' or '), found: `${typeOf(value)}${hint}` }, { file: doc.file, ...doc.locate(path) });
        break;
      }
      case 'oneOf':
      case 'anyOf':
        d = diag('ZC-E-SCHEMA-TYPE', { where, allowed: unionDescription(e), found: typeOf(value) }, { file: doc.file, ...doc.locate(path) });
        break;
      case 'pattern': {
        const allowed = PATTERN_WORDS[String(e.params.pattern)] ?? String(e.params.pattern);
        const key = (e as { propertyName?: unknown }).propertyName;
        // a bad key (propertyNames): ajv's path is the mapping's, so the key itself is named and located
        d =
          typeof key === 'string'
            ? diag('ZC-E-SCHEMA-PATTERN', { where: `a key of ${where}`, found: key, allowed }, { file: doc.file, ...doc.locate([...path, key], true) })
            : diag('ZC-E-SCHEMA-PATTERN', { where, found: textOf(value), allowed }, { file: doc.file, ...doc.locate(path) });
        break;
      }
      case 'propertyNames':
        continue; // reported through the nested pattern error on the key itself
      case 'minLength':
        d = diag('ZC-E-SCHEMA-INVALID', { where, reason: 'must not be empty' }, { file: doc.file, ...doc.locate(path) });
        break;
      case 'minimum':
      case 'maximum':
        d = diag(
          'ZC-E-SCHEMA-INVALID',
          { where, reason: `${JSON.stringify(value)} is out of range: must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(e.params.limit)}` },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      default:
        d = diag('ZC-E-SCHEMA-INVALID', { where, reason: e.message ?? e.keyword }, { file: doc.file, ...doc.locate(path) });
    }
    const key = `${d.code}|${d.line}|${d.column}|${d.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(d);
    }
  }
  if (rest.size) out.push(diag('ZC-E-ERRORS-CAPPED', { file: doc.file, shown: MAX_PROBLEMS, more: rest.size }, { file: doc.file }));
  return out;
}

/** Keywords that describe a schema without checking anything. */
const ANNOTATIONS = new Set(['description', 'title', '$comment', 'examples', 'default', 'deprecated']);

/**
 * Marks the errors of a failed oneOf/anyOf's branches, which its own message replaces. ajv (allErrors) appends a
 * union's branch errors and then, if every branch failed, the union's error; so a union's branches are the run of
 * errors just before it at its instance path or below. When the union shares its schema with other keywords, only
 * errors under its own schema path count (the others' errors may precede it at the same path). Linear in the error
 * count: a document with 60,000 bad metrics must not take minutes, and an error at metrics.m10 is not one of the
 * branches of metrics.m1 (a path prefix is not a parent).
 */
function unionBranches(errors: readonly SchemaError[]): Uint8Array {
  const marked = new Uint8Array(errors.length);
  for (let i = 0; i < errors.length; i++) {
    const u = errors[i]!;
    if (u.keyword !== 'oneOf' && u.keyword !== 'anyOf') continue;
    const at = u.instancePath;
    const below = `${at}/`;
    const branch = `${u.schemaPath}/`;
    const alone = Object.keys(u.parentSchema ?? { shared: true }).every((k) => k === u.keyword || ANNOTATIONS.has(k));
    for (let j = i - 1; j >= 0; j--) {
      const e = errors[j]!;
      if (e.instancePath !== at && !e.instancePath.startsWith(below)) break;
      if (!alone && !e.schemaPath.startsWith(branch)) break;
      marked[j] = 1;
    }
  }
  return marked;
}

function unionDescription(e: SchemaError): string {
  const branches = (e.parentSchema?.[e.keyword] as Record<string, unknown>[] | undefined) ?? [];
  const words = branches.map((b) => {
    if (typeof b.$ref === 'string') {
      const name = b.$ref.split('/').pop() ?? 'value';
      return name === 'number' ? 'a number or numeric string' : name === 'quantity' ? 'a quantity (number or {value, unit})' : name;
    }
    if (b.type === 'object') return `{${Object.keys((b.properties as object | undefined) ?? {}).join(', ')}}`;
    if (b.type === 'boolean') return 'true/false';
    if (Array.isArray(b.enum)) return `one of ${b.enum.join(', ')}`;
    if (b.required) return `an entry with ${(b.required as string[]).join(' and ')}`;
    return String(b.type ?? 'value');
  });
  return words.join(' or ');
}

/** A number written as text: quotes to remove ("2024"), or words around it to drop (2024年, 15 万吨 belongs in a unit). */
function numberHint(text: string): string {
  if (/^\s*-?[\d.,]+\s*$/.test(text)) return ' (remove the quotes)';
  const n = /^\s*(-?[\d.,]*\d)/.exec(text)![1]!;
  return ` (write the number alone, ${n}, without the words after it)`;
}
