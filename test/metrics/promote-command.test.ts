import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { promoteCommand } from '../../src/cli/promote.js';
import { silentLogger } from '../../src/log.js';
import { readFlagPercent, setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { backgroundLoad, startDemoService, type DemoService } from './helpers/demo-service.js';

let service: DemoService;
beforeAll(async () => {
  service = await startDemoService({ VERSION: '1.3.0', LATENCY_JITTER_MS: '3' });
});
afterAll(async () => {
  await service?.stop();
});

async function project(): Promise<{ config: string; flags: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sre-promote-cli-'));
  const flags = join(dir, 'flags.flagd.json');
  await setFlagPercent(flags, 'new-endpoint', 10);
  const config = join(dir, 'sre.yaml');
  writeFileSync(
    config,
    stringify({
      service: { name: 'demo' },
      environments: { production: { baseUrl: service.url }, staging: { baseUrl: 'http://127.0.0.1:9' } },
      activation: { steps: [0, 10, 50, 100], watchHours: 1 },
      flags: { file: 'flags.flagd.json' },
    }),
  );
  return { config, flags };
}

describe('sre-agent promote (promoteCommand)', () => {
  it('watches in the foreground, then raises the flag one step when approved (exit 0)', async () => {
    const { config, flags } = await project();
    const load = backgroundLoad([`${service.url}/api/x`], 80);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await promoteCommand({ config, flag: 'new-endpoint', watchSeconds: 2, approve: true, json: true, out: join(config, '..', 'out') }, silentLogger());
      expect(code).toBe(0);
      const printed = JSON.parse(String(write.mock.calls.at(-1)![0]));
      expect(printed).toMatchObject({ decision: 'advance', previous: 10, percent: 50 });
      expect(await readFlagPercent(flags, 'new-endpoint')).toBe(50);
    } finally {
      write.mockRestore();
      await load.stop();
    }
  });

  it('holds without approval when nobody can be asked (exit 2, flag unchanged)', async () => {
    const { config, flags } = await project();
    const load = backgroundLoad([`${service.url}/api/y`], 80);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const code = await promoteCommand({ config, flag: 'new-endpoint', watchSeconds: 2, out: join(config, '..', 'out') }, silentLogger());
      expect(code).toBe(2);
      expect(String(write.mock.calls.at(-1)![0])).toContain('not approved');
      expect(await readFlagPercent(flags, 'new-endpoint')).toBe(10);
    } finally {
      write.mockRestore();
      await load.stop();
    }
  });
});
