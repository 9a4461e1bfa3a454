import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tools/**/*.test.ts', 'schemas/**/*.test.ts', 'evals/**/*.test.ts', 'examples/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Several suites start real processes and servers on loopback; keep the 2-core machine from thrashing.
    maxWorkers: 2,
    // JUnit and coverage go to reports/: `sre-agent run` on this repository reads them back (scripts/self-check.mjs).
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/junit.xml' },
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'tools/**/*.ts', 'schemas/**/*.ts', 'evals/**/*.ts'],
      exclude: ['**/*.test.ts', '**/*.bench.ts'],
      reporter: ['text-summary', 'lcov', 'json-summary'],
      reportsDirectory: 'reports/coverage',
    },
  },
});
