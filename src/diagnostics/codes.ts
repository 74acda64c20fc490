/** The one catalogue of diagnostic codes: severity and message template. Codes are public API. */
import type { Diagnostic, Severity, SourceRef } from '../model/types.js';
import { fileReasonZh } from './reasons-zh.js';

interface CodeSpec {
  severity: Severity;
  /** Message templates; {name} is replaced by the argument of that name. */
  en: string;
  zh: string;
}

export const CODES = {
  'ZC-E-FILE-NOT-FOUND': { severity: 'error', en: 'file not found: {path}', zh: '找不到文件：{path}' },
  'ZC-E-FILE-READ': { severity: 'error', en: 'cannot read {path}: {reason}', zh: '无法读取 {path}：{reason}' },
  'ZC-E-FILE-TOO-LARGE': {
    severity: 'error',
    en: '{path} is {size}; a YAML or JSON document may have at most {limit}, so it is not read. Move the activity rows into a CSV listed under activity_files (CSVs have no size limit)',
    zh: '{path} 大小{size}；YAML/JSON 文件最多 {limit}，因此未读取。请将活动数据行移入 activity_files 所列的 CSV 文件（CSV 文件没有大小限制）',
  },
  'ZC-E-FILE-ENCODING': {
    severity: 'error',
    en: 'cannot decode {path}: {reason}; save it as UTF-8 or GB18030/GBK',
    zh: '无法解码 {path}：{reason}；请另存为 UTF-8 或 GB18030/GBK',
  },
  'ZC-E-PATH-OUTSIDE': {
    severity: 'error',
    en: '{path} is outside {root} ({why}), so it is not read; zcpark reads only files inside it, unless --allow-outside <dir> names their folder',
    zh: '{path} 位于{root_zh}之外（{why_zh}），因此未读取；zcpark 只读取其中的文件，除非用 --allow-outside <目录> 指定其所在文件夹',
  },
  'ZC-E-YAML-SYNTAX': { severity: 'error', en: 'YAML syntax error: {reason}', zh: 'YAML 语法错误：{reason}' },
  'ZC-E-YAML-DUPLICATE-KEY': { severity: 'error', en: 'duplicate key "{found}": each key may appear once', zh: '键“{found}”重复：每个键只能出现一次' },
  'ZC-E-JSON-SYNTAX': { severity: 'error', en: 'JSON syntax error: {reason}', zh: 'JSON 语法错误：{reason}' },
  'ZC-E-FORMAT-VERSION': { severity: 'error', en: 'unsupported format "{found}"; allowed: {allowed}', zh: '不支持的格式“{found}”；允许：{allowed}' },
  'ZC-E-SCHEMA-REQUIRED': { severity: 'error', en: 'missing required field "{field}" in {where}', zh: '{where} 缺少必填字段“{field}”' },
  'ZC-E-SCHEMA-UNKNOWN-KEY': { severity: 'error', en: 'unknown field "{found}" in {where}{hint}', zh: '{where} 中有未知字段“{found}”{hint}' },
  'ZC-E-SCHEMA-TYPE': { severity: 'error', en: '{where}: expected {allowed}, found {found}', zh: '{where}：应为 {allowed}，实际为 {found}' },
  'ZC-E-SCHEMA-ENUM': {
    severity: 'error',
    en: '{where}: "{found}" is not allowed; allowed: {allowed}{hint}',
    zh: '{where}：不允许“{found}”；允许：{allowed}{hint}',
  },
  'ZC-E-SCHEMA-PATTERN': { severity: 'error', en: '{where}: "{found}" does not match {allowed}', zh: '{where}：“{found}”不符合要求（{allowed}）' },
  'ZC-E-SCHEMA-INVALID': { severity: 'error', en: '{where}: {reason}', zh: '{where}：{reason}' },
  'ZC-E-NUMBER-INVALID': { severity: 'error', en: '{where}: "{found}" is not a number; allowed: {allowed}', zh: '{where}：“{found}”不是数字；允许：{allowed}' },
  'ZC-E-NUMBER-RANGE': {
    severity: 'error',
    en: '{where}: {found} is outside the range zcpark accepts ({allowed}); check the unit (万, 亿) or the exponent',
    zh: '{where}：{found} 超出可接受范围（{allowed}）；请检查单位（万、亿）或指数',
  },
  'ZC-E-NUMBER-NEGATIVE': {
    severity: 'error',
    en: '{where}: quantity {found} is negative; quantities must be ≥ 0{hint}',
    zh: '{where}：数量 {found} 为负数；数量必须 ≥ 0{hint}',
  },
  'ZC-E-VALUE-EMPTY': { severity: 'error', en: '{where}: the cell is empty; a {field} is required here', zh: '{where}：单元格为空；此处必须填写{field}' },
  'ZC-E-UNIT-UNKNOWN': { severity: 'error', en: '{where}: unknown unit "{found}"{hint}', zh: '{where}：未知单位“{found}”{hint}' },
  'ZC-E-UNIT-MISSING': { severity: 'error', en: '{where}: a unit is required here ({allowed})', zh: '{where}：此处必须填写单位（{allowed}）' },
  'ZC-E-UNIT-DIMENSION': {
    severity: 'error',
    en: '{where}: unit "{found}" measures {dimension}; allowed here: {allowed}',
    zh: '{where}：单位“{found}”的量纲是{dimension}；此处允许：{allowed}',
  },
  'ZC-E-VOCAB-CATEGORY': {
    severity: 'error',
    en: '{where}: unknown category "{found}"{hint}; allowed: {allowed}',
    zh: '{where}：未知类别“{found}”{hint}；允许：{allowed}',
  },
  'ZC-E-VOCAB-ITEM': {
    severity: 'error',
    en: '{where}: unknown {category} item "{found}"{hint}; allowed: {allowed}',
    zh: '{where}：未知的{category}品种“{found}”{hint}；允许：{allowed}',
  },
  'ZC-E-CSV-HEADER': { severity: 'error', en: '{problem}; the header has: {found}. Required: {allowed}', zh: '{problem}；表头为：{found}。必需列：{allowed}' },
  'ZC-E-CSV-DUPLICATE-HEADER': {
    severity: 'error',
    en: 'the header names column "{found}" more than once ({spellings}); no row of this file is read',
    zh: '表头中“{found}”列出现多次（{spellings}）；该文件的所有行均未读取',
  },
  'ZC-W-CSV-UNKNOWN-COLUMN': {
    severity: 'warning',
    en: 'column "{found}" is not an activity column and is ignored{hint}; known: {allowed}',
    zh: '“{found}”不是活动数据列，已忽略{hint}；可用列：{allowed}',
  },
  'ZC-E-CSV-PARSE': { severity: 'error', en: 'CSV error: {reason}', zh: 'CSV 错误：{reason}' },
  'ZC-E-ERRORS-CAPPED': {
    severity: 'error',
    en: '{file}: {more} more errors not shown (the first {shown} are); fix those, or the export that produced them, and run again',
    zh: '{file}：另有 {more} 个错误未显示（仅显示前 {shown} 个）；请先修正这些错误或生成该文件的导出程序后重试',
  },
  'ZC-E-FACTOR-MISSING': {
    severity: 'error',
    en: '{where}: no {kind} factor for {category}/{item}{hint}',
    zh: '{where}：缺少 {category}/{item} 的{kind}因子{hint}',
  },
  'ZC-E-FACTOR-INVALID': { severity: 'error', en: '{where}: {reason}', zh: '{where}：{reason}' },
  'ZC-E-ELEC-BALANCE': {
    severity: 'error',
    en: "the boundary's electricity does not balance: {rule}; found {found} MWh, at most {allowed} MWh",
    zh: '边界电力不平衡：{rule}；实际 {found} MWh，最多 {allowed} MWh',
  },
  'ZC-E-HEAT-BALANCE': {
    severity: 'error',
    en: "the boundary's heat does not balance: {rule}; found {found} GJ, at most {allowed} GJ",
    zh: '边界热力不平衡：{rule}；实际 {found} GJ，最多 {allowed} GJ',
  },
  'ZC-E-EXEMPT-CORE': {
    severity: 'error',
    en: 'exemptions: "{found}" is a core indicator and cannot be exempted',
    zh: 'exemptions：“{found}”是核心指标，不能豁免',
  },
  'ZC-E-EXEMPT-UNKNOWN': {
    severity: 'error',
    en: 'exemptions: profile {profile} has no indicator "{found}"{hint}',
    zh: 'exemptions：规则包 {profile} 中没有指标“{found}”{hint}',
  },
  'ZC-E-PROFILE-UNKNOWN': {
    severity: 'error',
    en: '{where}: unknown profile "{found}"{hint}; built-in: {allowed}',
    zh: '{where}：未知规则包“{found}”{hint}；内置：{allowed}',
  },
  'ZC-E-PROFILE-MISSING': {
    severity: 'error',
    en: 'no profile: add `profile: <id>` to the submission or pass --profile; built-in: {allowed}',
    zh: '未指定规则包：请在申报文件中加入 `profile: <id>` 或使用 --profile；内置：{allowed}',
  },
  'ZC-E-PROFILE-INVALID': { severity: 'error', en: '{where}: {reason}', zh: '{where}：{reason}' },
  'ZC-E-EXPR-SYNTAX': { severity: 'error', en: '{where}: cannot parse "{found}": {reason}', zh: '{where}：无法解析“{found}”：{reason}' },
  'ZC-E-EXPR-NAME': { severity: 'error', en: '{where}: unknown name "{found}" in a formula{hint}', zh: '{where}：公式中有未知名称“{found}”{hint}' },
  'ZC-E-TREND-TOO-FEW': {
    severity: 'error',
    en: 'a trend needs submissions of at least two years of one entity; found {found}',
    zh: '趋势分析至少需要同一主体两个年份的申报；实际：{found}',
  },
  'ZC-E-TREND-ENTITY': {
    severity: 'error',
    en: 'this submission is entity "{found}", but {first} is entity "{other}": a trend follows one entity (give each entity\'s files in its own run)',
    zh: '本申报的主体为“{found}”，而 {first} 的主体为“{other}”：趋势分析只针对一个主体（请分别运行）',
  },
  'ZC-E-TREND-YEAR-DUPLICATE': {
    severity: 'error',
    en: 'this submission and {other} are both for {year}: a trend takes one submission a year',
    zh: '本申报与 {other} 均为 {year} 年：趋势分析每年只取一份申报',
  },
  'ZC-E-TREND-PROFILE': {
    severity: 'error',
    en: 'this submission is evaluated with profile {found}, but {first} with {other}: a trend uses one profile (pass --profile to apply one to every year)',
    zh: '本申报使用规则包 {found}，而 {first} 使用 {other}：趋势分析只用一个规则包（可用 --profile 统一指定）',
  },
  'ZC-E-TREND-BASE-YEAR': { severity: 'error', en: '{what}: found {found}; allowed: {allowed}', zh: '{what}：实际 {found}；允许：{allowed}' },
  'ZC-W-CERT-EXCESS': {
    severity: 'warning',
    en: "green certificates ({found} MWh) exceed the boundary's grid power ({allowed} MWh); only {allowed} MWh are credited",
    zh: '绿证（{found} MWh）超过边界电网购电量（{allowed} MWh）；仅计入 {allowed} MWh',
  },
  'ZC-W-ELEC-NET-EXPORT': {
    severity: 'warning',
    en: 'electricity_t is negative ({found} tCO2): net exports are credited at the grid factor, as the profile requires',
    zh: 'electricity_t 为负（{found} tCO2）：按规则包要求，净上网电量按电网因子抵扣',
  },
  'ZC-W-ELEC-EXPORT-FLOORED': {
    severity: 'warning',
    en: '(no longer raised since the boundary accounting) {entity} exports {found} MWh, more than its grid purchases net of credited certificates ({allowed} MWh); its electricity_t is floored at 0 (the profile does not credit net exports)',
    zh: '{entity} 上网 {found} MWh，超过扣除绿证后的电网购电量（{allowed} MWh）；其 electricity_t 按 0 计（规则包不抵扣净上网电量）',
  },
  'ZC-W-CLEAN-CAPPED': {
    severity: 'warning',
    en: 'green electricity ({found} MWh) exceeds the electricity the boundary consumed ({allowed} MWh); clean energy counts at most what was consumed',
    zh: '绿色电力（{found} MWh）超过边界用电量（{allowed} MWh）；清洁能源最多按用电量计',
  },
  'ZC-W-CO2E-IN-CO2': {
    severity: 'warning',
    en: 'the formula of {indicators} reads {figures}, which include {found} t entered in CO2e units (other gases at their GWP): it counts them as if they were CO2',
    zh: '{indicators} 读取的 {figures} 含以二氧化碳当量填报的 {found} 吨（其他温室气体按 GWP 折算）：该指标将其视同二氧化碳计入',
  },
  'ZC-W-STEAM-ENTHALPY': {
    severity: 'warning',
    en: 'steam in tonnes is converted at the default enthalpy of low-pressure saturated steam, {found} ({source}); give the measured enthalpy as factor and factor_unit (GJ/t) where it differs',
    zh: '以吨计的蒸汽按低压饱和蒸汽默认焓值 {found} 折算（{source}）；如实际焓值不同，请以 factor 和 factor_unit（GJ/t）给出',
  },
  'ZC-W-EXPORT-SOURCE': {
    severity: 'warning',
    en: 'non-renewable export ({found} MWh) exceeds on-site fossil generation ({allowed} MWh) while {renewable} MWh of renewable power is generated inside: if part of the export is renewable, enter it as export_renewable',
    zh: '非可再生上网电量（{found} MWh）超过自备电厂发电量（{allowed} MWh），而园区内有 {renewable} MWh 可再生发电：若部分上网电量为可再生电力，请填为 export_renewable',
  },
  'ZC-W-FACTOR-VINTAGE': {
    severity: 'warning',
    en: '{what}: no {year} factor is published; the {vintage} vintage ({relation}) is used',
    zh: '{what}：未发布 {year} 年因子；使用 {vintage} 年版本（{relation}）',
  },
  'ZC-W-FACTOR-GEOGRAPHY': {
    severity: 'warning',
    en: '{what}: no {wanted} factor for {year}; the {used} factor is used',
    zh: '{what}：{year} 年无 {wanted} 因子；使用 {used} 因子',
  },
  'ZC-W-FACTOR-PIN-OVERRIDDEN': {
    severity: 'warning',
    en: 'the profile pins the grid factor at {pinned}; your {origin} override {found} is used instead',
    zh: '规则包将电网因子固定为 {pinned}；改用您在 {origin} 中给出的 {found}',
  },
  'ZC-E-SHARE-RANGE': {
    severity: 'error',
    en: '{where}: {found} is not a share; {profile} reads it as a fraction between 0 and 1 (0 % … 100 %){hint}',
    zh: '{where}：{found} 不是比例；{profile} 将其视为 0 到 1 之间的比例（0 % … 100 %）{hint}',
  },
  'ZC-W-METRIC-RANGE': { severity: 'warning', en: '{where}: {found} is a share above 100 %', zh: '{where}：比例 {found} 超过 100 %' },
  'ZC-W-BAND-BELOW-MIN': { severity: 'warning', en: '{indicator}: {message}', zh: '{indicator}：{message}' },
  'ZC-W-KEY-UNUSED': {
    severity: 'warning',
    en: '{where}: profile {profile} never reads "{found}"{hint}; it reads: {allowed}',
    zh: '{where}：规则包 {profile} 不读取“{found}”{hint}；它读取：{allowed}',
  },
  'ZC-W-PRICE-YEAR': {
    severity: 'warning',
    en: '{what}: the two are assumed to be at the same constant prices ({indicators} compares them); give price_year to both (e.g. gdp: { value: 3980, unit: 亿元, price_year: 2020 })',
    zh: '{what}：假定两者按同一年份不变价计（{indicators} 对二者进行比较）；请为两者都注明 price_year（如 gdp: { value: 3980, unit: 亿元, price_year: 2020 }）',
  },
  'ZC-W-NO-ACTIVITY': { severity: 'warning', en: '{what}: nothing will be accounted', zh: '{what}：没有可核算的内容' },
  'ZC-W-OUT-RENAMED': {
    severity: 'warning',
    en: 'report files renamed to stay unique and safe: {found}',
    zh: '为保证文件名唯一且安全，已重命名报告文件：{found}',
  },
  'ZC-E-GOODS-CN-CODE': {
    severity: 'error',
    en: '{where}: CN code "{found}" is not a CBAM good (Annex I of Regulation (EU) 2023/956){nearest}',
    zh: '{where}：CN 编码“{found}”不属于 CBAM 货物（欧盟 2023/956 号条例附件一）{nearest}',
  },
  'ZC-E-GOODS-PROCESS-SHARED': {
    severity: 'error',
    en: '{where}: process "{found}" is already the production process of good "{first}"; give each good its own process (an entity of the activity rows)',
    zh: '{where}：生产过程“{found}”已属于货物“{first}”；每种货物须有各自的生产过程（活动数据中的一个主体）',
  },
  'ZC-E-GOODS-PROCESS-EMPTY': {
    severity: 'error',
    en: '{where}: process "{found}" has no activity rows{hint}; a good\'s process is the entity of its rows; entities with rows: {allowed}',
    zh: '{where}：生产过程“{found}”没有活动数据行{hint}；货物的生产过程即其活动数据的主体；有数据的主体：{allowed}',
  },
  'ZC-E-GOODS-PRECURSOR-UNKNOWN': {
    severity: 'error',
    en: '{where}: no good "{found}" is declared under goods{hint}; declared: {allowed}. A precursor bought from another producer is written with name, see_direct, see_indirect and source',
    zh: '{where}：goods 中没有货物“{found}”{hint}；已申报：{allowed}。外购前体请填写 name、see_direct、see_indirect 和 source',
  },
  'ZC-E-GOODS-PRECURSOR-CYCLE': {
    severity: 'error',
    en: "{where}: the goods are precursors of each other ({cycle}); a precursor's embedded emissions must be computed before the good that uses it",
    zh: '{where}：货物互为前体（{cycle}）；前体的隐含排放须先于使用它的货物计算',
  },
  'ZC-E-GOODS-PRECURSOR-VALUES': {
    severity: 'error',
    en: '{where}: a bought precursor needs {missing}: the values its producer communicated and where they come from (zcpark ships no default values)',
    zh: '{where}：外购前体须填写 {missing}：其生产者提供的数值及来源（zcpark 不提供默认值）',
  },
  'ZC-E-GOODS-UNSUPPORTED': { severity: 'error', en: '{where}: {reason}', zh: '{where}：{reason}' },
  'ZC-W-GOODS-CERTIFICATE': {
    severity: 'warning',
    en: '{where}: process "{process}" holds {found} MWh of green certificates; CBAM does not recognise certificates, so its grid power counts at the grid factor (a direct line or a power purchase agreement does count)',
    zh: '{where}：生产过程“{process}”持有 {found} MWh 绿证；CBAM 不承认绿证，其电网购电按电网因子计（直连线路或购电协议可计入）',
  },
  'ZC-E-INTERNAL': { severity: 'error', en: 'internal error (please report): {reason}', zh: '内部错误（请报告）：{reason}' },
  'ZC-W-WARNINGS-CAPPED': {
    severity: 'warning',
    en: '{file}: {more} more warnings not shown (the first {shown} are)',
    zh: '{file}：另有 {more} 个提示未显示（仅显示前 {shown} 个）',
  },
  'ZC-W-ROW-DUPLICATE': {
    severity: 'warning',
    en: 'this row repeats {first} ({entity}, {category}/{item}, {found}); both are counted — delete one if it was entered twice',
    zh: '此行与 {first} 重复（{entity}，{category}/{item}，{found}）；两行均计入，如重复录入请删除一行',
  },
} as const satisfies Record<string, CodeSpec>;

