/** sre.yaml-shaped config for the demo service under the local driver, on free ports. */
import { resolve } from 'node:path';
import type { SreConfigInput } from '../../../schemas/config.js';
import { freePorts } from './ports.js';

export const SERVICE = resolve(import.meta.dirname, '../../../examples/service/server.mjs');

/** The demo service's two versions behind per-environment proxies on free ports; `extraEnv` goes to every version. */
export async function demoConfig(extra: { env?: Record<string, string>; healthTimeoutMs?: number } = {}): Promise<SreConfigInput> {
  const [staging, production] = await freePorts(2);
  const version = (v: string) => ({
    command: [process.execPath, SERVICE],
    env: { SERVICE_VERSION: v, FLAGS_FILE: '{{flagsFile}}', ...(extra.env ?? {}) },
  });
  return {
    service: { name: 'demo' },
    environments: {
      staging: { baseUrl: `http://127.0.0.1:${staging}` },
      production: { baseUrl: `http://127.0.0.1:${production}` },
    },
    deploy: {
      driver: 'local',
      local: { versions: { '1.2.0': version('1.2.0'), '1.3.0': version('1.3.0') }, initialVersion: '1.2.0', healthTimeoutMs: extra.healthTimeoutMs ?? 15_000 },
    },
  };
}
