/** Start the project's example service (examples/service/server.mjs) on a free loopback port; `stop()` in afterAll. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { DemoService } from './demo-service.js';
import { freePort } from '../../../tools/deploy/local/free-port.js';


/** Start SERVICE_VERSION `version` with `env` (FAULT_ERROR_RATE, FAULT_LATENCY_MS, …); resolves once /health answers. */
export async function startExampleService(version: string, env: Record<string, string> = {}): Promise<DemoService> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, '../../../examples/service/server.mjs')], {
    env: { ...process.env, PORT: String(port), SERVICE_VERSION: version, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    await once(child, 'exit');
    clearTimeout(timer);
  };
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`example service ${version} exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200 || response.status === 503) return { url, port, version, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`example service ${version} did not answer /health within 15 s`);
}
