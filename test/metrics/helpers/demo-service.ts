/** Start the demo service as a real process on a free loopback port; `stop()` in afterAll. Plus a small load generator. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export interface DemoService {
  url: string;
  port: number;
  version: string;
  stop(): Promise<void>;
}

/** Start demo-service.mjs with `env` (VERSION, FAULT_ERROR_RATE, …); resolves once it listens. */
export async function startDemoService(env: Record<string, string>): Promise<DemoService> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'demo-service.mjs')], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('demo service did not start within 10 s')), 10_000);
    child.once('exit', (code) => reject(new Error(`demo service exited with ${code} before listening`)));
    child.stdout!.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve((JSON.parse(chunk.toString().split('\n')[0]!) as { listening: number }).listening);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    version: env.VERSION ?? '1.0.0',
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await once(child, 'exit');
      clearTimeout(timer);
    },
  };
}

/** Send `count` GET requests to `url` with `concurrency` in flight; returns the status counts. */
export async function sendLoad(url: string, count: number, concurrency = 8): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return statuses;
}

/** Keep sending load to every url until `stop()` (for analyses that watch live intervals). */
export function backgroundLoad(urls: string[], perSecond: number): { stop(): Promise<void> } {
  let running = true;
  const loops = urls.map(async (url) => {
    while (running) {
      const started = Date.now();
      const batch = Math.max(1, Math.round(perSecond / 10));
      await sendLoad(url, batch, batch).catch(() => undefined);
      const wait = 100 - (Date.now() - started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}
