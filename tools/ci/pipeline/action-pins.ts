/**
 * Verified commit SHAs of the actions generated workflows use. Tags are mutable; a 40-hex commit is not.
 * Every row was checked with the project's search tool (the action repositories' own tag refs are not in
 * that index, so each SHA was matched against several independent public workflows that pin it with the
 * same release tag, including Dependabot "compare" links between releases). `sre.yaml` `ci.pins` overrides rows.
 * An action missing here is never given a guessed SHA: it stays on its tag and the generator reports it.
 */
export interface ActionPin {
  action: string;
  tag: string;
  sha: string;
  /** Where the SHA was verified. */
  verifiedBy: string;
}

export const ACTION_PINS: readonly ActionPin[] = [
  {
    action: 'actions/checkout',
    tag: 'v5.0.0',
    sha: '08c6903cd8c0fde910a37f88322edcfb5dd907a8',
    // find_string hits: "actions/checkout@08c69…07a8 # v5.0.0" in several workflows; EnollaTomazic/Planner docs/github-actions-shas.md (v5).
    verifiedBy: 'search find_string 08c6903cd8c0fde910a37f88322edcfb5dd907a8 (# v5.0.0 in several workflows); EnollaTomazic/Planner:docs/github-actions-shas.md',
  },
  {
    action: 'actions/setup-node',
    tag: 'v5.0.0',
    sha: 'a0853c24544627f65ddf259abe73b1d18a591444',
    // find_string hits: a pin table row "actions/setup-node | v5.0.0 | a0853c…1444"; a migration note "setup-node@49933e… # v4.4.0 → @a0853c… # v5.0.0".
    verifiedBy: 'search find_string a0853c24544627f65ddf259abe73b1d18a591444 (v5.0.0 pin tables); EnollaTomazic/Planner:docs/github-actions-shas.md',
  },
  {
    action: 'actions/setup-python',
    tag: 'v6.0.0',
    sha: 'e797f83bcb11b83ae66e0230d6156d7c80228e7c',
    // find_string hits: "setup-python@e797f8…8e7c # v6.0.0"; a Dependabot compare link a26af69 (5.6.0)...e797f83 (6.0.0).
    verifiedBy: 'search find_string e797f83bcb11b83ae66e0230d6156d7c80228e7c (# v6.0.0; Dependabot compare a26af69…e797f83)',
  },
  {
    action: 'actions/setup-go',
    tag: 'v6.0.0',
    sha: '44694675825211faa026b3c33043df3e48a5fa00',
    // find_string hits: "setup-go@446946…fa00 # v6.0.0" and a pin table row "actions/setup-go | v6.0.0 | 446946…".
    verifiedBy: 'search find_string 44694675825211faa026b3c33043df3e48a5fa00 (# v6.0.0 in several workflows and pin tables)',
  },
  {
    action: 'actions/setup-java',
    tag: 'v5.0.0',
    sha: 'dded0888837ed1f317902acf8a20df0ad188d165',
    // find_string hits: "setup-java@dded08…d165 # v5.0.0" and a pin table "Tag resolved independently; PASS".
    verifiedBy: 'search find_string dded0888837ed1f317902acf8a20df0ad188d165 (# v5.0.0 in several workflows and pin tables)',
  },
  {
    action: 'actions/upload-artifact',
    tag: 'v4.6.2',
    sha: 'ea165f8d65b6e75b540449e92b4886f43607fa02',
    // find_string hits: an approved-actions map { sha: 'ea165f…fa02', version: 'v4.6.2' } and "upload-artifact v4.6.2 `ea165f…`".
    verifiedBy: 'search find_string ea165f8d65b6e75b540449e92b4886f43607fa02 (v4.6.2 allow-lists)',
  },
];

export interface ResolvedAction {
  action: string;
  /** What goes after `uses:`: `owner/repo@<sha>` when pinned, `owner/repo@<tag>` otherwise. */
  uses: string;
  /** The release tag, written as a trailing comment beside a SHA. */
  tag: string;
  pinned: boolean;
  source: 'config' | 'table' | 'none';
}

/** Resolve an action to its pinned reference: `sre.yaml` `ci.pins` first, then the verified table. */
export function resolveAction(
  action: string,
  fallbackTag: string,
  overrides: Record<string, { tag: string; sha: string }> = {},
): ResolvedAction {
  const override = overrides[action];
  if (override) return { action, uses: `${action}@${override.sha}`, tag: override.tag, pinned: true, source: 'config' };
  const row = ACTION_PINS.find((pin) => pin.action === action);
  if (row) return { action, uses: `${action}@${row.sha}`, tag: row.tag, pinned: true, source: 'table' };
  return { action, uses: `${action}@${fallbackTag}`, tag: fallbackTag, pinned: false, source: 'none' };
}

/** The verified pin of an action, if the table has one (used to suggest fixes). */
export function knownPin(action: string): ActionPin | undefined {
  return ACTION_PINS.find((pin) => pin.action === action);
}
