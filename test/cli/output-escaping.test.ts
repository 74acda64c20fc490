/**
 * Output neutralisation (issue #14, item 2): every user string of a submission, its activity CSV, its rule pack, its
 * file names and a roster carries the hostile payloads below (an OSC 52 clipboard write, a CR LF that would start a
 * `::add-mask::` workflow command, bidi and line separators, a noncharacter, a Markdown image, an HTML tag and a
 * forged verdict). Every format of evaluate, validate and batch is run on them (made at test time: git cannot hold
 * some of these file names), and the output must hold:
 * - no raw control character (C0 but LF, and CR only in CSV; DEL, C1), separator, bidi mark or noncharacter;
 * - no line starting with `::` but the real annotations of `-f github`, whose count is the diagnostics' count;
 * - Markdown: no image, link, tag or `**PASS**` from a user value; HTML: no tag from a user value;
 * - JUnit: well-formed XML 1.0; JSON: parses, and gives back the payloads exactly.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliAsync, type AsyncCliResult } from '../helpers/run-cli.js';

const P = '\u001b]52;c;ZXZpbA==\u0007 \r\n::add-mask::x \u202e \u2028 \ufffe \u009b ![x](http://evil/) <img src=x> **PASS**';
const TMP = process.env.ESCAPE_KEEP ?? mkdtempSync(join(tmpdir(), 'zcpark-escape-'));
/** A YAML double-quoted scalar holding s exactly (every non-ASCII-printable as an escape). */
const y = (s: string) => `"${s.replace(/[\\"]/g, '\\$&').replace(/[^\u0020-\u007e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
/** A CSV cell holding s exactly. */
const c = (s: string) => `"${s.replace(/"/g, '""')}"`;
const EVIL_FILE = 'act\n::add-mask::y\u001b[2J.csv';

