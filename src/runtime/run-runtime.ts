/** Per-run service store and cleanup list (see RunRuntime in tools/tool.ts). */
import type { RunRuntime } from '../../tools/tool.js';

/** A RunRuntime whose `close()` runs every cleanup in reverse order, reporting (not throwing) failures. */
export class Runtime implements RunRuntime {
  private readonly services = new Map<string, unknown>();
  private readonly cleanups: Array<() => Promise<void> | void> = [];

  getOrCreate<T>(key: string, create: () => T): T {
    if (!this.services.has(key)) this.services.set(key, create());
    return this.services.get(key) as T;
  }

  provide<T>(key: string, value: T): void {
    this.services.set(key, value);
  }

  onClose(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  /** Run cleanups (last registered first); returns the errors they raised. */
  async close(): Promise<unknown[]> {
    const errors: unknown[] = [];
    while (this.cleanups.length > 0) {
      const fn = this.cleanups.pop();
      try {
        await fn?.();
      } catch (error) {
        errors.push(error);
      }
    }
    this.services.clear();
    return errors;
  }
}
