// The reference for the streaming bench: csv-parse's stream API alone on a file (records counted, nothing else),
// with the options zcpark uses. Prints seconds, records and peak RSS. Usage: node test/bench/raw-csv.mjs <file.csv>
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { performance } from 'node:perf_hooks';

const t = performance.now();
let records = 0;
for await (const _ of createReadStream(process.argv[2]).pipe(parse({ bom: true, skip_empty_lines: true, max_record_size: 1_000_000 }))) records++;
console.log(JSON.stringify({ s: (performance.now() - t) / 1000, records, rssMB: process.resourceUsage().maxRSS / 1024 }));