export type Code = keyof typeof CODES;

/** Fills a template; unknown placeholders become empty strings. */
const fill = (template: string, args: Record<string, unknown>): string =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => (args[k] === undefined ? '' : String(args[k])));

/** Makes a diagnostic of a catalogued code at a source position. */
export function diag(code: Code, args: Record<string, unknown>, ref?: SourceRef): Diagnostic {
  const spec: CodeSpec = CODES[code];
  const d: Diagnostic = { code, severity: spec.severity, message: fill(spec.en, args) };
  // the arguments stay with the diagnostic (not enumerable, so JSON outputs are unchanged) for localize()
  Object.defineProperty(d, 'args', { value: args, enumerable: false });
  if (ref) Object.assign(d, ref);
  if (args.found !== undefined) d.found = String(args.found);
  if (args.allowed !== undefined) d.allowed = String(args.allowed);
  if (typeof args.suggestion === 'string') d.suggestion = args.suggestion;
  return d;
}

/** A diagnostic's arguments, kept (not enumerable) for localize() and capDiagnostics(). */
const argsOf = (d: object): Record<string, unknown> | undefined => (d as { args?: Record<string, unknown> }).args;

/** A copy of a diagnostic with some fields changed (a severity by the config), its arguments kept. */
export function withFields<D extends object>(d: D, fields: Partial<D>): D {
  const copy = { ...d, ...fields };
  const args = argsOf(d);
  if (args) Object.defineProperty(copy, 'args', { value: args, enumerable: false });
  return copy;
}

