/** The `sre-agent` command line. Exit codes: 0 delivered / ok, 2 blocked, 1 error. */
import { Command, InvalidArgumentError } from 'commander';
import { describeError, isSreError, UserError } from '../errors.js';
import { createLogger } from '../log.js';

function portSpec(value: string): string {
  if (!/^[\w.:[\]-]+:\d+$/.test(value)) throw new InvalidArgumentError('expected HOST:PORT such as 127.0.0.1:8765');
  return value;
}

/** Parse argv and run the command; resolves when done (the process exit code is set). */
export async function main(argv: string[]): Promise<void> {
  const program = new Command();
  program.name('sre-agent').description('Step 7 (SRE) of the delivery pipeline: CI/CD, deploy, observability and rollback, with an evidence-checked report.');
  program.showHelpAfterError();
  const fail = (error: unknown) => {
    const where = isSreError(error) && error.context.file && !describeError(error).includes(String(error.context.file)) ? ` (${String(error.context.file)})` : '';
    process.stderr.write(`sre-agent: ${describeError(error)}${where}\n`);
    process.exitCode = 1;
  };

  program
    .command('run')
    .description('Run step 7 on a QA handoff and write report.md, report.json, ledger.jsonl and sre-handoff.json')
    .requiredOption('--handoff <file|dir|->', 'QA handoff (JSON or YAML), a directory holding it, or - for stdin')
    .option('--config <file>', 'sre.yaml (default: ./sre.yaml)')
    .option('--model <name>', 'playbook, or openai:MODEL', 'playbook')
    .option('--base-url <url>', 'OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)')
    .option('--out <dir>', 'output directory (default: .sre-agent/runs/<run id> beside sre.yaml)')
    .option('--approve', 'approve destructive actions (production deploy, rollback) without asking')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (opts) => {
      // On a terminal the step-by-step progress replaces info logs; JSON logs stay complete elsewhere.
      const logger = createLogger({ level: process.env.SRE_LOG_LEVEL ?? (process.stderr.isTTY ? 'warn' : 'info') });
      try {
        // Commands are imported when used: `sre-agent mcp` must answer its client fast, without the agent loop.
        const { runCommand } = await import('./run.js');
        process.exitCode = await runCommand(opts, logger);
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('mcp')
    .description('Serve the tools, the master prompt and the contracts over MCP (stdio by default)')
    .option('--config <file>', 'sre.yaml (default: ./sre.yaml, loaded on first tool call)')
    .option('--handoff <file>', 'QA handoff for this session')
    .option('--out <dir>', 'where tools write generated files (default: a temp dir)')
    .option('--read-only', 'serve only read-only tools')
    .option('--http <host:port>', 'serve Streamable HTTP on this loopback address instead of stdio', portSpec)
    .option('--allow-remote', 'with --http: allow binding to a non-loopback address (the bearer token still applies)')
    .action(async (opts) => {
      const logger = createLogger({ pretty: false });
      try {
        if (opts.http) {
          const { mcpHttpCommand } = await import('./mcp-http.js');
          await mcpHttpCommand({ ...opts, listen: opts.http }, logger);
        } else {
          const { mcpCommand } = await import('./mcp.js');
          await mcpCommand(opts, logger);
        }
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('rollback')
    .description('Restore what a run changed, from its journal (works even when the engine that made the changes died)')
    .requiredOption('--run <id|dir>', 'run id under .sre-agent/runs, or the run directory (--out of the run)')
    .option('--environment <name>', 'staging or production (default: every environment the run touched)')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const logger = createLogger();
      try {
        const { rollbackRun } = await import('./rollback-run.js');
        if (opts.environment && !['staging', 'production'].includes(opts.environment)) throw new UserError(`--environment ${opts.environment}: expected staging or production`, { field: 'environment' });
        const result = await rollbackRun({ run: opts.run, environment: opts.environment, logger });
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else
          for (const env of result.environments)
            process.stdout.write(`${env.ok ? 'ROLLED BACK' : 'FAILED'} ${env.environment}: ${env.restoredVersion ? `v${env.restoredVersion} serving` : ''} ${env.error ?? ''}\n${env.actions.map((a) => `  - ${a}`).join('\n')}\n`);
        process.exitCode = result.environments.every((e) => e.ok) ? 0 : 1;
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('promote')
    .description('Metric-gated activation: watch production SLIs for the watch window, then raise the flag one step (0 → 10 → 50 → 100) or set it back to 0')
    .requiredOption('--flag <name>', 'feature flag to advance')
    .option('--config <file>', 'sre.yaml (default: ./sre.yaml)')
    .option('--watch-seconds <n>', 'watch window in seconds (default: activation.watchHours from sre.yaml)')
    .option('--approve', 'approve raising the production flag without asking')
    .option('--out <dir>', 'where generated files go (default: a temp dir)')
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const logger = createLogger();
      try {
        const { promoteCommand } = await import('./promote.js');
        const watchSeconds = opts.watchSeconds === undefined ? undefined : Number(opts.watchSeconds);
        if (watchSeconds !== undefined && !(watchSeconds > 0)) throw new UserError(`--watch-seconds ${opts.watchSeconds}: expected a positive number of seconds`, { field: 'watch-seconds' });
        process.exitCode = await promoteCommand({ ...opts, watchSeconds }, logger);
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('eval')
    .description('Score the playbook and/or a model on the eval scenarios (simulated environment); writes eval.json, junit.xml, summary.md')
    .option('--provider <list>', 'comma-separated: playbook, openai:MODEL', 'playbook')
    .option('--repeat <k>', 'runs per scenario and provider (pass@1 and pass^k)', '1')
    .option('--concurrency <n>', 'runs at the same time', '2')
    .option('--filter <text>', 'only scenarios whose name, description or tags contain this text')
    .option('--out <dir>', 'where the JSON, JUnit XML and Markdown summary go', 'evals/out')
    .option('--baseline <file>', 'fail (exit 1) when a graded score drops below this baseline')
    .option('--update-baseline', 'write this run\'s graded scores to --baseline (default evals/baseline.json)')
    .option('--scenarios <dir>', 'scenario directory (default: the package\'s evals/scenarios)')
    .option('--cache-dir <dir>', 'model response cache (default: the package\'s evals/cache)')
    .option('--no-cache', 'always ask the model; record nothing')
    .option('--judge <model>', 'also grade the report prose with openai:MODEL (off by default)')
    .option('--base-url <url>', 'OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)')
    .option('--json', 'print the per-provider summary as JSON instead of the table')
    .action(async (opts) => {
      try {
        const { evalCommand } = await import('./eval.js');
        process.exitCode = await evalCommand(opts);
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('schema')
    .description('Print the JSON Schema of a contract')
    .argument('<name>', 'qa-handoff | report | sre-handoff | config')
    .action(async (name: string) => {
      try {
        const { schemaCommand } = await import('./schema.js');
        schemaCommand(name);
      } catch (error) {
        fail(error);
      }
    });

  program
    .command('prompt')
    .description('Print the master SRE prompt filled in with a QA handoff and sre.yaml')
    .requiredOption('--handoff <file>', 'QA handoff')
    .option('--config <file>', 'sre.yaml')
    .action(async (opts) => {
      try {
        const { promptCommand } = await import('./prompt.js');
        promptCommand(opts);
      } catch (error) {
        fail(error);
      }
    });

  await program.parseAsync(argv);
}
