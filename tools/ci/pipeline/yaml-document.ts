/**
 * YAML 1.2 parsing for pipeline files: values, syntax errors and duplicate keys with line numbers,
 * and a way back from a value path (or a JSON pointer) to the line it came from.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';

export interface YamlProblem {
  code: string;
  line: number;
  message: string;
}

export interface DuplicateKey {
  key: string;
  /** Dotted path of the mapping holding the key ('' for the top level). */
  parent: string;
  firstLine: number;
  line: number;
}

export interface YamlFile {
  /** The document as plain data (merge keys resolved, the last duplicate wins, as GitLab and GitHub do). */
  value: unknown;
  /** Syntax errors (duplicate keys are reported apart, in `duplicates`). */
  errors: YamlProblem[];
  duplicates: DuplicateKey[];
  /** 1-based line of the node at `path` (the key's line for mapping entries), or of its nearest existing ancestor. */
  lineOf(path: readonly (string | number)[]): number;
}

type PathPart = string | number;

/** Parse `text` as YAML 1.2 (so `on:` stays the string "on"), keeping every problem with its line. */
export function parseYaml(text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', merge: true, uniqueKeys: false, lineCounter, prettyErrors: true });
  const line = (offset: number) => lineCounter.linePos(offset).line;
  const errors: YamlProblem[] = doc.errors.map((error) => ({
    code: error.code,
    line: error.linePos?.[0]?.line ?? line(error.pos[0]),
    message: error.message.split('\n')[0] ?? error.message,
  }));
  let value: unknown = null;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 10_000 });
    } catch (error) {
      errors.push({ code: 'TO_JS', line: 1, message: (error as Error).message });
    }
  }
  return { value, errors, duplicates: findDuplicateKeys(doc, line), lineOf: (path) => lineOfPath(doc, path, line) };
}

/** Every key that appears twice in one mapping, with the line of both occurrences. */
function findDuplicateKeys(doc: Document.Parsed, line: (offset: number) => number): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  visit(doc, {
    Map(_key, map, path) {
      const seen = new Map<string, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        // Several `<<` entries are legal merge syntax, not a clash.
        if (key === '<<') continue;
        const at = line(pair.key.range?.[0] ?? 0);
        const first = seen.get(key);
        if (first === undefined) seen.set(key, at);
        else found.push({ key, parent: describeParent(path), firstLine: first, line: at });
      }
    },
  });
  return found;
}

function describeParent(path: readonly unknown[]): string {
  return path
    .filter(isPair)
    .map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?'))
    .join('.');
}

function lineOfPath(doc: Document.Parsed, path: readonly PathPart[], line: (offset: number) => number): number {
  let node: unknown = doc.contents;
  let best = node && (node as Node).range ? line((node as Node).range![0]) : 1;
  for (const part of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(part));
      if (!pair) return best;
      if (isScalar(pair.key) && pair.key.range) best = line(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(String(part))) {
      const item = node.items[Number(part)] as Node | undefined;
      if (!item) return best;
      if (item.range) best = line(item.range[0]);
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

/** Split a JSON pointer ("/jobs/build/runs-on") into path parts, unescaping ~1 and ~0. */
export function pointerToPath(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Plain-object guard for parsed YAML values. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
