/** Parse JSON or YAML text and validate it with a zod schema, with errors naming file, field and line. */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { UserError, type SreError } from '../errors.js';

export type ErrorFactory = (message: string, context: { file?: string; field?: string; line?: number }) => SreError;

const userError: ErrorFactory = (message, context) => new UserError(message, context);

/** Read a file, failing with a clear message when it is missing or unreadable. */
export function readTextFile(file: string, what: string, makeError: ErrorFactory = userError): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : `it cannot be read (${code ?? String(error)})`;
    throw makeError(`${what} ${file}: expected a readable file, but ${why}`, { file });
  }
}

/** Find the 1-based line of a field path inside a YAML/JSON document, when it can be located. */
function lineOf(root: Node | null, path: PropertyKey[], counter: LineCounter): number | undefined {
  let node: Node | null | undefined = root;
  let lastRange: [number, number, number] | undefined = node?.range ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      node = pair.value as Node | null;
      const keyNode = pair.key as Node | null;
      lastRange = keyNode?.range ?? node?.range ?? lastRange;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | null;
      lastRange = node?.range ?? lastRange;
    } else break;
  }
  return lastRange ? counter.linePos(lastRange[0]).line : undefined;
}

/** Parse JSON/YAML text (YAML 1.2, so `on:` stays a string) and validate it. */
export function parseAndValidate<S extends z.ZodType>(
  text: string,
  schema: S,
  where: { file: string; what: string },
  makeError: ErrorFactory = userError,
): z.infer<S> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line ?? counter.linePos(first.pos[0]).line;
    throw makeError(`${where.what} ${where.file}${line ? `:${line}` : ''}: expected valid JSON or YAML, found a syntax error: ${first.message.split('\n')[0]}`, {
      file: where.file,
      line,
    });
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (data === null || data === undefined) throw makeError(`${where.what} ${where.file}: expected a document, found an empty file`, { file: where.file });
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const lines = issues.slice(0, 8).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(root)';
    const line = lineOf(doc.contents as Node | null, issue.path, counter);
    // zod says "expected object, received undefined" for a missing key: name it as missing.
    const message = /received undefined$/.test(issue.message) ? `required field is missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})` : issue.message;
    return `  - ${field}${line ? ` (line ${line})` : ''}: ${message}`;
  });
  const first = issues[0]!;
  throw makeError(`${where.what} ${where.file} does not match its schema:\n${lines.join('\n')}${issues.length > 8 ? `\n  … and ${issues.length - 8} more` : ''}`, {
    file: where.file,
    field: first.path.join('.'),
    line: lineOf(doc.contents as Node | null, first.path, counter),
  });
}
