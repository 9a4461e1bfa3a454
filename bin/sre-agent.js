#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled TypeScript (npm run build, run by `npm ci` through `prepare`).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv)).catch((error) => {
  process.stderr.write(`sre-agent: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
