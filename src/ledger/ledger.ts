/** The evidence ledger: append-only record of every tool and model call of a run. */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LedgerEntry, TokenUsage } from '../../schemas/ledger-entry.js';
import { redact } from './redact.js';

export type NewEntry = Omit<LedgerEntry, 'id'>;

/** In-memory ledger that can also mirror each entry to a JSONL file as it is written. */
export class Ledger {
  private readonly entries: LedgerEntry[] = [];
  private file: string | undefined;
  private readonly secrets: string[];

  constructor(options: { file?: string; secrets?: string[] } = {}) {
    this.secrets = options.secrets ?? [];
    if (options.file) this.attachFile(options.file);
  }

  /** Mirror entries to a JSONL file from now on (earlier entries are written first). */
  attachFile(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    this.file = file;
    for (const entry of this.entries) appendFileSync(file, `${JSON.stringify(entry)}\n`);
  }

  /** Record an entry (redacted) and return it with its evidence id. */
  append(entry: NewEntry): LedgerEntry {
    const id = `E${String(this.entries.length + 1).padStart(3, '0')}`;
    const full = redact({ id, ...entry }, this.secrets);
    this.entries.push(full);
    if (this.file) appendFileSync(this.file, `${JSON.stringify(full)}\n`);
    return full;
  }

  /** Every entry, in order. */
  all(): readonly LedgerEntry[] {
    return this.entries;
  }

  /** The entry with this evidence id. */
  get(id: string): LedgerEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Tool-call entries of one tool, in order. */
  byTool(tool: string): LedgerEntry[] {
    return this.entries.filter((e) => e.kind === 'tool_call' && e.tool === tool);
  }

  /** The most recent successful call of a tool, optionally matching a predicate on its output. */
  lastOk<T = unknown>(tool: string, where?: (output: T, entry: LedgerEntry) => boolean): LedgerEntry | undefined {
    const list = this.byTool(tool).filter((e) => e.ok && (!where || where(e.output as T, e)));
    return list[list.length - 1];
  }

  /** Token totals over all model calls. */
  tokens(): TokenUsage {
    const sum = { prompt: 0, completion: 0, total: 0 };
    for (const e of this.entries) {
      if (!e.tokens) continue;
      sum.prompt += e.tokens.prompt;
      sum.completion += e.tokens.completion;
      sum.total += e.tokens.total;
    }
    return sum;
  }
}
