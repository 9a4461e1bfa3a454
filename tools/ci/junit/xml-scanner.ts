/**
 * A small, strict, streaming XML scanner (SAX style) for report files: JUnit and Cobertura.
 * Why not a DOM parser: a 50,000-testcase JUnit file must parse in well under a second, and a malformed
 * file must fail with the line of the problem. It checks well-formedness (nesting, quoting, entities,
 * one root) but does not validate against a schema, and it never expands DTD entities.
 */
import { ToolFailure } from '../../../src/errors.js';
import { decodeEntities, EntityError } from './xml-entities.js';
import { lineAndColumn } from './text-position.js';

export type XmlAttributes = Record<string, string>;

export interface XmlHandler {
  /** An element starts at character `offset`; `selfClosing` elements get `close` right after. */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean, offset: number): void;
  close(name: string): void;
  /** Decoded character data (text and CDATA). Called only while `capture` is true, to keep the scan fast. */
  text?(value: string): void;
  capture?: boolean;
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isNameEnd = (c: number) => isSpace(c) || c === 62 /* > */ || c === 47 /* / */ || c === 61 /* = */ || Number.isNaN(c);

/** Scan `text` (the content of `file`), calling `handler` for each element; throws ToolFailure naming file and line. */
export function scanXml(text: string, file: string, handler: XmlHandler): void {
  const fail = (offset: number, what: string): never => {
    const { line, column } = lineAndColumn(text, offset);
    throw new ToolFailure(`${file}:${line}:${column}: malformed XML: ${what}`, { file, line });
  };
  const decode = (raw: string, start: number): string => {
    try {
      return decodeEntities(raw);
    } catch (error) {
      if (error instanceof EntityError) return fail(start + error.offset, error.message);
      throw error;
    }
  };

  const n = text.length;
  const names: string[] = [];
  const opened: number[] = [];
  let rootSeen = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const onText = (start: number, end: number) => {
    if (names.length === 0) {
      for (let k = start; k < end; k++) if (!isSpace(text.charCodeAt(k))) fail(k, 'text outside the root element');
      return;
    }
    // Entities are checked even when the text is not wanted: a bare "&" makes the whole file invalid.
    const raw = text.slice(start, end);
    const needsDecode = raw.indexOf('&') !== -1;
    if (handler.capture && handler.text) handler.text(needsDecode ? decode(raw, start) : raw);
    else if (needsDecode) decode(raw, start);
  };

  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt === -1) {
      onText(i, n);
      break;
    }
    if (lt > i) onText(i, lt);
    const next = text.charCodeAt(lt + 1);
    if (next === 63 /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end === -1) fail(lt, 'a processing instruction "<?" is never closed with "?>"');
      i = end + 2;
    } else if (next === 33 /* ! */) {
      i = skipMarkup(text, lt, names.length > 0, handler, fail);
    } else if (next === 47 /* / */) {
      const end = text.indexOf('>', lt + 2);
      if (end === -1) fail(lt, 'a closing tag is never closed with ">"');
      const name = text.slice(lt + 2, end).trim();
      const top = names[names.length - 1];
      if (top === undefined) fail(lt, `a closing tag </${name}> with no open element`);
      if (name !== top) fail(lt, `expected </${top}> (opened at line ${lineAndColumn(text, opened[opened.length - 1]!).line}), found </${name}>`);
      names.pop();
      opened.pop();
      handler.close(name);
      i = end + 1;
    } else {
      if (names.length === 0 && rootSeen) fail(lt, 'a second root element (a document has exactly one)');
      i = readStartTag(text, lt, handler, names, opened, fail, decode);
      rootSeen = true;
    }
  }
  if (names.length > 0) {
    fail(n, `the file ends while <${names[names.length - 1]}> (opened at line ${lineAndColumn(text, opened[opened.length - 1]!).line}) is still open (truncated?)`);
  }
  if (!rootSeen) fail(n, 'no root element (empty or not XML)');
}

