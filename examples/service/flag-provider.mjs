/** An OpenFeature server provider that evaluates a flagd flag-definition file with flagd-core, reloading it when it changes. */
import { statSync, readFileSync } from 'node:fs';
import { FlagdCore } from '@openfeature/flagd-core';

/** @typedef {import('@openfeature/server-sdk').Provider} Provider */

/** @implements {Provider} */
export class FlagFileProvider {
  metadata = { name: 'flagd-file' };
  runsOn = 'server';

  /** @param {string | undefined} file flagd JSON file; missing file = no flags (every evaluation gets the code default) */
  constructor(file) {
    this.file = file;
    this.core = new FlagdCore();
    /** @type {string} */
    this.stamp = '';
  }

  /** Re-read the file when its inode, size or mtime changed (atomic writes replace the inode). */
  refresh() {
    if (!this.file) return;
    let stamp;
    try {
      const s = statSync(this.file);
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.stamp) return;
    this.stamp = stamp;
    const text = stamp === 'missing' ? '{"flags":{}}' : readFileSync(this.file, 'utf8');
    try {
      this.core.setConfigurations(text);
    } catch (error) {
      // Keep the last good flags: a broken edit must not flip features for everyone.
      console.error(JSON.stringify({ level: 'error', msg: 'flag file rejected', file: this.file, error: String(error) }));
    }
  }

  /** @param {string} key @param {boolean} defaultValue @param {import('@openfeature/server-sdk').EvaluationContext} context */
  async resolveBooleanEvaluation(key, defaultValue, context) {
    this.refresh();
    return this.core.resolveBooleanEvaluation(key, defaultValue, context);
  }

  /** @param {string} key @param {string} defaultValue @param {import('@openfeature/server-sdk').EvaluationContext} context */
  async resolveStringEvaluation(key, defaultValue, context) {
    this.refresh();
    return this.core.resolveStringEvaluation(key, defaultValue, context);
  }

  /** @param {string} key @param {number} defaultValue @param {import('@openfeature/server-sdk').EvaluationContext} context */
  async resolveNumberEvaluation(key, defaultValue, context) {
    this.refresh();
    return this.core.resolveNumberEvaluation(key, defaultValue, context);
  }

  /** @template {import('@openfeature/server-sdk').JsonValue} T @param {string} key @param {T} defaultValue @param {import('@openfeature/server-sdk').EvaluationContext} context */
  async resolveObjectEvaluation(key, defaultValue, context) {
    this.refresh();
    return this.core.resolveObjectEvaluation(key, defaultValue, context);
  }
}
