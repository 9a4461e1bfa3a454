/** docs/DEPLOY.md layout: a header, then one marked section per release (newest first); text outside the markers is the user's. */

const startMarker = (version: string) => `<!-- sre-agent:deploy:${version}:start -->`;
const endMarker = (version: string) => `<!-- sre-agent:deploy:${version}:end -->`;
const ANY_START = /<!-- sre-agent:deploy:[^:]+:start -->/;

/** The header of a DEPLOY.md created by sre-agent. */
export function deployDocHeader(service: string): string {
  return `# Deploy — ${service}\n\nRunbook de cada release, gerado pelo sre-agent a partir das evidências da execução (ledger).\nO texto fora dos marcadores \`sre-agent:deploy\` não é alterado.\n`;
}

/** Why this version's markers cannot be trusted, or null. */
export function markerProblem(text: string, version: string): string | null {
  const starts = text.split(startMarker(version)).length - 1;
  const ends = text.split(endMarker(version)).length - 1;
  if (starts === 0 && ends === 0) return null;
  if (starts !== 1 || ends !== 1) return `expected one start and one end marker for ${version}, found ${starts} and ${ends}`;
  if (text.indexOf(endMarker(version)) < text.indexOf(startMarker(version))) return `the end marker for ${version} comes before its start`;
  return null;
}

/** Put the release's section in place: replace this version's section, or insert it above the newest release (at the end when there is none). */
export function placeRelease(text: string | null, version: string, body: string, service: string): string {
  const section = `${startMarker(version)}\n${body}\n${endMarker(version)}`;
  const base = text === null || text.trim() === '' ? deployDocHeader(service) : text;
  const start = base.indexOf(startMarker(version));
  if (start >= 0) {
    const end = base.indexOf(endMarker(version)) + endMarker(version).length;
    return `${base.slice(0, start)}${section}${base.slice(end)}`;
  }
  const newest = ANY_START.exec(base);
  if (newest) return `${base.slice(0, newest.index)}${section}\n\n${base.slice(newest.index)}`;
  return `${base.replace(/\s+$/, '')}\n\n${section}\n`;
}
