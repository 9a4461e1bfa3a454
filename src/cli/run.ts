/** `sre-agent run`: step 7 on a QA handoff; writes report.md, report.json, ledger.jsonl and sre-handoff.json. */
import { relative } from 'node:path';
import type { Logger } from 'pino';
import { runStep } from '../agent/run-step.js';
import { terminalProgress } from './progress.js';

export interface RunCommandOptions {
  handoff: string;
  config?: string;
  model: string;
  baseUrl?: string;
  out?: string;
  json?: boolean;
  approve?: boolean;
}

/** Run the step and print the outcome; returns the exit code (0 delivered, 2 blocked). */
export async function runCommand(options: RunCommandOptions, logger: Logger): Promise<number> {
  // Ctrl-C or SIGTERM: stop the run, let it stop what it started and write its (blocked) report; a second signal forces exit.
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) process.exit(130);
    process.stderr.write(`sre-agent: ${signal}: stopping the run and the processes it started (again to force)\n`);
    interrupt.abort(new Error(`interrupted by ${signal}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const result = await runStep({
    signal: interrupt.signal,
    handoff: options.handoff,
    config: options.config,
    model: options.model,
    baseUrl: options.baseUrl ?? process.env.OPENAI_BASE_URL,
    apiKey: process.env.OPENAI_API_KEY,
    out: options.out,
    approve: options.approve,
    logger,
    onProgress: terminalProgress(),
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ status: result.report.status, outDir: result.outDir, report: result.report }, null, 2)}\n`);
  } else {
    const where = relative(process.cwd(), result.outDir) || '.';
    const lines = [
      `${result.report.status === 'delivered' ? 'DELIVERED' : 'BLOCKED'} v${result.report.release.version} (run ${result.runId})`,
      ...result.report.blockingReasons.map((r) => `  - ${r}`),
      `report: ${where}/report.md  ledger: ${where}/ledger.jsonl  step-8 handoff: ${where}/sre-handoff.json`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return result.exitCode;
}
