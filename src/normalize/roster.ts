/**
 * Roster CSVs (README § Scoring many submissions): one submission per row, as wide columns. A row becomes the same raw
 * document a YAML submission parses into, with positions mapped to the roster row and column name,
 * so the schema, normalisation and every diagnostic work unchanged.
 */
import { diag } from '../diagnostics/codes.js';
import { didYouMean, suggest } from '../diagnostics/suggest.js';
import type { Diagnostic } from '../model/types.js';
import type { Vocabulary } from '../model/vocabulary.js';
import { parseCsv, readHeader, type CsvRow, type ParsedCsv } from '../parse/csv.js';
import { headerColumns, isRosterHeader } from '../parse/sniff.js';
import type { SheetTable } from './activity-csv.js';
import type { ParsedDocument, Path, Position } from '../parse/yaml.js';

const ENTITY_COLUMNS = ['id', 'name', 'profile', 'type', 'region', 'year'];
const COLUMN = /^([^.[\]]+)\.([^.[\]]+)(?:\[([^\]]*)\])?$/;

/** What one roster column feeds. */
/** What a roster column means. */
export type RosterTarget =
  | { kind: 'entity'; key: string }
  | { kind: 'section'; section: 'economy' | 'metrics' | 'targets' | 'baseline'; key: string; unit?: string }
  | { kind: 'activity'; category: string; item: string; unit: string }
  | { kind: 'unknown' };

/** A CSV text parsed as a roster, or undefined when it is not one: an activity CSV's header says so without a parse. */
export function parseRoster(file: string, text: string): ParsedCsv | undefined {
  const columns = headerColumns(text);
  if (columns && !isRosterHeader(columns)) return undefined;
  const csv = parseCsv(file, text, new Map());
  return isRosterHeader(csv.header) ? csv : undefined;
}

/**
 * A workbook sheet read as a roster: its header is the first row with an `id` column (and no `category`) within ten
 * rows of the first filled one (title rows above it are skipped); columns with an empty header cell are not read
 * and empty rows are skipped. Rows keep their sheet row numbers. Undefined when no such row is found.
 */
export function rosterFromSheet(file: string, sheet: SheetTable): ParsedCsv | undefined {
  const filled = (r: readonly (string | null)[] | undefined) => (r ?? []).some((c) => c !== null && c.trim() !== '');
  const first = sheet.rows.findIndex(filled);
  if (first < 0) return undefined;
  for (let at = first; at < Math.min(sheet.rows.length, first + 11); at++) {
    const cols: number[] = [];
    (sheet.rows[at] ?? []).forEach((c, j) => {
      if (c !== null && c.trim() !== '') cols.push(j);
    });
    const diagnostics: Diagnostic[] = [];
    const { rawHeader, header } = readHeader(
      file,
      cols.map((j) => sheet.rows[at]![j]!),
      new Map(),
      diagnostics,
    );
    if (!isRosterHeader(header)) continue;
    for (const d of diagnostics) d.line = d.row = at + 1;
    const rows: CsvRow[] = [];
    for (let i = at + 1; i < sheet.rows.length; i++) {
      const r = sheet.rows[i]!;
      if (!filled(r)) continue;
      rows.push({ line: i + 1, cells: new Map(cols.map((j, k) => [header[k]!, r[j] ?? ''])) });
    }
    return { file, header, rawHeader, rows, skipped: [], diagnostics };
  }
  return undefined;
}

/** Reads the header once: what each column means, and warnings for columns that mean nothing. */
export function rosterColumns(csv: ParsedCsv, vocabulary: Vocabulary): { targets: RosterTarget[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const targets = csv.rawHeader.map((raw): RosterTarget => {
    const name = raw.trim();
    if (ENTITY_COLUMNS.includes(name.toLowerCase())) return { kind: 'entity', key: name.toLowerCase() };
    const m = COLUMN.exec(name);
    if (m) {
      const [, head, key, unit] = m as unknown as [string, string, string, string | undefined];
      const section = ({ economy: 'economy', metric: 'metrics', target: 'targets', baseline: 'baseline' } as const)[head as 'economy'];
      if (section) return { kind: 'section', section, key, ...(unit ? { unit } : {}) };
      if (vocabulary.category(head) && unit) return { kind: 'activity', category: head, item: key, unit };
    }
    const s = suggest(name, [...ENTITY_COLUMNS, 'economy.gdp[亿元]', 'metric.water_reuse_rate', 'electricity.grid[MWh]']);
    diagnostics.push(
      diag(
        'ZC-W-CSV-UNKNOWN-COLUMN',
        {
          found: name,
          hint: didYouMean(s),
          suggestion: s,
          allowed:
            'id, name, profile, type, region, year, economy.<field>[unit], metric.<id>[unit], target.<id>, baseline.<field>[unit], <category>.<item>[unit]',
        },
        { file: csv.file, line: 1, row: 1, field: name },
      ),
    );
    return { kind: 'unknown' };
  });
  return { targets, diagnostics };
}

/** One roster row as a submission document (schemas/submission.schema.json shape), positions pointing at its cells. */
export function rosterRowDocument(csv: ParsedCsv, targets: RosterTarget[], row: CsvRow): ParsedDocument {
  const doc: Record<string, unknown> = { format: 'zcpark/1' };
  const entity: Record<string, unknown> = {};
  const where = new Map<string, string>(); // path key → column name
  const activity: Record<string, unknown>[] = [];
  const put = (section: string, key: string, value: unknown, column: string) => {
    const s = (doc[section] ??= {}) as Record<string, unknown>;
    s[key] = value;
    where.set(`${section}/${key}`, column);
  };
  csv.rawHeader.forEach((column, i) => {
    const t = targets[i]!;
    const cell = (row.cells.get(csv.header[i]!) ?? '').trim();
    if (cell === '' || t.kind === 'unknown') return;
    if (t.kind === 'entity') {
      if (t.key === 'year') {
        doc.year = /^\d{4}$/.test(cell) ? Number(cell) : cell;
        where.set('year', column);
      } else if (t.key === 'profile') {
        doc.profile = cell;
        where.set('profile', column);
      } else {
        entity[t.key] = cell;
        where.set(`entity/${t.key}`, column);
      }
    } else if (t.kind === 'section') {
      if (t.section === 'baseline' && t.key === 'year') put('baseline', 'year', /^\d{4}$/.test(cell) ? Number(cell) : cell, column);
      else if (t.section === 'metrics' && /^(true|false)$/i.test(cell)) put('metrics', t.key, cell.toLowerCase() === 'true', column);
      else put(t.section, t.key, t.unit ? { value: cell, unit: t.unit } : cell, column);
    } else {
      where.set(`activity/${activity.length}`, column);
      activity.push({ category: t.category, item: t.item, quantity: cell, unit: t.unit });
    }
  });
  if (Object.keys(entity).length) {
    doc.entity = entity;
    where.set('entity', csv.rawHeader.find((h) => h.trim().toLowerCase() === 'id') ?? 'id');
  }
  if (activity.length) doc.activity = activity;
  const at = (column: string | undefined): Position => ({ line: row.line, row: row.line, ...(column ? { field: column } : {}) });
  return {
    file: csv.file,
    value: doc,
    diagnostics: [],
    locate: (path: Path) => {
      const [a, b] = path;
      if (a === undefined) return at(undefined);
      if (a === 'activity' && typeof b === 'number') return at(where.get(`activity/${b}`));
      if (b !== undefined && where.has(`${String(a)}/${String(b)}`)) return at(where.get(`${String(a)}/${String(b)}`));
      return at(where.get(String(a)));
    },
  };
}
