import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS_END, FLAGS_START } from '../../tools/docs/flags-section.js';
import { readmeFlagsUpdateTool } from '../../tools/docs/readme-flags-update.js';
import { MINIMAL_CONFIG, makeToolContext } from '../helpers/tool-context.js';
import { handoffFor } from './fixture-repo.js';

function setup(readme: string | null, flags = [{ key: 'new-endpoint', description: 'Serves the new /api/features endpoint' }]) {
  const dir = mkdtempSync(join(tmpdir(), 'sre-readme-'));
  if (readme !== null) writeFileSync(join(dir, 'README.md'), readme);
  const ctx = makeToolContext({ repoDir: dir, configDir: dir, handoff: { data: handoffFor('abcdef1', { featureFlags: flags }), file: null, dir } });
  return { ctx, dir, read: () => readFileSync(join(dir, 'README.md'), 'utf8') };
}

const USER_README = '# Demo\n\nIntro written by a person.\n\n## Usage\n\nRun it.\n';

describe('readme_flags_update', () => {
  it('appends the marked section at the end and leaves the user text byte-for-byte', async () => {
    const { ctx, read } = setup(USER_README);
    const out = await readmeFlagsUpdateTool.handler({ apply: true }, ctx);
    const text = read();
    expect(out.applied).toBe(true);
    expect(out.flags).toEqual(['new-endpoint']);
    expect(text.startsWith(USER_README.trimEnd())).toBe(true);
    expect(text.indexOf(FLAGS_START)).toBeGreaterThan(text.indexOf('Run it.'));
    expect(text).toMatch(/\| `new-endpoint` \| 1\.3\.0 \| off \| Serves the new \/api\/features endpoint \| flags_set \{environment: production, flag: new-endpoint, percent: 0\}/);
  });

  it('replaces only the text between the markers, keeping user text on both sides and earlier flags', async () => {
    const before = `# Demo\n\nAbove.\n\n${FLAGS_START}\nold table\n| \`legacy-search\` | 1.1.0 | on | Old search | flags_set ... |\n${FLAGS_END}\n\nBelow, by a person.\n`;
    const { ctx, read } = setup(before);
    const out = await readmeFlagsUpdateTool.handler({ apply: true }, ctx);
    const text = read();
    expect(text.startsWith('# Demo\n\nAbove.\n\n')).toBe(true);
    expect(text.endsWith(`${FLAGS_END}\n\nBelow, by a person.\n`)).toBe(true);
    expect(text).not.toContain('old table');
    expect(text).toContain('| `legacy-search` | 1.1.0 | on | Old search |');
    expect(out.flags).toEqual(['legacy-search', 'new-endpoint']);
    const again = await readmeFlagsUpdateTool.handler({ apply: true }, ctx);
    expect(again.changed).toBe(false);
    expect(read()).toBe(text);
  });

  it('reads the default variant from production\'s flagd file named in sre.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sre-readme-flagd-'));
    copyFileSync('test/docs/fixtures/flagd-example-fractional-ref.flagd.json', join(dir, 'flags.production.flagd.json'));
    writeFileSync(join(dir, 'README.md'), USER_README);
    const flags = [{ key: 'headerColor', description: 'Header colour experiment' }];
    const ctx = makeToolContext({ config: MINIMAL_CONFIG, repoDir: dir, configDir: dir, handoff: { data: handoffFor('abcdef1', { featureFlags: flags }), file: null, dir } });
    const out = await readmeFlagsUpdateTool.handler({}, ctx);
    expect(out.diff).toContain('| `headerColor` | 1.3.0 | red | Header colour experiment |');
    expect(out.applied).toBe(false);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe(USER_README);
  });

  it('leaves a README with broken markers untouched and says why', async () => {
    const broken = `# Demo\n\n${FLAGS_START}\nno end marker here\n`;
    const { ctx, read } = setup(broken);
    const out = await readmeFlagsUpdateTool.handler({ apply: true }, ctx);
    expect(read()).toBe(broken);
    expect(out.applied).toBe(false);
    expect(out.notes.join('\n')).toMatch(/README\.md left as it was: expected one .* found 1 and 0/);
  });

  it('creates a README with the section when there is none, and says there are no flags when the release has none', async () => {
    const { ctx, read } = setup(null, []);
    const out = await readmeFlagsUpdateTool.handler({ apply: true }, ctx);
    expect(out.flags).toEqual([]);
    expect(read()).toBe(`# demo\n\n${FLAGS_START}\n## Feature flags\n\n_Maintained by sre-agent from each release; edit outside these markers._\n\nNo feature flags are in use.\n${FLAGS_END}\n`);
  });
});
