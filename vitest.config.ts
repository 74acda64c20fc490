/**
 * Two tiers (README § Development):
 * - core: unit tests by stage, the architecture test and the properties: in-process, no spawned CLI, no browser.
 *   `npm run test:fast` runs this project alone with the properties at a small run count.
 * - cli: the built binary spawned as a user runs it, and the HTML report in a browser. Every test there runs processes,
 *   so the project sets a 60 s timeout for each (vitest's 5 s default failed on a loaded two-core machine); a test
 *   that needs longer says so itself.
 * `npm test` (CI) runs both. The global setup builds dist/ when it is older than its sources, so a bare
 * `npx vitest run` never spawns a stale CLI.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/build.ts'],
    projects: [
      { extends: true, test: { name: 'core', include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts', 'test/architecture.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['test/cli/**/*.test.ts', 'test/browser/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
