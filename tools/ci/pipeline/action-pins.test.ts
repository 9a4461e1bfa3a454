import { describe, expect, it } from 'vitest';
import { ACTION_PINS, resolveAction } from './action-pins.js';

describe('verified action pins', () => {
  it('holds full 40-hex SHAs, semantic tags and a verification note for every row', () => {
    expect(ACTION_PINS.length).toBeGreaterThan(0);
    for (const pin of ACTION_PINS) {
      expect(pin.sha).toMatch(/^[0-9a-f]{40}$/);
      expect(pin.tag).toMatch(/^v\d+\.\d+\.\d+$/);
      expect(pin.verifiedBy).toMatch(/search/);
    }
    expect(new Set(ACTION_PINS.map((pin) => pin.action)).size).toBe(ACTION_PINS.length);
  });

  it('prefers sre.yaml overrides, then the table, and leaves an unknown action on its tag, unpinned', () => {
    const override = { 'actions/checkout': { tag: 'v4.2.2', sha: '11bd71901bbe5b1630ceea73d27597364c9af683' } };
    expect(resolveAction('actions/checkout', 'v5', override)).toMatchObject({ uses: 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', pinned: true, source: 'config' });
    expect(resolveAction('actions/checkout', 'v5')).toMatchObject({ tag: 'v5.0.0', pinned: true, source: 'table' });
    expect(resolveAction('someone/unknown-action', 'v2')).toEqual({ action: 'someone/unknown-action', uses: 'someone/unknown-action@v2', tag: 'v2', pinned: false, source: 'none' });
  });
});
