/** Counts for several look-back windows at once (one scrape for all of them with the scrape source). */
import type { ToolContext } from '../../tool.js';
import type { EnvironmentName } from '../../deploy/driver.js';
import { countsFromPromql } from '../sli/promql-counts.js';
import { countsBetween } from '../sli/snapshot-counts.js';
import { environmentSelector } from '../sli/window-reader.js';
import type { WindowCounts } from '../sli/window-counts.js';
import { getMetricsSource } from '../source/get-metrics-source.js';
import { snapshotHistory, takeSnapshot } from '../source/snapshot.js';
import type { BurnWindow } from './burn-windows.js';

export type WindowResult = { counts: WindowCounts; reason: null } | { counts: null; reason: string };

/** Counts over each window ending now, by window name; a window the source cannot cover comes with the reason. */
export async function countsForWindows(
  ctx: ToolContext,
  environment: EnvironmentName,
  windows: BurnWindow[],
): Promise<{ mode: 'promql' | 'scrape'; results: Map<string, WindowResult>; longestSpan: WindowCounts | null }> {
  const source = getMetricsSource(ctx);
  const results = new Map<string, WindowResult>();
  if (source.supportsQuery) {
    const selector = environmentSelector(ctx, environment);
    const end = new Date();
    const counts = await Promise.all(windows.map((win) => countsFromPromql(source, selector, win.seconds, end)));
    windows.forEach((win, i) => results.set(win.name, { counts: counts[i]!, reason: null }));
    return { mode: 'promql', results, longestSpan: null };
  }
  const history = snapshotHistory(ctx);
  const oldest = history.oldest(environment);
  const end = await takeSnapshot(ctx, environment);
  for (const win of windows) {
    const start = history.atOrBefore(environment, end.atMs - win.seconds * 1000);
    if (start) results.set(win.name, { counts: countsBetween(start, end), reason: null });
    else {
      const covered = oldest && oldest !== end ? `${Math.round((end.atMs - oldest.atMs) / 1000)}s` : 'nothing (this is the first scrape)';
      results.set(win.name, { counts: null, reason: `scrape source: this run's scrapes of ${environment} cover ${covered}, less than ${win.name}` });
    }
  }
  const longestSpan = oldest && oldest !== end ? countsBetween(oldest, end) : null;
  return { mode: 'scrape', results, longestSpan };
}
