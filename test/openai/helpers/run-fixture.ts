/** A config, a handoff and a provider wrapper for running runStep with the openai provider in tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SreConfig, type LoadedConfig, type SreConfigInput } from '../../../schemas/config.js';
import { QaHandoff, type QaHandoffInput } from '../../../schemas/qa-handoff.js';
import type { Report } from '../../../schemas/report.js';
import type { LoadedHandoff } from '../../../src/config/load-handoff.js';
import type { AgentSession, Provider } from '../../../src/agent/session.js';
import { draftReport } from '../../../src/report/draft-report.js';

/** sre.yaml as an object, loaded into a fresh temp directory (so runs write nothing in the repo). */
export function makeLoadedConfig(overrides: Partial<SreConfigInput> = {}): LoadedConfig {
  const dir = mkdtempSync(join(tmpdir(), 'sre-openai-test-'));
  const config = SreConfig.parse({
    service: { name: 'demo' },
    environments: { staging: { baseUrl: 'http://127.0.0.1:18081' }, production: { baseUrl: 'http://127.0.0.1:18082' } },
    ...overrides,
  });
  return { config, file: null, dir };
}

export function makeLoadedHandoff(overrides: Partial<QaHandoffInput> = {}, dir = tmpdir()): LoadedHandoff {
  const data = QaHandoff.parse({
    release: { version: '1.3.0', commit: 'abc1234', branch: 'main', previousVersion: '1.2.0' },
    qa: { verdict: 'approved', reasons: ['all green'] },
    claims: { tests: { passed: 10, total: 10 }, coverage: { lines: 90 } },
    ...overrides,
  });
  return { data, file: null, dir };
}

/** Wraps a provider to keep the session, so scripted steps can draft reports from the live ledger. */
export class CapturingProvider implements Provider {
  readonly name: string;
  session: AgentSession | null = null;
  constructor(readonly inner: Provider) {
    this.name = inner.name;
  }
  async drive(session: AgentSession): Promise<void> {
    this.session = session;
    await this.inner.drive(session);
  }
  /** The honest ledger-drafted report at this moment (what the playbook would submit). */
  draft(extraReasons: string[] = []): Report {
    const s = this.session!;
    return draftReport({ ledger: s.ledger, handoff: s.handoff, config: s.config, extraReasons, now: new Date('2026-01-01T00:00:00Z') });
  }
}
