/**
 * Counts the HTTP attempts the openai client makes for one call. The client retries 408/409/429/5xx itself with
 * exponential backoff (honouring Retry-After); wrapping its `fetch` lets the ledger record each retry.
 */

export interface AttemptLog {
  attempts: number;
  /** Status codes of attempts that failed with a retryable status. */
  failedStatuses: number[];
}

/** A fetch that logs into `current()` (one log per model call). */
export function countingFetch(base: typeof fetch = globalThis.fetch): { fetch: typeof fetch; reset: () => AttemptLog } {
  let log: AttemptLog = { attempts: 0, failedStatuses: [] };
  const wrapped: typeof fetch = async (input, init) => {
    log.attempts += 1;
    const response = await base(input, init);
    if (response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500) log.failedStatuses.push(response.status);
    return response;
  };
  return {
    fetch: wrapped,
    reset: () => {
      log = { attempts: 0, failedStatuses: [] };
      return log;
    },
  };
}