beforeAll(() => {
  const ok = join(TMP, 'ok');
  const bad = join(TMP, 'bad');
  mkdirSync(ok, { recursive: true });
  mkdirSync(bad, { recursive: true });
  writeFileSync(
    join(ok, 'pack.yaml'),
    [
      'format: zcpark-profile/1',
      'id: evil-pack',
      `title: ${y(`T ${P}`)}`,
      `source: ${y(`S ${P}`)}`,
      'indicators:',
      '  - id: carbon',
      `    name: { en: ${y(`N ${P}`)}, zh: ${y(`Z ${P}`)} }`,
      `    unit: ${y(`U ${P}`)}`,
      '    formula: gross_t / energy_total_tce',
      '    core: true',
      '    weight: 50',
      `    source: ${y(P)}`,
      `    thresholds: [ { op: "<=", value: 0.2, label: ${y(P)}, warning: { code: ZC-W-EVIL, message: ${y(`W ${P}`)} } } ]`,
      '  - id: missing_one',
      `    name: { en: ${y(`M ${P}`)}, zh: ${y(`M ${P}`)} }`,
      '    unit: fraction',
      '    formula: gross_t / metric.never_given',
      '    weight: 50',
      '    thresholds: [ { op: ">=", value: 1 } ]',
      `grades: [ { grade: ${y(`G ${P}`)}, min: 0 } ]`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(ok, 'park.yaml'),
    `format: zcpark/1\nprofile: pack.yaml\nentity: { id: OK-1, name: ${y(`Park ${P}`)}, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [${y(EVIL_FILE)}]\n`,
  );
  writeFileSync(
    join(ok, EVIL_FILE),
    `entity,category,item,quantity,unit,note\n${c(`E1 ${P}`)},fuel,natural_gas,10,万m3,${c(`note ${P}`)}\n${c(`E2 ${P}`)},electricity,grid,100,MWh,${c(P)}\n${c(`E2 ${P}`)},electricity,grid,100,MWh,${c(P)}\n`,
  );
  writeFileSync(
    join(bad, 'park.yaml'),
    `format: zcpark/1\nprofile: zero-carbon-park\nentity: { id: BAD-1, name: ${y(P)}, type: park, region: CN-NM }\nyear: 2024\nactivity_files: [activity.csv, ${y(`gone ${P}.csv`)}]\nmetrics:\n  ${y(`k${P}`)}: 1\n  water_total: ${y(P)}\n`,
  );
  writeFileSync(
    join(bad, 'activity.csv'),
    `entity,category,item,quantity,unit,note\n${c(P)},fuel,${c(P)},1,万m3,x\n${c(P)},fuel,natural_gas,${c(P)},${c(P)},x\n${c(P)},${c(P)},natural_gas,1,t,x\n`,
  );
  writeFileSync(
    join(TMP, 'roster.csv'),
    `id,name,profile,type,region,year,${c(`metric.${P}`)}\nR-1,${c(`Roster ${P}`)},zero-carbon-park,park,CN-NM,2024,1\n${c(P)},${c(P)},zero-carbon-park,park,CN-NM,2024,1\n`,
  );
});
afterAll(() => (process.env.ESCAPE_KEEP ? undefined : rmSync(TMP, { recursive: true, force: true })));

const run = (args: string[]) => runCliAsync(args, { cwd: TMP, timeoutMs: 30_000 });

/** Characters no output may carry raw. */
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;
const RAW_BUT_CR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/u;

function inert(text: string, what: string, csv = false): void {
  const bad = csv ? RAW_BUT_CR.exec(text.replace(/\r\n/g, '\n')) : RAW.exec(text);
  expect(
    bad,
    `${what}: raw U+${bad?.[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, (bad?.index ?? 0) - 40), (bad?.index ?? 0) + 10))}`,
  ).toBeNull();
  for (const line of text.split(/\r?\n/)) expect(line.startsWith('::'), `${what}: a line starts with "::": ${JSON.stringify(line.slice(0, 80))}`).toBe(false);
}

function markdownHolds(md0: string, what: string): void {
  inert(md0, what);
  // a code span shows its text verbatim and inert: only the text outside them can be markup
  const md = md0.replace(/(`+)(?!`)[^\n]*?[^`]\1(?!`)/g, '');
  expect(md, what).not.toMatch(/(?<!\\)!\[/);
  expect(md, what).not.toMatch(/(?<!\\)\]\(/);
  expect(md, what).not.toMatch(/(?<!\\)<img/i);
  for (const line of md.split('\n')) if (/(^|[^\\])\*\*PASS\*\*/.test(line)) expect(line, what).toMatch(/^\*\*(Verdict|结论)\*\* ✅ \*\*PASS\*\*/);
  expect(md0, `${what}: the payload is shown, escaped`).toContain('\\!\\[x\\](http\\://evil/) \\<img src=x> \\*\\*PASS\\*\\*');
}

function htmlHolds(html: string, what: string): void {
  inert(html, what);
  expect(html, what).not.toMatch(/<img/i);
  expect(html, what).toContain('&lt;img src=x&gt;');
}

/** Well-formed XML 1.0 (a strict small check: characters, tags balanced, attributes quoted, entities known). */
function wellFormedXml(xml: string): void {
  expect(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(xml), 'a character XML 1.0 forbids').toBe(false);
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const TOKEN = /<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[A-Za-z][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = TOKEN.exec(body))) {
    at = TOKEN.lastIndex;
    const [, close, open, attrs, selfClose, text] = m;
    for (const part of [attrs ?? '', text ?? ''])
      expect(/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(part), `a bare & in ${JSON.stringify(part.slice(0, 60))}`).toBe(false);
    if (open && !selfClose) stack.push(open);
    if (close) expect(stack.pop()).toBe(close);
  }
  expect(at, `not XML at ${JSON.stringify(body.slice(at, at + 60))}`).toBe(body.length);
  expect(stack).toEqual([]);
}

describe.concurrent('no user value reaches an output live (issue #14)', () => {
  for (const format of ['table', 'json', 'markdown', 'html', 'csv']) {
    it(`evaluate -f ${format} --explain`, async () => {
      const r = await run(['evaluate', 'ok/park.yaml', '-f', format, '--explain']);
      expect(r.code, r.stderr).toBe(0);
      inert(r.stderr, 'stderr');
      if (format === 'markdown') markdownHolds(r.stdout, 'markdown');
      else if (format === 'html') htmlHolds(r.stdout, 'html');
      else inert(r.stdout, format, format === 'csv');
      if (format === 'json') {
        const report = JSON.parse(r.stdout);
        expect(report.submission.name).toBe(`Park ${P}`);
        expect(Object.keys(report.emissions.by_entity).sort()).toEqual([`E1 ${P}`, `E2 ${P}`]);
      }
      if (format === 'table')
        expect(r.stdout).toContain('Park \\x1b]52;c;ZXZpbA==\\x07 \\r\\n::add-mask::x \\u202e \\u2028 \\ufffe \\x9b ![x](http://evil/) <img src=x> **PASS**');
    }, 60_000);
  }

  it('evaluate of an invalid submission: diagnostics on stderr', async () => {
    const r = await run(['evaluate', 'bad/park.yaml']);
    expect(r.code).toBe(1);
    inert(r.stderr, 'stderr');
    expect(r.stderr).toMatch(/ZC-E-VOCAB-ITEM/);
  }, 60_000);

  for (const format of ['pretty', 'json', 'github', 'junit']) {
    it(`validate -f ${format}`, async () => {
      const [r, j] = await Promise.all([
        run(['validate', 'ok', 'bad', 'roster.csv', '-f', format]),
        run(['validate', 'ok', 'bad', 'roster.csv', '-f', 'json']),
      ]);
      expect(r.code).toBe(1);
      inert(r.stderr, 'stderr');
      const n = JSON.parse(j.stdout).files.reduce((a: number, f: { diagnostics: unknown[] }) => a + f.diagnostics.length, 0);
      expect(n).toBeGreaterThan(8);
      if (format === 'github') {
        const lines = r.stdout.split('\n').filter((l) => l !== '');
        const annotations = lines.filter((l) => l.startsWith('::'));
        expect(annotations.length).toBe(n);
        for (const a of annotations) expect(a).toMatch(/^::(error|warning) file=[^,:\n]*(,line=\d+)?(,col=\d+)?,title=ZC-[EW]-[A-Z0-9-]+::[^\n]*$/);
        inert(lines.filter((l) => !l.startsWith('::')).join('\n'), 'github, other lines');
        expect(r.stdout).not.toMatch(/^::add-mask::/m);
        expect(r.stdout).toContain('\\r\\n::add-mask::x');
        expect(RAW.test(r.stdout)).toBe(false);
      } else if (format === 'junit') {
        wellFormedXml(r.stdout);
        inert(r.stdout, 'junit');
      } else inert(r.stdout, format);
      if (format === 'json') expect(JSON.stringify(JSON.parse(r.stdout))).toContain(JSON.stringify(P).slice(1, -1));
    }, 60_000);
  }

  for (const format of ['table', 'json', 'jsonl', 'csv', 'markdown', 'html']) {
    it(`batch -f ${format}`, async () => {
      const r = await run(['batch', 'ok', 'bad', 'roster.csv', '-f', format, '-q', '-j', '1']);
      expect(r.code).toBe(1);
      inert(r.stderr, 'stderr');
      if (format === 'markdown') markdownHolds(r.stdout, 'batch markdown');
      else if (format === 'html') htmlHolds(r.stdout, 'batch html');
      else inert(r.stdout, format, format === 'csv');
      if (format === 'table' || format === 'csv' || format === 'markdown' || format === 'html') expect(r.stderr, 'the warning summary').toMatch(/ZC-W-EVIL/);
    }, 60_000);
  }

  it('batch --out-dir: every per-submission report is inert too', async () => {
    for (const format of ['table', 'markdown', 'html']) {
      const out = join(TMP, `out-${format}`);
      const r = await run(['batch', 'ok', 'roster.csv', '-f', format, '-q', '-j', '1', '--out-dir', out]);
      expect(r.code).toBe(1); // the roster's second row has a hostile id
      inert(r.stderr, 'stderr');
      const { readdirSync, readFileSync } = await import('node:fs');
      for (const f of readdirSync(out)) {
        const text = readFileSync(join(out, f), 'utf8');
        if (format === 'markdown') markdownHolds(text, f);
        else if (format === 'html') htmlHolds(text, f);
        else inert(text, f);
      }
    }
  }, 60_000);
});

export type { AsyncCliResult };
