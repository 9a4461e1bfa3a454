/**
 * Every behaviour-changing default of the engine, in one place.
 * `sre.yaml` overrides the ones that appear in the config schema (`schemas/config.ts` reads its defaults from here).
 */
export const DEFAULTS = {
  /** Seed: "Cobertura ≥85%". Percent of lines. */
  coverageThreshold: 85,
  /** Seed alert: "Error rate > 5%". Ratio of 5xx to all requests. */
  errorRateThreshold: 0.05,
  /** Seed alert: "Latency p95 > 1s". Seconds. */
  latencyP95ThresholdSeconds: 1,
  /** Seed: "Produção: 0% → 10% → 50% → 100%". */
  activationSteps: [0, 10, 50, 100] as number[],
  /** Seed canary: "1% usuários → 5% → 25% → 50% → 100%". */
  canaryWeights: [1, 5, 25, 50, 100] as number[],
  /** Seed: "Em cada passo: Monitorar 4h antes de avançar". */
  activationWatchHours: 4,
  /** Seed: "Período: Próximas 24h". */
  postDeployMonitoringHours: 24,
  /** SLO availability target used for error budgets (99.5 %) when sre.yaml says nothing. */
  sloAvailabilityTarget: 0.995,
  /** Seed logs: "Retention: 30 dias" (stated in the generated logging config; the log store enforces it). */
  logRetentionDays: 30,
  /** Kill a test/coverage/security command after this long. */
  commandTimeoutMs: 10 * 60_000,
  /** Any single HTTP request (health checks, smoke tests, scrapes, webhooks). */
  httpTimeoutMs: 5_000,
  /** A driver action (deploy, switch, set weight, rollback). */
  driverActionTimeoutMs: 2 * 60_000,
  /** One tool call as a whole, measured by the MCP server. */
  toolCallTimeoutMs: 15 * 60_000,
  /** Agent loop: maximum model turns before the run ends blocked. */
  maxTurns: 40,
  /** Agent loop: bounded report repair rounds after a rejected submit_report. */
  maxReportRepairs: 3,
  /** Agent loop: per model call timeout. */
  modelCallTimeoutMs: 120_000,
  /** Agent loop: total token budget of a run. */
  tokenBudget: 400_000,
  /** Agent loop: retries on 429/5xx with exponential backoff. */
  modelMaxRetries: 4,
  /** Agent loop: consecutive model answers with no usable tool call (empty, text only, unparseable) before the run ends blocked. */
  maxIdleModelTurns: 3,
  /** How long an MCP client's human gets to answer an approval request (elicitation) before it counts as declined. */
  approvalTimeoutMs: 10 * 60_000,
  /** Largest tool result text handed to a model, in characters; the rest is paged. */
  maxToolResultChars: 16_000,
  /** Characters of a process's stdout/stderr kept in the ledger. */
  maxCapturedOutputChars: 8_000,
  /** Failed/errored test cases listed in a CI tool result (all are counted). */
  maxListedTestFailures: 50,
  /** Security findings listed in a CI tool result (all are counted). */
  maxListedSecurityFindings: 100,
  /** Team notification: tries per channel (first try + retries on 5xx, 429 and no answer). */
  notifyMaxAttempts: 3,
  /** Team notification: first retry delay; doubles on each retry (250 ms, 500 ms). */
  notifyRetryBaseMs: 250,
  /** Metrics: default window of sli_measure (seconds); with the scrape source the tool watches this long. */
  sliWindowSeconds: 60,
  /** Canary analysis: length of one analysis interval (seconds) and how many intervals to run. */
  canaryIntervalSeconds: 60,
  canaryIntervals: 5,
  /** Canary analysis: fewer requests than this per version in an interval makes the interval inconclusive. */
  canaryMinRequests: 50,
  /** Canary analysis: after this many inconclusive intervals the decision is hold (a human must look). */
  canaryMaxInconclusive: 3,
  /** Canary analysis: significance level of each per-interval test (one-sided). */
  canaryAlpha: 0.01,
  /** Canary analysis: smallest canary − baseline error-rate increase that counts as a regression (absolute). */
  canaryMinErrorRateIncrease: 0.01,
  /** Canary analysis: smallest latency effect (Vargha–Delaney A, P(canary slower)) that counts as a regression. */
  canaryMinLatencyEffect: 0.6,
  /** Canary analysis: smallest canary − baseline p95 increase (seconds) that counts as a latency regression. */
  canaryMinP95IncreaseSeconds: 0.05,
  /** Canary analysis: failing intervals in a row that trigger a rollback (one noisy interval never does). */
  canaryFailuresToRollback: 2,
  /** Activation: fewer requests than this in the watch window means "no data", never a pass. */
  activationMinRequests: 50,
} as const;

export type Defaults = typeof DEFAULTS;
