import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployDocUpdateTool } from '../../tools/docs/deploy-doc-update.js';
import { makeToolContext } from '../helpers/tool-context.js';
import { handoffFor } from './fixture-repo.js';
import { record, recordFullRelease, recordRefused } from './ledger-entries.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sre-deploydoc-'));
  const ctx = makeToolContext({ repoDir: dir, configDir: dir, handoff: { data: handoffFor('abcdef1'), file: null, dir } });
  return { ctx, dir, read: () => readFileSync(join(dir, 'docs', 'DEPLOY.md'), 'utf8') };
}

describe('deploy_doc_update', () => {
  it('writes the runbook from the ledger, citing each entry', async () => {
    const { ctx, read } = setup();
    const ids = recordFullRelease(ctx.ledger);
    const out = await deployDocUpdateTool.handler({ apply: true }, ctx);
    const text = read();
    expect(out.applied).toBe(true);
    expect(out.citedEvidence).toEqual(Object.values(ids).sort());
    expect(out.sections).toEqual(['Estratégia', 'Ambientes', 'Smoke Tests', 'Plano de Ativação', 'Plano de Rollback', 'Backup', 'Observabilidade', 'Migrações', 'Evidências']);
    expect(text).toContain('## Release v1.3.0 — 2026-11-09');
    expect(text).toContain(`- **Tipo**: Feature Flag (${ids.plan})`);
    expect(text).toContain(`- **Staging**: ✓ Deploy concluído, saudável (v1.3.0), flag \`new-endpoint\` em 100% (${ids.staging})`);
    expect(text).toContain(`- **Production**: ✓ Deploy concluído, saudável (v1.3.0), flag \`new-endpoint\` em 0% (${ids.production})`);
    expect(text).toContain('1. **Passo 1**: flag em 0%');
    expect(text).toContain('4. **Passo 4**: flag em 100%');
    expect(text).toContain('**Em cada passo**: Monitorar 4h antes de avançar');
    expect(text).toContain('| feature_flag | sim | flags_set new-endpoint 0 | <1 minuto | 42 ms |');
    expect(text).toContain('| migration | sim | python manage.py migrate app 0005 | 1-2 minutos | não testado |');
    expect(text).toContain(`- **Teste de rollback**: ✓ verificado (${ids.rollbackVerify})`);
    expect(text).toContain(`- **sha256**: \`${'a'.repeat(64)}\``);
    expect(text).toContain('- **Código**: tag git `v1.2.0`');
    expect(text).toContain('(2 painéis: Request rate, Error rate)');
    expect(text).toContain('  - HighErrorRate (page)');
    expect(text).toContain(`- **Monitoramento**: ✓ ativo (${ids.monitoring})`);
    expect(text).toContain('- **Production**: não executado (smoke_test não foi chamado nesta execução)');
    expect(text).toContain('`0006_add_features` — reverter: `python manage.py migrate app 0005`');
  });

  it('says "não executado" for every section when the ledger is empty', async () => {
    const { ctx, read } = setup();
    const out = await deployDocUpdateTool.handler({ apply: true }, ctx);
    const text = read();
    expect(out.citedEvidence).toEqual([]);
    expect(out.notes.join('\n')).toContain('every section says "não executado"');
    for (const tool of ['deploy_plan', 'deploy_execute', 'smoke_test', 'rollback_plan', 'rollback_verify', 'backup_create', 'dashboard_generate', 'alerts_generate', 'monitoring_verify']) {
      expect(text).toContain(`${tool} não foi chamado nesta execução`);
    }
    expect(text).not.toContain('✓');
    expect(text).toContain('Nenhuma evidência registrada');
  });

  it('reports a failed tool as not done, with its error and id', async () => {
    const { ctx, read } = setup();
    const id = record(ctx.ledger, 'backup_create', {}, undefined, false, 'backup command exited with 1');
    await deployDocUpdateTool.handler({ apply: true }, ctx);
    expect(read()).toContain(`- não executado: backup_create falhou (${id}): backup command exited with 1`);
  });

  it('says a refused call was refused by the policy, not that it failed', async () => {
    const { ctx, read } = setup();
    const id = recordRefused(ctx.ledger, 'deploy_execute', { environment: 'production' }, 'production-needs-staging', 'no healthy staging deploy');
    await deployDocUpdateTool.handler({ apply: true }, ctx);
    expect(read()).toContain(`- **Production**: não executado: deploy_execute recusado pela política (${id}): refused by policy production-needs-staging: no healthy staging deploy`);
  });

  it('keeps one section per version, replaces it on re-run, and keeps user text and older releases', async () => {
    const { ctx, dir, read } = setup();
    mkdirSync(join(dir, 'docs'));
    const userDoc = '# Deploy\n\nNotes by the team.\n\n<!-- sre-agent:deploy:1.2.0:start -->\n## Release v1.2.0\nold\n<!-- sre-agent:deploy:1.2.0:end -->\n';
    writeFileSync(join(dir, 'docs', 'DEPLOY.md'), userDoc);
    await deployDocUpdateTool.handler({ apply: true }, ctx);
    recordFullRelease(ctx.ledger);
    const second = await deployDocUpdateTool.handler({ apply: true }, ctx);
    expect(second.changed).toBe(true);
    const third = await deployDocUpdateTool.handler({ apply: true }, ctx);
    expect(third.changed).toBe(false);
    const text = read();
    expect(text.match(/sre-agent:deploy:1\.3\.0:start/g)).toHaveLength(1);
    expect(text.startsWith('# Deploy\n\nNotes by the team.\n\n<!-- sre-agent:deploy:1.3.0:start -->')).toBe(true);
    expect(text).toContain('<!-- sre-agent:deploy:1.2.0:start -->\n## Release v1.2.0\nold\n<!-- sre-agent:deploy:1.2.0:end -->');
    expect(text).not.toContain('deploy_plan não foi chamado');
    expect(text).toContain('- **Tipo**: Feature Flag (E001)');
  });
});
