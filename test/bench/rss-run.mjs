// Runs the zcpark CLI in this process and reports its peak RSS (worker threads included) on stderr.
// Usage: node test/bench/rss-run.mjs <zcpark args…>  (used by bench.mjs; not a test)
process.on('exit', () => process.stderr.write(`\nZCPARK_PEAK_RSS_KB ${process.resourceUsage().maxRSS}\n`));
process.argv = [process.argv[0], 'zcpark', ...process.argv.slice(2)];
// bin/zcpark.js is CommonJS (it runs the bundle with its code cache)
await import('../../bin/zcpark.js');
