/** The README's feature-flag section: a table between sre-agent markers; text outside the markers is never touched. */

export const FLAGS_START = '<!-- sre-agent:flags:start -->';
export const FLAGS_END = '<!-- sre-agent:flags:end -->';

export interface FlagRow {
  key: string;
  since: string;
  defaultValue: string;
  purpose: string;
  turnOff: string;
}

const ROW_KEY = /^\|\s*`([^`]+)`\s*\|/;
const cell = (text: string) => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

/** Where the marked section is, or why the markers cannot be trusted. */
export function findSection(text: string): { start: number; end: number } | { problem: string } | null {
  const starts = text.split(FLAGS_START).length - 1;
  const ends = text.split(FLAGS_END).length - 1;
  if (starts === 0 && ends === 0) return null;
  if (starts !== 1 || ends !== 1) {
    return { problem: `expected one ${FLAGS_START} and one ${FLAGS_END} marker, found ${starts} and ${ends}` };
  }
  const start = text.indexOf(FLAGS_START);
  const end = text.indexOf(FLAGS_END);
  if (end < start) return { problem: `${FLAGS_END} comes before ${FLAGS_START}` };
  return { start, end: end + FLAGS_END.length };
}

/** Table rows already in the section, by flag key (kept for flags of earlier releases). */
export function existingRows(section: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const match = ROW_KEY.exec(line.trim());
    if (match?.[1]) rows.set(match[1], line.trim());
  }
  return rows;
}

/** Render one table row. */
export function renderRow(row: FlagRow): string {
  return `| \`${row.key}\` | ${cell(row.since)} | ${cell(row.defaultValue)} | ${cell(row.purpose) || '—'} | ${cell(row.turnOff)} |`;
}

/** The whole marked section: rows of earlier releases kept, this release's flags added or refreshed. */
export function renderSection(rows: FlagRow[], earlier: Map<string, string>): string {
  const fresh = new Map(rows.map((row) => [row.key, renderRow(row)]));
  const lines = [...[...earlier].filter(([key]) => !fresh.has(key)).map(([, line]) => line), ...fresh.values()];
  const body =
    lines.length === 0
      ? ['No feature flags are in use.']
      : ['| Flag | Since | Default | Purpose | How to turn it off |', '| --- | --- | --- | --- | --- |', ...lines];
  return [FLAGS_START, '## Feature flags', '', '_Maintained by sre-agent from each release; edit outside these markers._', '', ...body, FLAGS_END].join('\n');
}

/** Replace the marked section in `text`, or append it at the end when there is none. */
export function placeSection(text: string, section: string, where: { start: number; end: number } | null): string {
  if (where) return `${text.slice(0, where.start)}${section}${text.slice(where.end)}`;
  const trimmed = text.replace(/\s+$/, '');
  return trimmed === '' ? `${section}\n` : `${trimmed}\n\n${section}\n`;
}
