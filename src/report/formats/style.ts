/** The stylesheet of every HTML page zcpark writes (a report, several reports, a batch summary): print-friendly, no fonts fetched. */
export const STYLE = `
:root { --fg:#1c2833; --muted:#607d8b; --line:#cfd8dc; --pass:#2e7d32; --fail:#c62828; --warn:#ef6c00; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--fg); max-width: 980px; margin: 24px auto; padding: 0 16px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.meta, .foot { color: var(--muted); } .foot { margin-top: 32px; font-size: 12px; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 4px; color: #fff; font-weight: 600; }
.pass { background: var(--pass); } .fail { background: var(--fail); } .incomplete { background: var(--warn); }
.why { border-left: 4px solid var(--fail); padding: 6px 12px; background: #fdecea; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; white-space: nowrap; }
.st-pass { color: var(--pass); } .st-fail { color: var(--fail); } .st-missing { color: var(--warn); } .st-not_applicable { color: var(--muted); }
.charts { display: grid; grid-template-columns: 1fr; gap: 18px; }
svg.chart { max-width: 100%; height: auto; } svg .ttl { font-weight: 600; font-size: 14px; } svg .lbl { font-size: 12px; fill: #37474f; } svg .val { font-size: 12px; fill: #263238; }
details { margin: 12px 0; } code { font-size: 12px; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .charts svg, table { break-inside: avoid; } details { display: block; } a { color: inherit; text-decoration: none; } }
`;
