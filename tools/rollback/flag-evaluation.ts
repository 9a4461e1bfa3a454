/** Evaluate a flagd file the way the service's OpenFeature provider does, to prove a flag is really off (or on). */
import { readFileSync } from 'node:fs';
import { FlagdCore } from '@openfeature/flagd-core';
import { ToolFailure } from '../../src/errors.js';

/** How many of `sampleSize` synthetic users get the flag on when `file` is evaluated with flagd-core. */
export function usersWithFlagOn(file: string, flag: string, sampleSize = 200): number {
  const core = new FlagdCore();
  try {
    core.setConfigurations(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ToolFailure(`flagd-core cannot load ${file}: ${(error as Error).message}`, { file });
  }
  let on = 0;
  for (let i = 0; i < sampleSize; i += 1) {
    if (core.resolveBooleanEvaluation(flag, false, { targetingKey: `rollback-check-${i}` }).value === true) on += 1;
  }
  return on;
}
