/**
 * Action majors GitHub has switched off: a workflow that still uses them fails at run time.
 * Source: the actions/upload-artifact README deprecation notice (v1/v2 from 2024-06-30, v3 from 2024-11-30,
 * https://github.blog/changelog/2024-04-16-deprecation-notice-v3-of-the-artifact-actions/), which covers
 * download-artifact as well.
 */
export interface DeprecatedAction {
  action: string;
  /** Major versions (without "v") that no longer run. */
  majors: number[];
  replacement: string;
  note: string;
}

export const DEPRECATED_ACTIONS: readonly DeprecatedAction[] = [
  {
    action: 'actions/upload-artifact',
    majors: [1, 2, 3],
    replacement: 'actions/upload-artifact v4 or later',
    note: 'artifact actions v1-v3 were retired by GitHub in 2024 (github.blog changelog 2024-04-16); jobs using them fail',
  },
  {
    action: 'actions/download-artifact',
    majors: [1, 2, 3],
    replacement: 'actions/download-artifact v4 or later',
    note: 'artifact actions v1-v3 were retired by GitHub in 2024 (github.blog changelog 2024-04-16); jobs using them fail',
  },
];

/** The deprecation entry matching `action@ref`, when the ref is a retired major tag. */
export function findDeprecation(action: string, ref: string): DeprecatedAction | undefined {
  const major = /^v(\d+)(?:\.|$)/.exec(ref);
  if (!major) return undefined;
  return DEPRECATED_ACTIONS.find((entry) => entry.action === action.toLowerCase() && entry.majors.includes(Number(major[1])));
}
