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

/** PATTERN_WORDS in Chinese. */
const PATTERN_WORDS_ZH: Record<string, string> = {
  '^[A-Za-z0-9._-]{1,64}$': '只能用字母 A–Z、数字和 . _ -，1 到 64 个字符（它用作输出文件名）',
  '^CN(-[A-Z]{2})?$': '省级代码，如 CN-NM、CN-JS、CN-GD（ISO 3166-2:CN），或 CN',
  '^[a-z][a-z0-9_]*$': '小写字母、数字和 _，以字母开头',
  '^[a-z0-9][a-z0-9-]{0,63}$': '小写字母、数字和 -（如 my-pack）',
};

/** JSON Schema type names in Chinese. */
const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', integer: '整数', array: '列表', object: '映射', boolean: 'true/false', null: 'null' };
const typesZh = (want: string): string =>
  want
    .split(',')
    .map((t) => TYPE_ZH[t] ?? t)
    .join('或');

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
const TYPEOF_ZH: Record<string, string> = { string: '文本', number: '数字', boolean: '布尔值', bigint: '数字' };
const typeOfZh = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? '列表'
      : typeof v === 'object'
        ? '映射'
        : `${TYPEOF_ZH[typeof v] ?? typeof v} ${excerpt(JSON.stringify(v) ?? String(v))}`;

/** describePath in Chinese: the same path, and 文档顶层 for the root. */
export const describePathZh = (path: Path): string => (path.length === 0 ? '文档顶层' : describePath(path));

