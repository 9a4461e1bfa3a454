/** Read counts over a window ending now: look back when the source can, otherwise watch it live. */
import { ToolFailure } from '../../../src/errors.js';
import type { ToolContext } from '../../tool.js';
import type { EnvironmentName } from '../../deploy/driver.js';
import { sleep, windowReader, type WindowReader } from './window-reader.js';
import type { WindowCounts } from './window-counts.js';

/** Leave this much of a tool call's time budget for everything around the wait. */
const WAIT_MARGIN_MS = 15_000;

/** Counts over the last `windowSeconds` of `environment` (a live watch with the scrape source when no earlier snapshot covers it). */
export async function readWindow(
  ctx: ToolContext,
  environment: EnvironmentName,
  windowSeconds: number,
): Promise<{ counts: WindowCounts; reader: WindowReader; watchedLive: boolean }> {
  const reader = windowReader(ctx, environment);
  const looked = await reader.lookBack(windowSeconds);
  if (looked) return { counts: looked, reader, watchedLive: false };
  const budget = ctx.config.limits.toolCallTimeoutMs - WAIT_MARGIN_MS;
  if (windowSeconds * 1000 > budget) {
    throw new ToolFailure(
      `a ${windowSeconds}s window needs a live watch with metrics.source scrape (no earlier scrape of ${environment} in this run), ` +
        `longer than one tool call may take (${Math.round(budget / 1000)}s); use a shorter window or metrics.source: prometheus`,
      { field: 'windowSeconds' },
    );
  }
  const watch = await reader.begin();
  await sleep(windowSeconds * 1000, ctx.signal);
  return { counts: await watch.measure(), reader, watchedLive: true };
}
