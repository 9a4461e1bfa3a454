/** Continuous HTTP load for zero-downtime tests: counts every answer and every failure. */

export interface LoadResult {
  total: number;
  failed: number;
  byVersion: Record<string, number>;
  failures: string[];
}

/** Send requests back to back (with `concurrency` workers) until `stop()`; resolves the counts. */
export function startLoad(url: string, concurrency = 4): { stop: () => Promise<LoadResult> } {
  const result: LoadResult = { total: 0, failed: 0, byVersion: {}, failures: [] };
  let running = true;
  const worker = async (id: number) => {
    let n = 0;
    while (running) {
      n += 1;
      try {
        const res = await fetch(url, { headers: { 'x-user-id': `load-${id}-${n}` }, signal: AbortSignal.timeout(5_000) });
        const body = (await res.json()) as { version?: string };
        result.total += 1;
        if (res.status !== 200) {
          result.failed += 1;
          result.failures.push(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 120)}`);
        } else if (body.version) {
          result.byVersion[body.version] = (result.byVersion[body.version] ?? 0) + 1;
        }
      } catch (error) {
        result.total += 1;
        result.failed += 1;
        result.failures.push(String((error as Error).cause ?? error));
      }
    }
  };
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i));
  return {
    stop: async () => {
      running = false;
      await Promise.all(workers);
      return result;
    },
  };
}