const valueAt = (root: unknown, path: Path): unknown => {
  let v = root;
  for (const s of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[s] : undefined;
  return v;
};

/**
 * Runs a compiled validator and turns its errors into one diagnostic per cause:
 * branch errors under a failed oneOf/anyOf collapse into a single "expected …" message.
 */
export function schemaDiagnostics(validate: SchemaValidator, doc: ParsedDocument, enumZh?: (values: readonly string[]) => string | undefined): Diagnostic[] {
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
    const where_zh = describePathZh(path);
    const value = valueAt(doc.value, path);
    let d: Diagnostic;
    switch (e.keyword) {
      case 'required': {
        const field = String(e.params.missingProperty);
        d = diag('ZC-E-SCHEMA-REQUIRED', { field, where, where_zh }, { file: doc.file, ...doc.locate(path), field });
        break;
      }
      case 'additionalProperties': {
        const found = String(e.params.additionalProperty);
        const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        const s = suggest(found, known);
        d = diag(
          'ZC-E-SCHEMA-UNKNOWN-KEY',
          {
            found,
            where,
            where_zh,
            hint: s ? didYouMean(s) : known.length ? `; allowed: ${known.join(', ')}` : '',
            hint_zh: known.length ? `；允许：${known.join(', ')}` : '',
            suggestion: s,
          },
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
          {
            where,
            where_zh,
            found: textOf(value),
            allowed: allowed.map(String).join(', '),
            allowed_zh: enumZh?.(allowed.map(String)) ?? allowed.map(String).join(', '),
            hint: didYouMean(s),
            suggestion: s,
          },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      }
      case 'type': {
        const want = String(e.params.type);
        // the usual spreadsheet slips: a number where text is wanted, quotes around a number
        const [hint, hintZh] =
          want.includes('string') && typeof value === 'number'
            ? [' (put it in quotes to make it text)', '（加上引号即为文本）']
            : (want.includes('integer') || want.includes('number')) && typeof value === 'string' && /^\s*-?\d/.test(value)
              ? numberHint(value)
              : ['', ''];
        d = diag(
          'ZC-E-SCHEMA-TYPE',
          {
            where,
            where_zh,
            allowed: want.replace(/,/g, ' or '),
            allowed_zh: typesZh(want),
            found: `${typeOf(value)}${hint}`,
            found_zh: `${typeOfZh(value)}${hintZh}`,
          },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      }
      case 'oneOf':
      case 'anyOf':
        d = diag(
          'ZC-E-SCHEMA-TYPE',
          { where, where_zh, allowed: unionDescription(e), allowed_zh: unionDescription(e, 'zh'), found: typeOf(value), found_zh: typeOfZh(value) },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      case 'pattern': {
        const allowed = PATTERN_WORDS[String(e.params.pattern)] ?? String(e.params.pattern);
        const allowed_zh = PATTERN_WORDS_ZH[String(e.params.pattern)] ?? String(e.params.pattern);
        const key = (e as { propertyName?: unknown }).propertyName;
        // a bad key (propertyNames): ajv's path is the mapping's, so the key itself is named and located
        d =
          typeof key === 'string'
            ? diag(
                'ZC-E-SCHEMA-PATTERN',
                { where: `a key of ${where}`, where_zh: `${where_zh} 的键`, found: key, allowed, allowed_zh },
                { file: doc.file, ...doc.locate([...path, key], true) },
              )
            : diag('ZC-E-SCHEMA-PATTERN', { where, where_zh, found: textOf(value), allowed, allowed_zh }, { file: doc.file, ...doc.locate(path) });
        break;
      }
      case 'propertyNames':
        continue; // reported through the nested pattern error on the key itself
      case 'minLength':
        d = diag('ZC-E-SCHEMA-INVALID', { where, where_zh, reason: 'must not be empty', reason_zh: '不能为空' }, { file: doc.file, ...doc.locate(path) });
        break;
      case 'minimum':
      case 'maximum':
        d = diag(
          'ZC-E-SCHEMA-INVALID',
          {
            where,
            where_zh,
            reason: `${JSON.stringify(value)} is out of range: must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(e.params.limit)}`,
            reason_zh: `${JSON.stringify(value)} 超出范围：须 ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(e.params.limit)}`,
          },
          { file: doc.file, ...doc.locate(path) },
        );
        break;
      default:
        d = diag('ZC-E-SCHEMA-INVALID', { where, where_zh, reason: e.message ?? e.keyword }, { file: doc.file, ...doc.locate(path) });
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

function unionDescription(e: SchemaError, lang: 'en' | 'zh' = 'en'): string {
  const zh = lang === 'zh';
  const branches = (e.parentSchema?.[e.keyword] as Record<string, unknown>[] | undefined) ?? [];
  const words = branches.map((b) => {
    if (typeof b.$ref === 'string') {
      const name = b.$ref.split('/').pop() ?? 'value';
      if (name === 'number') return zh ? '数字或数字文本' : 'a number or numeric string';
      if (name === 'quantity') return zh ? '数量（数字或 {value, unit}）' : 'a quantity (number or {value, unit})';
      return name;
    }
    if (b.type === 'object') return `{${Object.keys((b.properties as object | undefined) ?? {}).join(', ')}}`;
    if (b.type === 'boolean') return 'true/false';
    if (Array.isArray(b.enum)) return zh ? `${b.enum.join(', ')} 之一` : `one of ${b.enum.join(', ')}`;
    if (b.required) return zh ? `含 ${(b.required as string[]).join(' 和 ')} 的条目` : `an entry with ${(b.required as string[]).join(' and ')}`;
    return zh && typeof b.type === 'string' ? typesZh(b.type) : String(b.type ?? 'value');
  });
  return words.join(zh ? '或' : ' or ');
}

/** A number written as text: quotes to remove ("2024"), or words around it to drop (2024年, 15 万吨 belongs in a unit). */
function numberHint(text: string): [string, string] {
  if (/^\s*-?[\d.,]+\s*$/.test(text)) return [' (remove the quotes)', '（去掉引号）'];
  const n = /^\s*(-?[\d.,]*\d)/.exec(text)![1]!;
  return [` (write the number alone, ${n}, without the words after it)`, `（只写数字 ${n}，不要带后面的文字）`];
}
