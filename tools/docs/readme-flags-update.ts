/** Tool `readme_flags_update`: keep the README's feature-flag table (between sre-agent markers) in step with the release. */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineTool } from '../tool.js';
import { readFlagDefaults } from './flag-defaults.js';
import { existingRows, findSection, placeSection, renderSection, type FlagRow } from './flags-section.js';
import { requireHandoff } from './release-context.js';
import { docPath, shouldApply, writeDoc } from './write-doc.js';

export const readmeFlagsUpdateTool = defineTool({
  name: 'readme_flags_update',
  title: 'Update the README feature-flag section',
  description:
    'Keep a "Feature flags" table in the repository README (between <!-- sre-agent:flags:start --> and <!-- sre-agent:flags:end -->, ' +
    'appended at the end when absent; text outside the markers is never touched): one row per flag of this release and earlier ones, ' +
    'with its default, purpose and how to turn it off (flags_set to 0, or edit the flagd file). ' +
    'Always returns the diff; writes only with apply: true (or docs.apply in sre.yaml). Broken markers leave the file untouched and are reported in notes. ' +
    'Returns { file, applied (the file holds the section), changed, diff, flags, notes }.',
  input: z.object({
    apply: z.boolean().optional().describe('Write the file (default: docs.apply from sre.yaml, else only show the diff)'),
  }),
  output: z.object({
    file: z.string().describe('README path relative to the repository'),
    applied: z.boolean().describe('The file on disk holds the up-to-date section (written now or already there)'),
    changed: z.boolean(),
    diff: z.string(),
    flags: z.array(z.string()).describe('Flag keys listed in the section'),
    notes: z.array(z.string()),
  }),
  annotations: { readOnly: false, destructive: false, idempotent: true },
  handler: async (input, ctx) => {
    const handoff = requireHandoff(ctx, 'readme_flags_update');
    const configured = ctx.config.docs.readme;
    const file = docPath(ctx, configured, 'docs.readme');
    const notes: string[] = [];
    const { file: flagFile, defaults, note } = readFlagDefaults(ctx);
    if (note && handoff.featureFlags.length > 0) notes.push(note);
    const rows: FlagRow[] = handoff.featureFlags.map((flag) => ({
      key: flag.key,
      since: handoff.release.version,
      defaultValue: defaults.get(flag.key) ?? 'off',
      purpose: flag.description,
      turnOff: `flags_set {environment: production, flag: ${flag.key}, percent: 0}, or in ${flagFile} set defaultVariant to "off" and remove targeting`,
    }));

    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (current === null) notes.push(`${configured} does not exist: it is created with the flag section`);
    const where = current === null ? null : findSection(current);
    if (where && 'problem' in where) {
      notes.push(`${configured} left as it was: ${where.problem}; fix the markers by hand`);
      return { file: configured, applied: false, changed: false, diff: '', flags: rows.map((r) => r.key), notes };
    }
    const earlier = where && current !== null ? existingRows(current.slice(where.start, where.end)) : new Map<string, string>();
    const section = renderSection(rows, earlier);
    const flags = [...new Set([...earlier.keys(), ...rows.map((row) => row.key)])];
    const written = writeDoc(
      ctx,
      file,
      (text) => {
        const base = text ?? `# ${ctx.config.service.name}\n`;
        const at = findSection(base);
        return placeSection(base, section, at && !('problem' in at) ? at : null);
      },
      shouldApply(ctx, input.apply),
    );
    if (written.note && written.note !== 'already up to date') notes.push(written.note);
    return { file: written.file, applied: written.applied, changed: written.changed, diff: written.diff, flags, notes };
  },
});
