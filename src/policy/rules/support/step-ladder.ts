/** One-step-at-a-time moves on a configured ladder (activation steps, canary weights). */

export type StepVerdict = { allowed: true } | { allowed: false; next: number | null };

/** Decreasing (or staying) is always allowed; increasing must land on the next ladder step above `current`. */
export function checkStep(current: number, target: number, ladder: readonly number[]): StepVerdict {
  if (target <= current) return { allowed: true };
  const next = [...ladder].sort((a, b) => a - b).find((step) => step > current) ?? null;
  return next !== null && target === next ? { allowed: true } : { allowed: false, next };
}
