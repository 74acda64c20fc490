/** The one catalogue of diagnostic codes: severity and message template. Codes are public API. */
import type { Diagnostic, Severity, SourceRef } from '../model/types.js';

interface CodeSpec {
  severity: Severity;
  /** Message template; {name} is replaced by the argument of that name. */
  en: string;
}

export const CODES = {
  'ZC-E-FILE-NOT-FOUND': { severity: 'error', en: 'file not found: {path}' },
  'ZC-E-FILE-READ': { severity: 'error', en: 'cannot read {path}: {reason}' },
  'ZC-E-FILE-ENCODING': { severity: 'error', en: 'cannot decode {path}: {reason}; save it as UTF-8 or GB18030/GBK' },
  'ZC-E-YAML-SYNTAX': { severity: 'error', en: 'YAML syntax error: {reason}' },
  'ZC-E-YAML-DUPLICATE-KEY': { severity: 'error', en: 'duplicate key "{found}": each key may appear once' },
  'ZC-E-JSON-SYNTAX': { severity: 'error', en: 'JSON syntax error: {reason}' },
  'ZC-E-FORMAT-VERSION': { severity: 'error', en: 'unsupported format "{found}"; allowed: {allowed}' },
  'ZC-E-SCHEMA-REQUIRED': { severity: 'error', en: 'missing required field "{field}" in {where}' },
  'ZC-E-SCHEMA-UNKNOWN-KEY': { severity: 'error', en: 'unknown field "{found}" in {where}{hint}' },
  'ZC-E-SCHEMA-TYPE': { severity: 'error', en: '{where}: expected {allowed}, found {found}' },
  'ZC-E-SCHEMA-ENUM': { severity: 'error', en: '{where}: "{found}" is not allowed; allowed: {allowed}{hint}' },
  'ZC-E-SCHEMA-PATTERN': { severity: 'error', en: '{where}: "{found}" does not match {allowed}' },
  'ZC-E-SCHEMA-INVALID': { severity: 'error', en: '{where}: {reason}' },
  'ZC-E-NUMBER-INVALID': { severity: 'error', en: '{where}: "{found}" is not a number; allowed: {allowed}' },
  'ZC-E-NUMBER-RANGE': { severity: 'error', en: '{where}: {found} is outside the range zcpark accepts ({allowed}); check the unit (万, 亿) or the exponent' },
  'ZC-E-NUMBER-NEGATIVE': { severity: 'error', en: '{where}: quantity {found} is negative; quantities must be ≥ 0{hint}' },
  'ZC-E-VALUE-EMPTY': { severity: 'error', en: '{where}: the cell is empty; a {field} is required here' },
  'ZC-E-UNIT-UNKNOWN': { severity: 'error', en: '{where}: unknown unit "{found}"{hint}' },
  'ZC-E-UNIT-MISSING': { severity: 'error', en: '{where}: a unit is required here ({allowed})' },
  'ZC-E-UNIT-DIMENSION': { severity: 'error', en: '{where}: unit "{found}" measures {dimension}; allowed here: {allowed}' },
  'ZC-E-VOCAB-CATEGORY': { severity: 'error', en: '{where}: unknown category "{found}"{hint}; allowed: {allowed}' },
  'ZC-E-VOCAB-ITEM': { severity: 'error', en: '{where}: unknown {category} item "{found}"{hint}; allowed: {allowed}' },
  'ZC-E-CSV-HEADER': { severity: 'error', en: '{problem}; the header has: {found}. Required: {allowed}' },
  'ZC-E-CSV-DUPLICATE-HEADER': { severity: 'error', en: 'the header names column "{found}" more than once ({spellings}); no row of this file is read' },
  'ZC-W-CSV-UNKNOWN-COLUMN': { severity: 'warning', en: 'column "{found}" is not an activity column and is ignored{hint}; known: {allowed}' },
  'ZC-E-CSV-PARSE': { severity: 'error', en: 'CSV error: {reason}' },
  'ZC-E-FACTOR-MISSING': { severity: 'error', en: '{where}: no {kind} factor for {category}/{item}{hint}' },
  'ZC-E-FACTOR-INVALID': { severity: 'error', en: '{where}: {reason}' },
  'ZC-E-ELEC-BALANCE': { severity: 'error', en: 'electricity consumed is negative for {entity}: {found} MWh (grid + green − export); exports cannot exceed supply' },
  'ZC-E-HEAT-BALANCE': { severity: 'error', en: 'heat consumed is negative for {entity}: {found} GJ (purchased + renewable − export)' },
  'ZC-E-EXEMPT-CORE': { severity: 'error', en: 'exemptions: "{found}" is a core indicator and cannot be exempted' },
  'ZC-E-EXEMPT-UNKNOWN': { severity: 'error', en: 'exemptions: profile {profile} has no indicator "{found}"{hint}' },
  'ZC-E-PROFILE-UNKNOWN': { severity: 'error', en: '{where}: unknown profile "{found}"{hint}; built-in: {allowed}' },
  'ZC-E-PROFILE-MISSING': { severity: 'error', en: 'no profile: add `profile: <id>` to the submission or pass --profile; built-in: {allowed}' },
  'ZC-E-PROFILE-INVALID': { severity: 'error', en: '{where}: {reason}' },
  'ZC-E-EXPR-SYNTAX': { severity: 'error', en: '{where}: cannot parse "{found}": {reason}' },
  'ZC-E-EXPR-NAME': { severity: 'error', en: '{where}: unknown name "{found}" in a formula{hint}' },
  'ZC-W-CERT-EXCESS': { severity: 'warning', en: 'green certificates ({found} MWh) exceed grid purchases ({allowed} MWh) for {entity}; only {allowed} MWh are credited' },
  'ZC-W-ELEC-NET-EXPORT': { severity: 'warning', en: 'electricity_t is negative ({found} tCO2): net exports are credited at the grid factor, as the profile requires' },
  'ZC-W-ELEC-EXPORT-FLOORED': { severity: 'warning', en: '{entity} exports {found} MWh, more than its grid purchases net of credited certificates ({allowed} MWh); its electricity_t is floored at 0 (the profile does not credit net exports)' },
  'ZC-W-CLEAN-CAPPED': { severity: 'warning', en: 'green electricity ({found} MWh) exceeds electricity consumed ({allowed} MWh) for {entity}; clean energy counts at most what was consumed' },
  'ZC-W-FACTOR-VINTAGE': { severity: 'warning', en: '{what}: no {year} factor is published; the {vintage} vintage ({relation}) is used' },
  'ZC-W-FACTOR-GEOGRAPHY': { severity: 'warning', en: '{what}: no {wanted} factor for {year}; the {used} factor is used' },
  'ZC-W-FACTOR-PIN-OVERRIDDEN': { severity: 'warning', en: 'the profile pins the grid factor at {pinned}; your {origin} override {found} is used instead' },
  'ZC-W-METRIC-RANGE': { severity: 'warning', en: '{where}: {found} is a share above 100 %' },
  'ZC-W-BAND-BELOW-MIN': { severity: 'warning', en: '{indicator}: {message}' },
  'ZC-W-KEY-UNUSED': { severity: 'warning', en: '{where}: profile {profile} never reads "{found}"{hint}; it reads: {allowed}' },
  'ZC-W-NO-ACTIVITY': { severity: 'warning', en: '{what}: nothing will be accounted' },
  'ZC-W-OUT-RENAMED': { severity: 'warning', en: 'report files renamed to stay unique and safe: {found}' },
  'ZC-E-INTERNAL': { severity: 'error', en: 'internal error (please report): {reason}' },
  'ZC-W-ROW-DUPLICATE': { severity: 'warning', en: 'this row repeats {first} ({entity}, {category}/{item}, {found}); both are counted — delete one if it was entered twice' },
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CODES;

/** Fills a template; unknown placeholders become empty strings. */
const fill = (template: string, args: Record<string, unknown>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (args[k] === undefined ? '' : String(args[k])));

/** Makes a diagnostic of a catalogued code at a source position. */
export function diag(code: Code, args: Record<string, unknown>, ref?: SourceRef): Diagnostic {
  const spec: CodeSpec = CODES[code];
  const d: Diagnostic = { code, severity: spec.severity, message: fill(spec.en, args) };
  if (ref) Object.assign(d, ref);
  if (args.found !== undefined) d.found = String(args.found);
  if (args.allowed !== undefined) d.allowed = String(args.allowed);
  if (typeof args.suggestion === 'string') d.suggestion = args.suggestion;
  return d;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
