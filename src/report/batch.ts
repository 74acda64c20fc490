/** Batch results (zcpark-batch/1): the compact line kept per submission, and the summary over all of them. */
import type { Diagnostic } from '../model/types.js';
import type { Report } from './types.js';

/** What the summary needs of one evaluated submission (the full report may be streamed away). */
export interface BatchEntry {
  file: string;
  row?: number;
  id: string;
  name: string;
  profile: string;
  type: string;
  verdict: Report['verdict'];
  score: number | null;
  grade: string | null;
  core: { id: string; value: number | boolean | null; status: string }[];
  failed: string[];
  warnings: number;
  /** Province code, or null. */
  region: string | null;
  total_tce: number;
  /** Every indicator's status, in pack order: the indicator × park matrix of the summaries. */
  statuses: { id: string; status: string }[];
  /** The codes of the report's warnings, each once, in the report's order. */
  warning_codes: string[];
}

/** How the ranking orders submissions: verdict first (pass, incomplete, fail), then score; or by score alone. */
export type RankBy = 'verdict' | 'score';

/** A submission or roster row that could not be evaluated. */
export interface BatchError {
  file: string;
  row?: number;
  errors: Diagnostic[];
}

export interface BatchSummary {
  total: number;
  pass: number;
  fail: number;
  incomplete: number;
  invalid: number;
  rank_by: RankBy;
  ranking: {
    rank: number;
    id: string;
    name: string;
    file: string;
    row?: number;
    region: string | null;
    total_tce: number;
    score: number | null;
    grade: string | null;
    verdict: string;
    core: { id: string; value: number | boolean | null; status: string }[];
    warnings: string[];
  }[];
  core_distribution: Record<string, { n: number; min: number; p25: number; median: number; p75: number; max: number }>;
  most_failed: { id: string; count: number }[];
}

/** The compact entry of one report. */
export function entryOf(r: Report, row?: number): BatchEntry {
  return {
    file: r.submission.file,
    ...(row !== undefined ? { row } : {}),
    id: r.submission.id,
    name: r.submission.name,
    profile: r.submission.profile,
    type: r.submission.type,
    verdict: r.verdict,
    score: r.score,
    grade: r.grade,
    core: r.indicators.filter((i) => i.core).map((i) => ({ id: i.id, value: i.value, status: i.status })),
    failed: r.indicators.filter((i) => i.status === 'fail').map((i) => i.id),
    warnings: r.warnings.length,
    region: r.submission.region,
    total_tce: r.energy.total_tce,
    statuses: r.indicators.map((i) => ({ id: i.id, status: i.status })),
    warning_codes: [...new Set(r.warnings.map((w) => w.code))],
  };
}

/** Nearest-rank percentile of sorted values. */
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const VERDICT_ORDER: Record<string, number> = { pass: 0, incomplete: 1, fail: 2 };

/**
 * The ranking order of entries (indices): by verdict (pass, then incomplete, then fail) and then score under
 * `verdict`, by score alone under `score`; ties by id, then input order.
 */
export function rankOrder(entries: readonly BatchEntry[], rankBy: RankBy = 'verdict'): number[] {
  const v = (e: BatchEntry) => (rankBy === 'verdict' ? (VERDICT_ORDER[e.verdict] ?? 3) : 0);
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => v(a.e) - v(b.e) || (b.e.score ?? -1) - (a.e.score ?? -1) || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0) || a.i - b.i)
    .map((x) => x.i);
}

/** Counts, ranking (rankOrder; equal verdict and score share a rank), core-indicator distribution, most failed indicators. */
export function summarize(entries: readonly BatchEntry[], errors: readonly BatchError[], rankBy: RankBy = 'verdict'): BatchSummary {
  const count = (v: string) => entries.filter((e) => e.verdict === v).length;
  let rank = 0;
  let prev: string | undefined;
  const ranking = rankOrder(entries, rankBy).map((i, k) => {
    const e = entries[i]!;
    const key = `${rankBy === 'verdict' ? e.verdict : ''}|${e.score}`;
    if (key !== prev) rank = k + 1; // equal scores (and verdicts, when they rank) share a rank
    prev = key;
    return {
      rank,
      id: e.id,
      name: e.name,
      file: e.file,
      ...(e.row !== undefined ? { row: e.row } : {}),
      region: e.region,
      total_tce: e.total_tce,
      score: e.score,
      grade: e.grade,
      verdict: e.verdict,
      core: e.core,
      warnings: e.warning_codes,
    };
  });
  const values = new Map<string, number[]>();
  for (const e of entries) for (const c of e.core) if (typeof c.value === 'number') (values.get(c.id) ?? values.set(c.id, []).get(c.id)!).push(c.value);
  const core_distribution: BatchSummary['core_distribution'] = {};
  for (const id of [...values.keys()].sort()) {
    const v = values.get(id)!.sort((a, b) => a - b);
    core_distribution[id] = { n: v.length, min: v[0]!, p25: pct(v, 25), median: pct(v, 50), p75: pct(v, 75), max: v[v.length - 1]! };
  }
  const failedCount = new Map<string, number>();
  for (const e of entries) for (const f of e.failed) failedCount.set(f, (failedCount.get(f) ?? 0) + 1);
  const most_failed = [...failedCount].map(([id, n]) => ({ id, count: n })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
  return {
    total: entries.length + errors.length,
    rank_by: rankBy,
    pass: count('pass'),
    fail: count('fail'),
    incomplete: count('incomplete'),
    invalid: errors.length,
    ranking,
    core_distribution,
    most_failed,
  };
}
