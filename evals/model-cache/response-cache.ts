/**
 * The response cache for model providers: one JSON file per request key under evals/cache/, written atomically.
 * A rerun of the same scenario replays the recorded answers, so model evals are reproducible and free.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ChatTurn } from '../../src/agent/providers/openai/chat-model.js';

export interface CacheStats {
  hits: number;
  misses: number;
  writes: number;
}

export interface CachedEntry {
  key: string;
  model: string;
  /** How many messages the request had (a hint for people reading the file). */
  messages: number;
  turn: ChatTurn;
}

export class ResponseCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, writes: 0 };

  constructor(
    readonly dir: string,
    /** readwrite: replay hits and record misses; read: replay only (a miss goes to the model, unrecorded); off. */
    readonly mode: 'readwrite' | 'read' | 'off' = 'readwrite',
  ) {}

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The recorded turn for `key`, or null. An unreadable entry counts as a miss (it is rewritten on record). */
  get(key: string): ChatTurn | null {
    if (this.mode === 'off') return null;
    try {
      const entry = JSON.parse(readFileSync(this.file(key), 'utf8')) as CachedEntry;
      if (entry.key !== key || !entry.turn) throw new Error('mismatched entry');
      this.stats.hits += 1;
      return entry.turn;
    } catch {
      this.stats.misses += 1;
      return null;
    }
  }

  set(entry: CachedEntry): void {
    if (this.mode !== 'readwrite') return;
    const file = this.file(entry.key);
    mkdirSync(join(this.dir, entry.key.slice(0, 2)), { recursive: true });
    writeFileAtomic.sync(file, `${JSON.stringify(entry, null, 2)}\n`);
    this.stats.writes += 1;
  }
}
