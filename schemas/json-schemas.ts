/** JSON Schema of each contract, generated from the zod source (schemas/json/ holds the committed copies). */
import { z } from 'zod';
import { SreConfig } from './config.js';
import { QaHandoff } from './qa-handoff.js';
import { Report } from './report.js';
import { SreHandoff } from './sre-handoff.js';

export const CONTRACTS = {
  'qa-handoff': { schema: QaHandoff, io: 'input' },
  report: { schema: Report, io: 'input' },
  'sre-handoff': { schema: SreHandoff, io: 'output' },
  config: { schema: SreConfig, io: 'input' },
} as const;

export type ContractName = keyof typeof CONTRACTS;
export const CONTRACT_NAMES = Object.keys(CONTRACTS) as ContractName[];

/** The JSON Schema (draft 2020-12) of a contract. */
export function jsonSchemaOf(name: ContractName): Record<string, unknown> {
  const { schema, io } = CONTRACTS[name];
  return { $id: `https://sre-agent.dev/schemas/${name}.json`, ...z.toJSONSchema(schema, { io, unrepresentable: 'any' }) } as Record<string, unknown>;
}