/** Comments, CDATA sections and a DOCTYPE; returns the offset after them. */
function skipMarkup(text: string, lt: number, inRoot: boolean, handler: XmlHandler, fail: (at: number, what: string) => never): number {
  if (text.startsWith('<!--', lt)) {
    const end = text.indexOf('-->', lt + 4);
    if (end === -1) fail(lt, 'a comment "<!--" is never closed with "-->"');
    return end + 3;
  }
  if (text.startsWith('<![CDATA[', lt)) {
    const end = text.indexOf(']]>', lt + 9);
    if (end === -1) fail(lt, 'a CDATA section is never closed with "]]>"');
    if (!inRoot) fail(lt, 'a CDATA section outside the root element');
    if (handler.capture && handler.text) handler.text(text.slice(lt + 9, end));
    return end + 3;
  }
  if (text.startsWith('<!DOCTYPE', lt)) {
    // Skip an internal subset "[...]" without reading it: declared entities are never expanded.
    const bracket = text.indexOf('[', lt);
    const close = text.indexOf('>', lt);
    if (close === -1) fail(lt, 'a DOCTYPE is never closed with ">"');
    if (bracket !== -1 && bracket < close) {
      const end = text.indexOf(']>', bracket);
      if (end === -1) fail(lt, 'a DOCTYPE internal subset is never closed with "]>"');
      return end + 2;
    }
    return close + 1;
  }
  return fail(lt, 'expected a comment, CDATA section or DOCTYPE after "<!"');
}

/** One start tag with its attributes; returns the offset after ">" or "/>". */
function readStartTag(
  text: string,
  lt: number,
  handler: XmlHandler,
  names: string[],
  opened: number[],
  fail: (at: number, what: string) => never,
  decode: (raw: string, start: number) => string,
): number {
  const n = text.length;
  let j = lt + 1;
  while (j < n && !isNameEnd(text.charCodeAt(j))) j++;
  const name = text.slice(lt + 1, j);
  if (name.length === 0 || /^[-.0-9]/.test(name) || name.includes('<')) fail(lt, `expected an element name after "<", found ${JSON.stringify(text.slice(lt, lt + 12))}`);
  const attributes: XmlAttributes = {};
  for (;;) {
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j >= n) fail(lt, `the start tag <${name}> is never closed with ">" (truncated?)`);
    const c = text.charCodeAt(j);
    if (c === 62 /* > */) {
      names.push(name);
      opened.push(lt);
      handler.open(name, attributes, false, lt);
      return j + 1;
    }
    if (c === 47 /* / */) {
      if (text.charCodeAt(j + 1) !== 62) fail(j, `expected "/>" to end <${name}>`);
      handler.open(name, attributes, true, lt);
      handler.close(name);
      return j + 2;
    }
    const start = j;
    while (j < n && !isNameEnd(text.charCodeAt(j))) j++;
    const key = text.slice(start, j);
    if (key.length === 0 || key.includes('<') || key.includes('"') || key.includes("'")) fail(start, `expected an attribute name or ">" in <${name}>`);
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 61 /* = */) fail(j, `expected "=" after attribute ${key} in <${name}>`);
    j++;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    const quote = text.charCodeAt(j);
    if (quote !== 34 && quote !== 39) fail(j, `expected a quoted value for attribute ${key} in <${name}>`);
    const end = text.indexOf(quote === 34 ? '"' : "'", j + 1);
    if (end === -1) fail(j, `the value of attribute ${key} in <${name}> is never closed`);
    const raw = text.slice(j + 1, end);
    const lessThan = raw.indexOf('<');
    if (lessThan !== -1) fail(j + 1 + lessThan, `"<" inside the value of attribute ${key} in <${name}> (unclosed quote?)`);
    if (Object.hasOwn(attributes, key)) fail(start, `attribute ${key} appears twice in <${name}>`);
    attributes[key] = decode(raw, j + 1);
    j = end + 1;
  }
}
