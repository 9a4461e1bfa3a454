/**
 * Snapshots: every target of an environment scraped at one moment. Rates over a window come from two
 * snapshots' counter deltas, so each snapshot is kept in the run's history for later windows.
 */
import type { ToolContext } from '../../tool.js';
import type { EnvironmentName } from '../../deploy/driver.js';
import { getMetricsSource } from './get-metrics-source.js';
import type { Sample } from './metrics-source.js';
import { resolveScrapeTargets } from './scrape-targets.js';

export interface Snapshot {
  environment: EnvironmentName;
  /** When the scrape finished, ms since the epoch. */
  atMs: number;
  /** Samples of every target, each with an `instance` label naming its target. */
  samples: Sample[];
  targets: string[];
}

const HISTORY_KEY = 'metrics-snapshot-history';
const MAX_PER_ENVIRONMENT = 1_000;

/** The run's snapshots per environment, oldest first. */
export class SnapshotHistory {
  private readonly byEnvironment = new Map<EnvironmentName, Snapshot[]>();

  record(snapshot: Snapshot): void {
    const list = this.byEnvironment.get(snapshot.environment) ?? [];
    list.push(snapshot);
    // Keep the first snapshot (the longest window) and the most recent ones.
    if (list.length > MAX_PER_ENVIRONMENT) list.splice(1, 1);
    this.byEnvironment.set(snapshot.environment, list);
  }

  /** The newest snapshot taken at or before `atMs`, or null. */
  atOrBefore(environment: EnvironmentName, atMs: number): Snapshot | null {
    const list = this.byEnvironment.get(environment) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i]!.atMs <= atMs) return list[i]!;
    return null;
  }

  oldest(environment: EnvironmentName): Snapshot | null {
    return this.byEnvironment.get(environment)?.[0] ?? null;
  }
}

/** The run's snapshot history. */
export function snapshotHistory(ctx: ToolContext): SnapshotHistory {
  return ctx.runtime.getOrCreate(HISTORY_KEY, () => new SnapshotHistory());
}

/** Scrape every target of `environment` now, record the snapshot in the run's history and return it. */
export async function takeSnapshot(ctx: ToolContext, environment: EnvironmentName): Promise<Snapshot> {
  const source = getMetricsSource(ctx);
  const targets = await resolveScrapeTargets(ctx, environment);
  const perTarget = await Promise.all(
    targets.map(async (target) => {
      const samples = await source.scrape({ environment, url: target.url });
      return samples.map((sample) => withInstance(sample, target.instance));
    }),
  );
  const snapshot: Snapshot = { environment, atMs: Date.now(), samples: perTarget.flat(), targets: targets.map((t) => t.url) };
  snapshotHistory(ctx).record(snapshot);
  return snapshot;
}

/** Label a sample with its target like Prometheus does (an exported `instance` label is kept as `exported_instance`). */
function withInstance(sample: Sample, instance: string): Sample {
  const labels = { ...sample.labels };
  if (labels.instance !== undefined && labels.instance !== instance) labels.exported_instance = labels.instance;
  labels.instance = instance;
  return { ...sample, labels };
}
