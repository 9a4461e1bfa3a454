/** Build a real ToolContext for tool tests: a real config (from an object or file), ledger, runtime and temp output dir. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SreConfig, type SreConfigInput } from '../../schemas/config.js';
import type { QaHandoff } from '../../schemas/qa-handoff.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { silentLogger } from '../../src/log.js';
import { Runtime } from '../../src/runtime/run-runtime.js';
import type { ToolContext } from '../../tools/tool.js';

export const MINIMAL_CONFIG: SreConfigInput = {
  service: { name: 'demo' },
  environments: {
    staging: { baseUrl: 'http://127.0.0.1:18081' },
    production: { baseUrl: 'http://127.0.0.1:18082' },
  },
};

/** A context for calling a tool handler directly. Call `runtime.close()` after the test. */
export function makeToolContext(
  options: { config?: SreConfigInput; configDir?: string; repoDir?: string; handoff?: { data: QaHandoff; file: string | null; dir: string } } = {},
): ToolContext & { runtime: Runtime; ledger: Ledger } {
  const config = SreConfig.parse(options.config ?? MINIMAL_CONFIG);
  const configDir = resolve(options.configDir ?? process.cwd());
  return {
    config,
    configDir,
    repoDir: resolve(options.repoDir ?? configDir),
    outDir: mkdtempSync(join(tmpdir(), 'sre-test-out-')),
    runId: 'test-run',
    handoff: options.handoff ?? null,
    ledger: new Ledger(),
    runtime: new Runtime(),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}
