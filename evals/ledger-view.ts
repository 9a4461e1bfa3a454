/** A read-only LedgerView over recorded entries (or a prefix of them), for re-checking a finished run. */
import type { LedgerEntry } from '../schemas/ledger-entry.js';
import type { LedgerView } from '../tools/tool.js';

export class EntriesView implements LedgerView {
  constructor(private readonly entries: readonly LedgerEntry[]) {}

  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  byTool(tool: string): LedgerEntry[] {
    return this.entries.filter((e) => e.kind === 'tool_call' && e.tool === tool);
  }

  lastOk<T = unknown>(tool: string, where?: (output: T, entry: LedgerEntry) => boolean): LedgerEntry | undefined {
    const list = this.byTool(tool).filter((e) => e.ok && (!where || where(e.output as T, e)));
    return list[list.length - 1];
  }

  /** The ledger as it stood before entry `index` was written. */
  before(index: number): EntriesView {
    return new EntriesView(this.entries.slice(0, index));
  }
}
