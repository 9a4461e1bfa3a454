/**
 * The run journal: deploy progress and traffic state persisted atomically to `<outDir>/journal.json` after every change,
 * so `sre-agent rollback --run` can restore the previous version even when the engine that started things was SIGKILLed.
 * It holds the proxy admin token (loopback only), so it is written with mode 0600.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { ToolFailure } from '../../src/errors.js';

export const JournalInstance = z.object({
  version: z.string(),
  pid: z.number().int(),
  port: z.number().int(),
  url: z.string(),
  healthUrl: z.string(),
  /** How to start it again (rollback after the instance died). */
  spawn: z.object({ argv: z.array(z.string()), env: z.record(z.string(), z.string()), cwd: z.string() }),
  logFile: z.string(),
  startedAt: z.string(),
});
export type JournalInstance = z.infer<typeof JournalInstance>;

export const JournalFlag = z.object({ file: z.string(), percent: z.number(), previous: z.number() });

export const JournalEnvironment = z.object({
  driver: z.enum(['local', 'command', 'sim']),
  /** Version that served before this run touched the environment: what a run rollback restores. */
  baselineVersion: z.string().nullable(),
  activeVersion: z.string().nullable(),
  previousVersion: z.string().nullable(),
  weights: z.record(z.string(), z.number()),
  proxy: z.object({ pid: z.number().int(), port: z.number().int(), adminUrl: z.string(), token: z.string(), logFile: z.string() }).nullable(),
  instances: z.record(z.string(), JournalInstance),
  /** Command driver: the rollback command, already templated, for a run rollback without the config. */
  rollbackCommand: z.object({ argv: z.array(z.string()), cwd: z.string(), timeoutMs: z.number().int() }).nullable(),
  /** Flags this run changed in the environment, by name. */
  flags: z.record(z.string(), JournalFlag),
  stopped: z.boolean(),
});
export type JournalEnvironment = z.infer<typeof JournalEnvironment>;

export const Journal = z.object({
  version: z.literal(1),
  runId: z.string(),
  updatedAt: z.string(),
  environments: z.object({ staging: JournalEnvironment.optional(), production: JournalEnvironment.optional() }),
  steps: z.array(z.object({ at: z.string(), environment: z.string(), action: z.string(), detail: z.string() })),
});
export type Journal = z.infer<typeof Journal>;

/** The journal file of a run output directory. */
export function journalFile(outDir: string): string {
  return join(outDir, 'journal.json');
}

/** An empty record for an environment the run starts to touch. */
export function emptyEnvironment(driver: JournalEnvironment['driver']): JournalEnvironment {
  return {
    driver,
    baselineVersion: null,
    activeVersion: null,
    previousVersion: null,
    weights: {},
    proxy: null,
    instances: {},
    rollbackCommand: null,
    flags: {},
    stopped: false,
  };
}

/** Read a journal; null when the file does not exist, ToolFailure when it is unreadable or malformed. */
export function readJournal(file: string): Journal | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ToolFailure(`cannot read run journal ${file}: ${(error as Error).message}`, { file });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ToolFailure(`run journal ${file} is not valid JSON: ${(error as Error).message}`, { file });
  }
  const parsed = Journal.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ToolFailure(`run journal ${file}: field ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file, field: issue.path.join('.') });
  }
  return parsed.data;
}

/** Write a journal atomically (a reader never sees half a file). */
export function writeJournal(file: string, journal: Journal): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic.sync(file, `${JSON.stringify({ ...journal, updatedAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
}

/** Read-modify-write the journal of `outDir` synchronously (no interleaving inside one process). */
export function updateJournal(outDir: string, runId: string, change: (journal: Journal) => void): Journal {
  const file = journalFile(outDir);
  const journal = readJournal(file) ?? { version: 1 as const, runId, updatedAt: new Date().toISOString(), environments: {}, steps: [] };
  change(journal);
  writeJournal(file, journal);
  return journal;
}

/** Append one step line (what was done, where) to the journal. */
export function recordStep(outDir: string, runId: string, environment: string, action: string, detail: string): void {
  updateJournal(outDir, runId, (journal) => {
    journal.steps.push({ at: new Date().toISOString(), environment, action, detail });
  });
}

/** Remember a flag change so a run rollback can turn it off again. */
export function recordFlag(
  outDir: string,
  runId: string,
  environment: 'staging' | 'production',
  flag: string,
  value: { file: string; percent: number; previous: number },
  driver: JournalEnvironment['driver'],
): void {
  updateJournal(outDir, runId, (journal) => {
    const env = journal.environments[environment] ?? emptyEnvironment(driver);
    const earlier = env.flags[flag];
    // Keep the percentage from before the run's first change: that is what a rollback restores.
    env.flags[flag] = { file: value.file, percent: value.percent, previous: earlier ? earlier.previous : value.previous };
    journal.environments[environment] = env;
    journal.steps.push({ at: new Date().toISOString(), environment, action: 'flag', detail: `${flag} ${value.previous}% → ${value.percent}%` });
  });
}
