/** Percentage rollouts written to a flagd file evaluate in flagd-core as the percentage says, per user and sticky. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FlagdCore } from '@openfeature/flagd-core';
import { describe, expect, it } from 'vitest';
import { readFlagPercent, setFlagPercent } from '../../tools/deploy/flags/flag-file.js';
import { flagFileFor } from '../../tools/deploy/flags/flag-file-path.js';
import { makeToolContext } from '../helpers/tool-context.js';

const FIXTURE = resolve(import.meta.dirname, '../fixtures/flags/flagd-example-fractional-ref.flagd.json');
const dir = () => mkdtempSync(join(tmpdir(), 'sre-flags-'));

/** How many of 1000 user ids flagd-core turns `flag` on for. */
function onCount(file: string, flag: string): { on: number; answers: Map<string, boolean> } {
  const core = new FlagdCore();
  core.setConfigurations(readFileSync(file, 'utf8'));
  const answers = new Map<string, boolean>();
  for (let i = 0; i < 1000; i++) answers.set(`user-${i}`, core.resolveBooleanEvaluation(flag, false, { targetingKey: `user-${i}` }).value);
  return { on: [...answers.values()].filter(Boolean).length, answers };
}

describe('flag file: percentage rollout', () => {
  it('creates the file and the flag, and flagd-core turns it on for about P% of 1000 users', async () => {
    const file = join(dir(), 'flags.json');
    expect(await setFlagPercent(file, 'new-endpoint', 10)).toEqual({ previous: 0, current: 10 });
    expect(await readFlagPercent(file, 'new-endpoint')).toBe(10);
    const ten = onCount(file, 'new-endpoint');
    expect(ten.on).toBeGreaterThan(70);
    expect(ten.on).toBeLessThan(130);
    expect(await setFlagPercent(file, 'new-endpoint', 50)).toEqual({ previous: 10, current: 50 });
    const fifty = onCount(file, 'new-endpoint');
    expect(fifty.on).toBeGreaterThan(450);
    expect(fifty.on).toBeLessThan(550);
    // Sticky: everyone who had the feature at 10 % still has it at 50 %.
    for (const [user, on] of ten.answers) if (on) expect(fifty.answers.get(user)).toBe(true);
  });

  it('writes 0% as default off with no targeting, and 100% as default on', async () => {
    const file = join(dir(), 'flags.json');
    await setFlagPercent(file, 'new-endpoint', 0);
    let def = JSON.parse(readFileSync(file, 'utf8')).flags['new-endpoint'];
    expect(def).toEqual({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'off' });
    expect(onCount(file, 'new-endpoint').on).toBe(0);
    await setFlagPercent(file, 'new-endpoint', 100);
    def = JSON.parse(readFileSync(file, 'utf8')).flags['new-endpoint'];
    expect(def).toEqual({ state: 'ENABLED', variants: { on: true, off: false }, defaultVariant: 'on' });
    expect(onCount(file, 'new-endpoint').on).toBe(1000);
  });

  it('edits one flag of the real flagd example and keeps every other flag', async () => {
    const file = join(dir(), 'example.flagd.json');
    copyFileSync(FIXTURE, file);
    expect(await readFlagPercent(file, 'myBoolFlag')).toBe(100);
    expect(await setFlagPercent(file, 'myBoolFlag', 25)).toEqual({ previous: 100, current: 25 });
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(doc.flags)).toHaveLength(8);
    expect(doc.$evaluators.emailWithFaas).toBeDefined();
    const core = new FlagdCore();
    core.setConfigurations(readFileSync(file, 'utf8'));
    expect(core.resolveStringEvaluation('headerColor', 'x', { email: 'ana@faas.com' }).value).toMatch(/^#/);
    expect(core.resolveStringEvaluation('fibAlgo', 'x', { email: 'bob@other.org' }).value).toBe('recursive');
  });

  it('refuses flags it cannot express as a percentage, naming the file and flag', async () => {
    const file = join(dir(), 'example.flagd.json');
    copyFileSync(FIXTURE, file);
    await expect(readFlagPercent(file, 'isColorYellow')).rejects.toThrow(`flag isColorYellow in ${file} has targeting that is not a plain percentage rollout (found: if)`);
    await expect(setFlagPercent(file, 'headerColor', 10)).rejects.toThrow(`flag headerColor in ${file} is not a boolean on/off flag`);
    await expect(readFlagPercent(file, 'nope')).rejects.toThrow(/flag nope is not defined in .* \(defined: myBoolFlag, myStringFlag/);
  });

  it('reports malformed JSON and out-of-range percentages', async () => {
    const file = join(dir(), 'broken.json');
    writeFileSync(file, '{"flags": {');
    await expect(readFlagPercent(file, 'x')).rejects.toThrow(`flag file ${file} is not valid JSON`);
    await expect(setFlagPercent(join(dir(), 'f.json'), 'x', 101)).rejects.toThrow('flag percentage must be an integer from 0 to 100, got 101');
    await expect(readFlagPercent(join(dir(), 'absent.json'), 'x')).rejects.toThrow(/does not exist/);
  });

  it('gives each environment its own file from flags.file', () => {
    const ctx = makeToolContext({ configDir: '/srv/app' });
    expect(flagFileFor(ctx, 'staging')).toBe('/srv/app/flags.staging.flagd.json');
    expect(flagFileFor(ctx, 'production')).toBe('/srv/app/flags.production.flagd.json');
  });
});
