/** Read what a user's status command printed: JSON in DeployState's shape (or close to it), otherwise nothing but the text. */

export interface ParsedStatus {
  parsed: boolean;
  activeVersion?: string | null;
  previousVersion?: string | null;
  weights?: Record<string, number>;
  /** Why the output could not be used, when it could not. */
  note?: string;
}

const pickString = (o: Record<string, unknown>, keys: string[]): string | null | undefined => {
  for (const key of keys) {
    const value = o[key];
    if (typeof value === 'string' && value.length > 0) return value;
    if (value === null) return null;
  }
  return undefined;
};

/** Parse status stdout; accepts activeVersion|active|version|currentVersion, previousVersion|previous|stableVersion, weights. */
export function parseStatusOutput(stdout: string): ParsedStatus {
  const text = stdout.trim();
  if (!text) return { parsed: false, note: 'the status command printed nothing' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { parsed: false, note: `the status command did not print JSON: ${text.slice(0, 120)}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { parsed: false, note: 'the status command printed JSON that is not an object' };
  const o = json as Record<string, unknown>;
  const result: ParsedStatus = { parsed: true };
  const active = pickString(o, ['activeVersion', 'active', 'currentVersion', 'version']);
  if (active !== undefined) result.activeVersion = active;
  const previous = pickString(o, ['previousVersion', 'previous', 'stableVersion']);
  if (previous !== undefined) result.previousVersion = previous;
  if (typeof o.weights === 'object' && o.weights !== null && !Array.isArray(o.weights)) {
    const weights: Record<string, number> = {};
    for (const [version, value] of Object.entries(o.weights as Record<string, unknown>)) {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (Number.isFinite(n)) weights[version] = n;
    }
    result.weights = weights;
  }
  if (result.activeVersion === undefined && result.weights === undefined) {
    return { parsed: false, note: 'the status JSON has neither activeVersion nor weights' };
  }
  return result;
}
