/** The SRE report: the seed's "SAÍDA OBRIGATÓRIA", section by section, plus status and every blocking reason. */
import { z } from 'zod';
import { Checklist } from './checklist.js';
import { EvidenceIds, SeverityCounts, Strategy } from './common.js';

const Step = z.object({ done: z.boolean(), detail: z.string(), evidence: EvidenceIds.default([]) });

export const TestsFigure = z.object({
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  evidence: EvidenceIds.min(1),
});

export const CoverageFigure = z.object({
  lines: z.number().min(0).max(100).describe('Line coverage percent, as measured'),
  threshold: z.number().min(0).max(100),
  passed: z.boolean(),
  evidence: EvidenceIds.min(1),
});

export const SecurityFigure = z.object({
  counts: SeverityCounts,
  total: z.number().int().nonnegative(),
  passed: z.boolean(),
  evidence: EvidenceIds.min(1),
});

export const Report = z
  .object({
    status: z.enum(['delivered', 'blocked']),
    blockingReasons: z.array(z.string()).describe('Every reason the delivery is blocked; empty when delivered'),
    summary: z.string().describe('Resumo'),
    release: z.object({
      version: z.string(),
      commit: z.string(),
      branch: z.string(),
      tag: z.string().nullable(),
      date: z.string().describe('ISO 8601, UTC'),
      deployedVersion: z.object({ version: z.string(), evidence: EvidenceIds.min(1) }).nullable().describe('Version the production deploy reported'),
    }),
    deploy: z.object({
      strategy: z.object({
        type: Strategy.nullable(),
        why: z.string(),
        activation: z.string().describe('e.g. Gradual (0% → 10% → 50% → 100%)'),
        currentState: z.string().describe('e.g. 0% (flag=False)'),
        evidence: EvidenceIds.default([]),
      }),
      environments: z.object({ staging: Step, production: Step }),
      smokeTests: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string(), evidence: EvidenceIds.default([]) })),
    }),
    pipeline: z.object({
      tests: TestsFigure.nullable(),
      coverage: CoverageFigure.nullable(),
      security: SecurityFigure.nullable(),
      build: Step,
      deploy: Step,
    }),
    observability: z.object({
      dashboards: z.array(z.object({ title: z.string(), location: z.string(), evidence: EvidenceIds.default([]) })),
      metrics: z.array(z.string()),
      alerts: z.array(z.object({ name: z.string(), active: z.boolean(), evidence: EvidenceIds.default([]) })),
      logs: z.object({ format: z.string(), destination: z.string(), retention: z.string(), evidence: EvidenceIds.default([]) }),
      traces: z.object({ configured: z.boolean(), detail: z.string(), evidence: EvidenceIds.default([]) }),
    }),
    rollback: z.object({
      plan: z.array(
        z.object({
          scenario: z.string(),
          action: z.string(),
          estimate: z.string().describe('e.g. "<1 minuto", "2 min"'),
          measuredMs: z.number().nonnegative().nullable(),
          tested: z.boolean(),
          evidence: EvidenceIds.default([]),
        }),
      ),
      backups: z.object({
        database: z.string().nullable(),
        codeTag: z.string().nullable(),
        config: z.string().nullable(),
        evidence: EvidenceIds.default([]),
      }),
      estimatedTime: z.object({ viaFlag: z.string(), full: z.string() }),
    }),
    documentation: z.array(z.object({ file: z.string(), updated: z.boolean(), detail: z.string(), evidence: EvidenceIds.default([]) })),
    communication: z.array(z.object({ audience: z.string(), done: z.boolean(), detail: z.string(), evidence: EvidenceIds.default([]) })),
    postDeployMonitoring: z.object({ periodHours: z.number().positive(), keyMetrics: z.array(z.string()) }),
    activationPlan: z.array(z.object({ day: z.number().int().positive(), percent: z.number().min(0).max(100), description: z.string() })),
    activationWatchHours: z.number().nonnegative(),
    nextSteps: z.array(z.string()),
    checklist: Checklist,
    usage: z
      .object({ modelCalls: z.number().int().nonnegative(), tokens: z.object({ prompt: z.number(), completion: z.number(), total: z.number() }) })
      .optional(),
  })
  .strict();

export type Report = z.infer<typeof Report>;
export type ReportInput = z.input<typeof Report>;