/**
 * A diagnostic as it crosses to another thread: postMessage copies enumerable fields only, so the arguments travel
 * as a plain field (as text where they are not plain values) and fromWire() hides them again. Without them a worker's
 * findings could not be localised or capped the way the main thread's are.
 */
export function toWire(d: Diagnostic): Diagnostic & { args?: Record<string, unknown> } {
  const args = argsOf(d);
  if (!args) return { ...d };
  const plain = (v: unknown) => (v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
  return { ...d, args: Object.fromEntries(Object.entries(args).map(([k, v]) => [k, plain(v)])) };
}

/** A diagnostic from toWire() as diag() makes one: the arguments not enumerable, so outputs are unchanged. */
export function fromWire(w: Diagnostic & { args?: Record<string, unknown> }): Diagnostic {
  const { args, ...d } = w;
  if (args) Object.defineProperty(d, 'args', { value: args, enumerable: false });
  return d;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** Problems shown per file and severity before the rest are only counted (one line says how many). */
export const MAX_PROBLEMS = 100;
const CAPPED = { error: 'ZC-E-ERRORS-CAPPED', warning: 'ZC-W-WARNINGS-CAPPED' } as const;

/**
 * At most MAX_PROBLEMS errors and MAX_PROBLEMS warnings per file, in the order found, then one capped line per file
 * and severity with the count of the rest. Capped lines made earlier (a streamed CSV counts without building its
 * messages) are merged into that one line, so a file never says "more" twice. Nothing is lost silently: the count of
 * what is not shown is exact, and the first problems of each file are always there.
 */
export function capDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const shown = new Map<string, number>();
  const more = new Map<string, { file: string; severity: 'error' | 'warning'; n: number }>();
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const severity = d.severity === 'error' ? 'error' : 'warning';
    const key = `${severity}|${d.file ?? ''}`;
    if (d.code === CAPPED[severity]) {
      const m = more.get(key) ?? { file: d.file ?? '', severity, n: 0 };
      m.n += Number((d as Diagnostic & { args?: { more?: unknown } }).args?.more ?? 0);
      more.set(key, m);
      continue;
    }
    const n = shown.get(key) ?? 0;
    if (n < MAX_PROBLEMS) {
      shown.set(key, n + 1);
      out.push(d);
    } else {
      const m = more.get(key) ?? { file: d.file ?? '', severity, n: 0 };
      m.n += 1;
      more.set(key, m);
    }
  }
  for (const m of more.values()) if (m.n > 0) out.push(diag(CAPPED[m.severity], { file: m.file, shown: MAX_PROBLEMS, more: m.n }, { file: m.file }));
  return out;
}

