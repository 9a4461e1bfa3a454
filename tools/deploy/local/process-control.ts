/** Start detached processes that outlive the engine, check they live, and stop their whole process group. */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface DetachedProcess {
  pid: number;
  /** Resolves with the reason when the process exits or cannot start (while this engine watches it). */
  ended: Promise<string>;
}

/** Spawn argv detached in its own process group, output appended to `logFile`; throws the spawn error (e.g. ENOENT). */
export async function spawnDetached(argv: string[], options: { cwd: string; env: Record<string, string>; logFile: string }): Promise<DetachedProcess> {
  const [file, ...args] = argv;
  if (!file) throw new Error('spawnDetached: empty argument array');
  mkdirSync(dirname(options.logFile), { recursive: true });
  const fd = openSync(options.logFile, 'a');
  try {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', fd, fd] });
    const ended = new Promise<string>((resolve) => {
      child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? `${file} was not found (is it installed and on PATH?)` : error.message));
      child.once('exit', (code, signal) => resolve(`exited with ${code ?? signal}`));
    });
    // Wait for 'spawn' or 'error': a missing executable must fail here, not later.
    const started = await Promise.race([new Promise<true>((resolve) => child.once('spawn', () => resolve(true))), ended]);
    if (started !== true) throw new Error(started);
    child.unref();
    return { pid: child.pid!, ended };
  } finally {
    closeSync(fd);
  }
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM the process group of `pid`, then SIGKILL it after `graceMs`; resolves when the leader is gone. */
export async function stopProcessGroup(pid: number, graceMs = 5_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  if (!isAlive(pid)) return;
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return;
    await sleep(50);
  }
  signal('SIGKILL');
  const hardDeadline = Date.now() + 2_000;
  while (Date.now() < hardDeadline && isAlive(pid)) await sleep(20);
}
