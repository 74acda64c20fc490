/** The HTML report without a browser: self-contained (no http(s) loads, no scripts), deterministic, golden. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { golden, unversioned } from '../helpers/golden.js';

describe('evaluate --format html', () => {
  const html = runCli(['evaluate', 'fixtures/demo/park.yaml', '-f', 'html']).stdout;
  it('matches the golden file of the demo park', () => {
    expect(unversioned(html)).toBe(golden('demo.html'));
  });
  it('is self-contained: no http(s) resource, no script, no external font or stylesheet', () => {
    // sources may name their address as text; nothing is loaded from one
    expect(html).not.toMatch(/(src|href|action)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script|<link |@import|url\(/i);
    expect(html.match(/<svg class="chart"/g)?.length).toBe(4);
  });
  it('escapes text from the submission', () => {
    expect(html).toContain('<title>蒙苏零碳产业园（演示） Mengsu Zero-Carbon Industrial Park (demo) — zcpark zero-carbon-park evaluation</title>');
    expect(html).not.toContain('<b>>=');
  });
});

describe('batch --format html', () => {
  it("writes a ranking page that links each park's own HTML report", async () => {
    const { mkdtempSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'zcpark-bhtml-'));
    runCli(['batch', 'fixtures/batch', '-f', 'html', '--out-dir', dir, '-q']);
    const files = readdirSync(dir).sort();
    expect(files).toContain('summary.html');
    const summary = readFileSync(join(dir, 'summary.html'), 'utf8');
    const links = [...summary.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!);
    expect(links.length).toBe(7); // the seven valid submissions, in ranking order
    for (const l of links) expect(files).toContain(l);
    expect(summary).not.toMatch(/https?:\/\//);
    expect(readFileSync(join(dir, 'NM-A-GREEN.html'), 'utf8')).toContain('<span class="verdict pass">PASS</span>');
  });
});
