import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SreConfigInput } from '../../schemas/config.js';
import { notifyTeamTool } from '../../tools/comms/notify-team.js';
import { handoffFor } from '../docs/fixture-repo.js';
import { record, recordFullRelease, recordRefused } from '../docs/ledger-entries.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { startReceiver, type Receiver } from './receiver.js';

const SECRET_PATH = '/services/T000/B000/SECRETTOKEN123';
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.script(200);
});

function contextWith(channels: Array<{ type: 'webhook' | 'slack'; url: string; name?: string }>, httpTimeoutMs = 2_000) {
  const config: SreConfigInput = { ...MINIMAL_CONFIG, notify: { channels }, limits: { httpTimeoutMs } } as SreConfigInput;
  const ctx = makeToolContext({ config, handoff: { data: handoffFor('abcdef1234'), file: null, dir: process.cwd() } });
  recordFullRelease(ctx.ledger);
  return ctx;
}

describe('notify_team', () => {
  it('posts the release once to a JSON webhook, built from the ledger, with an idempotency key', async () => {
    const ctx = contextWith([{ type: 'webhook', url: receiver.url('/hook') }]);
    const out = await notifyTeamTool.handler({ audience: ['time dev', 'stakeholders'] }, ctx);
    expect(receiver.requests).toHaveLength(1);
    expect(out.notified).toBe(true);
    expect(out.deliveries).toEqual([{ channel: receiver.url('').replace('http://', ''), type: 'webhook', status: 200, attempts: 1, ok: true, error: null }]);
    const request = receiver.requests[0]!;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
    const body = JSON.parse(request.body) as Record<string, unknown>;
    expect(body).toMatchObject({ service: 'demo', version: '1.3.0', status: 'deployed', strategy: 'feature_flag', audience: ['time dev', 'stakeholders'] });
    expect(body.activation).toEqual({ steps: [0, 10, 50, 100], watchHours: 4, currentPercent: 0 });
    expect(body.rollback).toEqual({ scenario: 'feature_flag', estimate: '<1 minuto', measuredMs: 42, verified: true });
    expect(body.text).toBe(out.message);
    expect(out.message).toContain('demo v1.3.0 — deploy em produção concluído');
    expect(out.message).toContain('Plano de ativação: 0% → 10% → 50% → 100%, monitorando 4h em cada passo');
    expect(out.message).toContain('Rollback: feature_flag (<1 minuto, testado em 42 ms, verificado)');
    expect(out.message).toContain('Para: time dev, stakeholders');
  });

  it('sends {text, blocks} to a Slack-compatible webhook and never echoes the webhook URL', async () => {
    const ctx = contextWith([{ type: 'slack', url: receiver.url(SECRET_PATH), name: 'releases' }]);
    const out = await notifyTeamTool.handler({ message: 'demo v1.3.0 — deploy em produção concluído\nTudo certo.' }, ctx);
    const body = JSON.parse(receiver.requests[0]!.body) as { text: string; blocks: Array<{ type: string; text: { text: string } }> };
    expect(Object.keys(body).sort()).toEqual(['blocks', 'text']);
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'demo v1.3.0 — deploy em produção concluído' } });
    expect(body.blocks[1]!.text.text).toBe('Tudo certo.');
    expect(out.deliveries[0]!.channel).toBe('releases');
    expect(JSON.stringify(out)).not.toContain('SECRETTOKEN123');
  });

  it('retries a 500 and counts the attempts, with the same idempotency key on both tries', async () => {
    receiver.script(500, 200);
    const ctx = contextWith([{ type: 'webhook', url: receiver.url('/hook') }]);
    const out = await notifyTeamTool.handler({}, ctx);
    expect(out.notified).toBe(true);
    expect(out.deliveries[0]).toMatchObject({ status: 200, attempts: 2, ok: true, error: null });
    expect(receiver.requests).toHaveLength(2);
    expect(receiver.requests[0]!.headers['idempotency-key']).toBe(receiver.requests[1]!.headers['idempotency-key']);
  });

  it('gives up after the bounded tries when the receiver never answers, with a clear error and no URL', async () => {
    receiver.script('hang');
    const ctx = contextWith([{ type: 'slack', url: receiver.url(SECRET_PATH) }], 300);
    const started = Date.now();
    const out = await notifyTeamTool.handler({}, ctx);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(out.notified).toBe(false);
    expect(out.deliveries[0]).toMatchObject({ status: null, attempts: 3, ok: false });
    expect(out.deliveries[0]!.error).toMatch(/^no answer from 127\.0\.0\.1:\d+: no answer within 300 ms \(after 3 tries\)$/);
    expect(receiver.requests).toHaveLength(3);
    expect(JSON.stringify(out)).not.toContain('SECRETTOKEN123');
    expect(out.notes.join('\n')).toContain('tell the team by hand');
  });

  it('does not retry a 4xx and is not notified when one channel of two fails', async () => {
    receiver.script(200, 404);
    const ctx = contextWith([
      { type: 'webhook', url: receiver.url('/a'), name: 'dev' },
      { type: 'webhook', url: receiver.url('/b'), name: 'stakeholders' },
    ]);
    const out = await notifyTeamTool.handler({}, ctx);
    expect(out.notified).toBe(false);
    expect(out.deliveries.map((d) => [d.channel, d.status, d.attempts, d.ok])).toEqual([
      ['dev', 200, 1, true],
      ['stakeholders', 404, 1, false],
    ]);
    expect(out.deliveries[1]!.error).toBe('stakeholders answered HTTP 404: error 404');
  });

  it('writes the announcement file and reports not notified when no channel is configured', async () => {
    const ctx = contextWith([]);
    const out = await notifyTeamTool.handler({}, ctx);
    expect(out.notified).toBe(false);
    expect(out.deliveries).toEqual([]);
    expect(receiver.requests).toHaveLength(0);
    expect(out.announcementFile).not.toBeNull();
    expect(existsSync(out.announcementFile!)).toBe(true);
    const file = readFileSync(out.announcementFile!, 'utf8');
    expect(file.startsWith('# demo v1.3.0 — deploy em produção concluído\n\n- Commit `abcdef1234`')).toBe(true);
    expect(file).toContain('- Backup: `backups/backup_v1.3.0_2026-11-09.json`');
    expect(out.notes[0]).toMatch(/no channel in sre\.yaml notify\.channels: nothing was sent; the team still has to be told/);
  });

  it('says what was not done when the ledger is empty', async () => {
    const config = { ...MINIMAL_CONFIG } as SreConfigInput;
    const ctx = makeToolContext({ config, handoff: { data: handoffFor('abcdef1234'), file: null, dir: process.cwd() } });
    const out = await notifyTeamTool.handler({}, ctx);
    expect(out.message).toContain('demo v1.3.0 — deploy não executado');
    expect(out.message).toContain('Estratégia: não executado (nenhum deploy_plan)');
    expect(out.message).toContain('Smoke tests: staging não executado, produção não executado');
    expect(out.message).toContain('Rollback: plano não executado');
    expect(out.message).toContain('Backup: não executado');
  });

  it('announces a staging-only release when the production deploy was refused, and an unhealthy one when it failed', async () => {
    const refusedCtx = makeToolContext({ handoff: { data: handoffFor('abcdef1234'), file: null, dir: process.cwd() } });
    record(refusedCtx.ledger, 'deploy_execute', { environment: 'staging' }, { environment: 'staging', version: '1.3.0', healthy: true });
    recordRefused(refusedCtx.ledger, 'deploy_execute', { environment: 'production' }, 'production-needs-qa', 'QA not verified');
    expect((await notifyTeamTool.handler({}, refusedCtx)).message).toContain('deploy em staging concluído; produção não executada');
    const failedCtx = makeToolContext({ handoff: { data: handoffFor('abcdef1234'), file: null, dir: process.cwd() } });
    record(failedCtx.ledger, 'deploy_execute', { environment: 'production' }, undefined, false, 'health check timed out');
    expect((await notifyTeamTool.handler({}, failedCtx)).message).toContain('deploy em produção NÃO saudável');
  });
});