/** One message per finding: the same code, position and text reported twice is kept once (across calls sharing `seen`). */
export function dedupeDiagnostics(ds: readonly Diagnostic[], seen = new Set<string>()): Diagnostic[] {
  return ds.filter((d) => {
    const key = `${d.code}|${d.file}|${d.line}|${d.column}|${d.field}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export type Lang = 'en' | 'zh';

/** The message of a diagnostic in `lang`: re-rendered from its arguments when it came from the catalogue. */
export function localize(d: Diagnostic, lang: Lang): string {
  const args = (d as Diagnostic & { args?: Record<string, unknown> }).args;
  const spec = (CODES as Record<string, CodeSpec>)[d.code];
  if (lang === 'en' || !args || !spec) return d.message;
  const hint = typeof args.suggestion === 'string' ? `（您是否想写“${args.suggestion}”？）` : (args.hint_zh ?? args.hint);
  // an argument with a Chinese twin (<name>_zh, e.g. a pack's own warning text) uses it
  const zhArgs = Object.fromEntries(Object.entries(args).map(([k, v]) => [k, args[`${k}_zh`] ?? v]));
  // a file's reading or decoding problem is one of a few fixed phrases, made in many places
  if ((d.code === 'ZC-E-FILE-READ' || d.code === 'ZC-E-FILE-ENCODING') && args.reason_zh === undefined && typeof args.reason === 'string')
    zhArgs.reason = fileReasonZh(args.reason) ?? args.reason;
  return fill(spec.zh, { ...zhArgs, hint });
}
