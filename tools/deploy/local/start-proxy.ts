/** Start an environment's proxy as a detached node process and wait until it listens (or says why it cannot). */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolFailure } from '../../../src/errors.js';
import { spawnDetached, stopProcessGroup } from './process-control.js';

export interface ProxyProcess {
  pid: number;
  port: number;
  adminUrl: string;
  token: string;
  logFile: string;
}

/** How to run proxy-process: the compiled .js beside this file, or the .ts source through tsx (tests, dev). */
function proxyCommand(): string[] {
  const js = fileURLToPath(new URL('./proxy-process.js', import.meta.url));
  if (existsSync(js)) return [process.execPath, js];
  const ts = fileURLToPath(new URL('./proxy-process.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  return [process.execPath, '--import', tsx, ts];
}

/** Start a proxy listening on 127.0.0.1:`port`; ToolFailure when the port is taken or it never comes up. */
export async function startProxy(options: { port: number; name: string; logDir: string; timeoutMs?: number }): Promise<ProxyProcess> {
  const token = randomBytes(24).toString('hex');
  const readyFile = join(options.logDir, `${options.name}-proxy.ready.json`);
  const logFile = join(options.logDir, `${options.name}-proxy.log`);
  rmSync(readyFile, { force: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    SRE_PROXY_PORT: String(options.port),
    SRE_PROXY_TOKEN: token,
    SRE_PROXY_READY_FILE: readyFile,
  };
  const child = await spawnDetached(proxyCommand(), { cwd: options.logDir, env, logFile });
  let exited: string | null = null;
  void child.ended.then((reason) => (exited = reason));
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if (existsSync(readyFile)) {
      const ready = JSON.parse(readFileSync(readyFile, 'utf8')) as { pid?: number; adminPort?: number; error?: string; message?: string };
      rmSync(readyFile, { force: true });
      if (ready.error === 'EADDRINUSE') {
        throw new ToolFailure(`port ${options.port} for the ${options.name} proxy is already in use by another process; stop it or change environments.${options.name}.baseUrl`, {
          port: options.port,
        });
      }
      if (ready.error) throw new ToolFailure(`the ${options.name} proxy could not listen on 127.0.0.1:${options.port}: ${ready.message}`, { port: options.port });
      return { pid: child.pid, port: options.port, adminUrl: `http://127.0.0.1:${ready.adminPort}`, token, logFile };
    }
    if (exited) throw new ToolFailure(`the ${options.name} proxy ${exited} before listening; see ${logFile}`, { file: logFile });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stopProcessGroup(child.pid, 1_000);
  throw new ToolFailure(`the ${options.name} proxy did not start within ${options.timeoutMs ?? 15_000} ms; see ${logFile}`, { file: logFile });
}
