/** Wall time of the whole playbook run on the bundled example (staging, rollback drill, production, docs, notify). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { packagePath } from '../src/paths.js';
import { median } from './support/median.js';

const run = promisify(execFile);

/** Run `npm run demo` three times; print the median wall time of the demo and of the sre-agent run inside it. */
export async function run_(): Promise<void> {
  const walls: number[] = [];
  const steps: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    await run(process.execPath, [packagePath('scripts', 'demo.mjs')], { cwd: packagePath(), env: { ...process.env, SRE_LOG_LEVEL: 'warn' }, timeout: 300_000 });
    walls.push(performance.now() - started);
    // The run itself: from the first tool call's start to the last one's end, from the ledger.
    const ledger = readFileSync(join(packagePath('out', 'demo', 'run'), 'ledger.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { startedAt: string; durationMs: number });
    const first = Date.parse(ledger[0]!.startedAt);
    const last = Math.max(...ledger.map((e) => Date.parse(e.startedAt) + e.durationMs));
    steps.push(last - first);
  }
    console.log(`demo (npm run demo: working copy, receiver, sre-agent process): median ${(median(walls) / 1000).toFixed(1)} s over 3 (${walls.map((w) => (w / 1000).toFixed(1)).join(', ')})`);
  console.log(`playbook run on the example (first tool call → last, staging + rollback drill + production + observability + docs + notify): median ${(median(steps) / 1000).toFixed(1)} s; target < 15 s`);
}

export { run_ as run };
