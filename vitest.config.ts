import { defineConfig } from 'vitest/config';

/**
 * Test tiers (vitest projects). `npm test` runs them all; `npm run test:unit` is the inner loop
 * (seconds, no services). Each tier says what it needs:
 * - unit: pure functions and in-process OCR on small images; no services, no browser
 * - golden: the committed fixture corpus read end to end (born-digital and scanned)
 * - integration: the CLI, the queue and the API against the real Redis and PostgreSQL
 * - browser: the review app driven in Debian's chromium
 * - load: bounded load and fuzz runs (many documents, many requests, on 127.0.0.1)
 * A test file belongs to exactly one tier; anything not matched by a named tier is integration.
 */
const TIERS = {
  unit: ['test/unit/**/*.test.ts'],
  golden: ['test/golden/**/*.test.ts', 'test/fixtures/**/*.test.ts'],
  browser: ['test/browser/**/*.test.ts'],
  load: ['test/load/**/*.test.ts', 'test/integration/queue/load.test.ts'],
};
const named = Object.values(TIERS).flat();

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PDF parsing and OCR are CPU-bound: two cores, two forks
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // unit files share their worker's module cache (no service, no global state between files):
      // loading pdfjs, tesseract.js and zod once per worker instead of once per file
      ...Object.entries(TIERS).map(([name, include]) => ({
        extends: true as const,
        test: { name, include, ...(name === 'unit' ? { isolate: false } : {}) },
      })),
      { extends: true as const, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: named } },
    ],
  },
});
