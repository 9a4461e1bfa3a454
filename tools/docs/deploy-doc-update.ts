/** Tool `deploy_doc_update`: write this release's runbook into docs/DEPLOY.md from what the ledger proves was done. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { readReleaseFacts } from '../shared/ledger-facts.js';
import { defineTool } from '../tool.js';
import { markerProblem, placeRelease } from './deploy-doc-document.js';
import { renderRunbook } from './deploy-runbook.js';
import { requireHandoff, utcDate } from './release-context.js';
import { docPath, shouldApply, writeDoc } from './write-doc.js';

export const deployDocUpdateTool = defineTool({
  name: 'deploy_doc_update',
  title: 'Update docs/DEPLOY.md',
  description:
    'Write (or refresh) this release\'s runbook section in docs/DEPLOY.md, generated only from the run\'s ledger: deploy strategy, environments and smoke tests, ' +
    'activation plan (steps and watch hours), the rollback plan with the times measured by rollback_verify, backup file and sha256, dashboards, alerts and monitoring, ' +
    'each line citing its evidence id. Anything that did not run or failed is written as "não executado" with the reason, so call it after the deploy, rollback and observability tools. ' +
    'One marked section per version (re-running replaces it); text outside the markers is kept. Always returns the diff; writes only with apply: true (or docs.apply). ' +
    'Returns { file, applied (the file holds the section), changed, diff, sections, citedEvidence, notes }.',
  input: z.object({
    apply: z.boolean().optional().describe('Write the file (default: docs.apply from sre.yaml, else only show the diff)'),
  }),
  output: z.object({
    file: z.string().describe('DEPLOY doc path relative to the repository'),
    applied: z.boolean().describe('The file on disk holds this release section (written now or already there)'),
    changed: z.boolean(),
    diff: z.string(),
    sections: z.array(z.string()).describe('Headings of the release section'),
    citedEvidence: z.array(z.string()).describe('Ledger ids the section cites'),
    notes: z.array(z.string()),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const handoff = requireHandoff(ctx, 'deploy_doc_update');
    const { version } = handoff.release;
    const configured = ctx.config.docs.deployDoc;
    const file = docPath(ctx, configured, 'docs.deployDoc');
    const facts = readReleaseFacts(ctx.ledger);
    // The date of the last evidence, so re-running on another day does not rewrite an unchanged runbook.
    const entries = ctx.ledger.all();
    const last = entries[entries.length - 1];
    const date = last ? utcDate(new Date(last.startedAt)) : utcDate();
    const runbook = renderRunbook(handoff, ctx.config, facts, date);
    const notes: string[] = [];
    if (runbook.citedEvidence.length === 0) notes.push('the ledger holds no deploy, rollback, backup or observability evidence: every section says "não executado"');

    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    const problem = current === null ? null : markerProblem(current, version);
    if (problem) {
      notes.push(`${configured} left as it was: ${problem}; fix the markers by hand`);
      return { file: configured, applied: false, changed: false, diff: '', sections: runbook.sections, citedEvidence: runbook.citedEvidence, notes };
    }
    const written = writeDoc(ctx, file, (text) => placeRelease(text, version, runbook.markdown, ctx.config.service.name), shouldApply(ctx, input.apply));
    if (written.note && written.note !== 'already up to date') notes.push(written.note);
    return {
      file: written.file,
      applied: written.applied,
      changed: written.changed,
      diff: written.diff,
      sections: runbook.sections,
      citedEvidence: runbook.citedEvidence,
      notes,
    };
  },
});
