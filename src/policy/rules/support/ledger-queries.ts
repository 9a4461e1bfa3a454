/** Small read helpers over the run's ledger for policy rules (entries keep `input`/`output` as unknown JSON). */
import type { LedgerEntry } from '../../../../schemas/ledger-entry.js';
import type { LedgerView } from '../../../../tools/tool.js';

export type Json = Record<string, unknown>;

/** An entry's input as an object (empty when it is not one). */
export function inputOf(entry: LedgerEntry): Json {
  return typeof entry.input === 'object' && entry.input !== null ? (entry.input as Json) : {};
}

/** An entry's output as an object (empty when it is not one). */
export function outputOf(entry: LedgerEntry): Json {
  return typeof entry.output === 'object' && entry.output !== null ? (entry.output as Json) : {};
}

/** The environment an entry acted on: its input's, else its output's. */
export function environmentOf(entry: LedgerEntry): unknown {
  return inputOf(entry).environment ?? outputOf(entry).environment;
}

/** The latest successful call of `tool`, optionally only those in `environment`. */
export function latestOk(ledger: LedgerView, tool: string, environment?: string): LedgerEntry | undefined {
  return ledger.lastOk(tool, (_output, entry) => environment === undefined || environmentOf(entry) === environment);
}

/** Position of an entry in the run (evidence ids are in order). */
export function positionOf(ledger: LedgerView, entry: LedgerEntry): number {
  return ledger.all().indexOf(entry);
}

/** Successful tool calls, newest first. */
export function okToolCallsNewestFirst(ledger: LedgerView): LedgerEntry[] {
  return ledger
    .all()
    .filter((e) => e.kind === 'tool_call' && e.ok)
    .slice()
    .reverse();
}
