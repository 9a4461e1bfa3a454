/**
 * Prometheus text exposition format (version 0.0.4) parser.
 *
 * Written here rather than taken from npm: `parse-prometheus-text-format` (last release 2024, a 2019 build)
 * accepts the invalid `\u` escape silently, reports bad lines without a line number, returns values as
 * strings, and reshapes histograms so the per-series samples we compute SLIs from are lost.
 * This parser follows Prometheus' own text parser: it rejects what Prometheus rejects (with the line number)
 * and keeps every sample with its labels, value and optional millisecond timestamp.
 */
import { ExpositionError } from './exposition-error.js';
import { parseSampleValue, parseTimestamp } from './parse-number.js';

export { ExpositionError } from './exposition-error.js';

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface ExpositionSample {
  /** Series name as written (`http_request_duration_seconds_bucket`, not the family name). */
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch when the line carried one (may be negative), otherwise null. */
  timestampMs: number | null;
  /** 1-based line number in the input. */
  line: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string | null;
  samples: ExpositionSample[];
}

export interface Exposition {
  families: MetricFamily[];
  /** Every sample in input order. */
  samples: ExpositionSample[];
}

export interface ParseExpositionOptions {
  /** Where the text came from (a file or URL), quoted in errors. */
  source?: string;
}

const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

/** Series-name suffixes that belong to a family of the given type. */
const SUFFIXES: Record<MetricType, string[]> = {
  counter: [],
  gauge: [],
  untyped: [],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['_sum', '_count'],
};

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57);
const isLabelStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isLabelChar = (c: number) => isLabelStart(c) || (c >= 48 && c <= 57);
const isBlank = (c: number) => c === 32 || c === 9;

/** Parse exposition text into families and samples; throws `ExpositionError` naming the line on malformed input. */
export function parseExposition(text: string, options: ParseExpositionOptions = {}): Exposition {
  const state = new ParserState(options.source ?? '(exposition)');
  let start = 0;
  let lineNo = 0;
  const length = text.length;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = length;
    lineNo += 1;
    // Tolerate CRLF line endings from Windows exporters; a lone trailing \r is never meaningful.
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineEnd > start) state.parseLine(text, start, lineEnd, lineNo);
    if (end === length) break;
    start = end + 1;
  }
  return { families: state.families, samples: state.samples };
}

class ParserState {
  readonly families: MetricFamily[] = [];
  readonly samples: ExpositionSample[] = [];
  private readonly byName = new Map<string, MetricFamily>();
  private readonly typedAt = new Map<string, number>();
  private readonly helpAt = new Map<string, number>();
  private current: MetricFamily | null = null;
  /** Scan position handed back by the label readers (avoids a result object per label). */
  private pos = 0;
  /** Bounds of the line being parsed in the whole text. */
  private lineStart = 0;
  private lineEnd = 0;
  /** Position of the next backslash in the text at or after the current line (-1: none left); moves forward only. */
  private nextBackslash = 0;
  private lastName: string | undefined;
  private lastSeries: string | undefined;
  private lastSeriesFamily: MetricFamily | null = null;
  private readonly labelNames: string[] = [];
  private readonly labelValues: string[] = [];

  constructor(private readonly source: string) {}

  /**
   * Parse the line text[start, end). Samples are read in place from the whole text: character access on a
   * flat string is several times faster than on a per-line slice, which matters for 10 MB scrapes.
   */
  parseLine(text: string, start: number, end: number, lineNo: number): void {
    const i = skipBlanks(text, start, end);
    if (i === end) return;
    this.lineStart = start;
    this.lineEnd = end;
    if (text.charCodeAt(i) === 35 /* # */) {
      const line = text.slice(start, end);
      this.parseComment(line, i - start + 1, lineNo);
    } else this.parseSample(text, i, lineNo);
  }

  /** The text of the line being parsed (for error messages only). */
  private lineText(text: string): string {
    return text.slice(this.lineStart, this.lineEnd);
  }

  private fail(lineNo: number, message: string, line: string): never {
    throw new ExpositionError(this.source, lineNo, message, line);
  }

  private parseComment(line: string, at: number, lineNo: number): void {
    let i = at;
    if (i >= line.length || !isBlank(line.charCodeAt(i))) return; // "#foo": a plain comment
    while (i < line.length && isBlank(line.charCodeAt(i))) i++;
    const keywordEnd = scanToBlank(line, i, line.length);
    const keyword = line.slice(i, keywordEnd);
    if (keyword !== 'HELP' && keyword !== 'TYPE') return; // any other comment is ignored, like Prometheus does
    i = skipBlanks(line, keywordEnd, line.length);
    const nameEnd = scanName(line, i, line.length);
    if (nameEnd === i) this.fail(lineNo, `expected a metric name after "# ${keyword}"`, line);
    const name = line.slice(i, nameEnd);
    if (nameEnd < line.length && !isBlank(line.charCodeAt(nameEnd))) {
      this.fail(lineNo, `invalid character '${line[nameEnd]}' in metric name "${name}${line[nameEnd]}"`, line);
    }
    const rest = line.slice(skipBlanks(line, nameEnd, line.length));
    if (keyword === 'TYPE') this.recordType(name, rest.trim(), lineNo, line);
    else this.recordHelp(name, unescapeHelp(rest, (message) => this.fail(lineNo, message, line)), lineNo, line);
  }

  private recordType(name: string, typeText: string, lineNo: number, line: string): void {
    if (!TYPES.has(typeText as MetricType)) {
      this.fail(lineNo, `unknown metric type "${typeText}" for ${name} (expected counter, gauge, histogram, summary or untyped)`, line);
    }
    const seenAt = this.typedAt.get(name);
    if (seenAt !== undefined) this.fail(lineNo, `second TYPE line for metric ${name} (first on line ${seenAt})`, line);
    const family = this.byName.get(name);
    if (family && family.samples.length > 0) this.fail(lineNo, `TYPE line for ${name} after its samples`, line);
    this.typedAt.set(name, lineNo);
    const target = family ?? this.createFamily(name);
    target.type = typeText as MetricType;
    this.current = target;
  }

  private recordHelp(name: string, help: string, lineNo: number, line: string): void {
    const seenAt = this.helpAt.get(name);
    if (seenAt !== undefined) this.fail(lineNo, `second HELP line for metric ${name} (first on line ${seenAt})`, line);
    this.helpAt.set(name, lineNo);
    const family = this.byName.get(name) ?? this.createFamily(name);
    family.help = help;
    this.current = family;
  }

  private createFamily(name: string): MetricFamily {
    const family: MetricFamily = { name, type: 'untyped', help: null, samples: [] };
    this.families.push(family);
    this.byName.set(name, family);
    return family;
  }

  /** The family a series name belongs to: the current one when the name matches it (with its type's suffixes). */
  private familyFor(name: string): MetricFamily {
    // Names are reused strings (see parseSample), so an identity check answers most lines at once.
    if (name === this.lastSeries && this.lastSeriesFamily === this.current && this.current) return this.current;
    const family = this.resolveFamily(name);
    this.lastSeries = name;
    this.lastSeriesFamily = family;
    return family;
  }

  private resolveFamily(name: string): MetricFamily {
    const current = this.current;
    if (current) {
      if (name === current.name) return current;
      for (const suffix of SUFFIXES[current.type]) {
        if (name.length === current.name.length + suffix.length && name.startsWith(current.name) && name.endsWith(suffix)) return current;
      }
    }
    // A stray sample under another family's TYPE, or no metadata at all: an untyped family of its own.
    const family = this.byName.get(name) ?? this.createFamily(name);
    this.current = family;
    return family;
  }

  private parseSample(line: string, at: number, lineNo: number): void {
    const end = this.lineEnd;
    // Consecutive lines usually repeat the series name: a native prefix compare replaces the per-character scan.
    const last = this.lastName;
    let nameEnd: number;
    let name: string;
    if (last !== undefined && matchesAt(line, at, last, end) && !isNameChar(line.charCodeAt(at + last.length))) {
      name = last;
      nameEnd = at + last.length;
    } else {
      nameEnd = scanName(line, at, end);
      if (nameEnd === at) {
        const found = line[at] === '{' ? 'a "{" (quoted UTF-8 metric names are not supported)' : `'${line[at]}'`;
        this.fail(lineNo, `expected a metric name at column ${at - this.lineStart + 1}, found ${found}`, this.lineText(line));
      }
      name = line.slice(at, nameEnd);
      this.lastName = name;
    }
    let i = nameEnd;
    let labels: Record<string, string> = {};
    if (i < end && line.charCodeAt(i) === 123 /* { */) {
      labels = this.parseLabels(line, i + 1, lineNo, name);
      i = this.pos;
    }
    if (i < end && !isBlank(line.charCodeAt(i))) {
      this.fail(lineNo, `invalid character '${line[i]}' after metric name ${name} (expected a space or '{')`, this.lineText(line));
    }
    i = skipBlanks(line, i, end);
    const valueEnd = scanToBlank(line, i, end);
    if (valueEnd === i) this.fail(lineNo, `expected a value for ${name}, found the end of the line`, this.lineText(line));
    const value = valueEnd - i <= 15 ? parseDigits(line, i, valueEnd) ?? parseSampleValue(line.slice(i, valueEnd)) : parseSampleValue(line.slice(i, valueEnd));
    if (value === undefined) this.fail(lineNo, `expected a float value for ${name}, found "${line.slice(i, valueEnd)}"`, this.lineText(line));
    i = skipBlanks(line, valueEnd, end);
    let timestampMs: number | null = null;
    if (i < end) {
      const tsEnd = scanToBlank(line, i, end);
      const ts = parseTimestamp(line.slice(i, tsEnd));
      if (ts === undefined) this.fail(lineNo, `expected an integer millisecond timestamp for ${name}, found "${line.slice(i, tsEnd)}"`, this.lineText(line));
      timestampMs = ts;
      i = skipBlanks(line, tsEnd, end);
      if (i < end) this.fail(lineNo, `unexpected text after the timestamp of ${name}: "${line.slice(i, end)}"`, this.lineText(line));
    }
    const sample: ExpositionSample = { name, labels, value, timestampMs, line: lineNo };
    this.familyFor(name).samples.push(sample);
    this.samples.push(sample);
  }

  /** Labels from just after '{'; leaves `this.pos` just after the closing '}'. */
  private parseLabels(line: string, at: number, lineNo: number, metric: string): Record<string, string> {
    const end = this.lineEnd;
    const labels: Record<string, string> = {};
    // Escapes are rare: when the line has no backslash at all, every value is a plain slice.
    if (this.nextBackslash !== -1 && this.nextBackslash < at) this.nextBackslash = line.indexOf('\\', at);
    const plain = this.nextBackslash === -1 || this.nextBackslash >= end;
    let i = skipBlanks(line, at, end);
    for (let k = 0; ; k++) {
      if (i >= end) this.fail(lineNo, `unexpected end of line inside the labels of ${metric} (missing '}')`, this.lineText(line));
      if (line.charCodeAt(i) === 125 /* } */) {
        this.pos = i + 1;
        return labels;
      }
      // Series of one family repeat the same label names: reusing the previous string saves a scan, an allocation and a hash.
      let labelName = this.labelNames[k];
      let nameEnd: number;
      if (labelName !== undefined && matchesAt(line, i, labelName, end) && !isLabelChar(line.charCodeAt(i + labelName.length))) {
        nameEnd = i + labelName.length;
      } else {
        if (!isLabelStart(line.charCodeAt(i))) this.fail(lineNo, `invalid label name start '${line[i]}' in ${metric} at column ${i - this.lineStart + 1}`, this.lineText(line));
        nameEnd = scanLabelName(line, i, end);
        labelName = line.slice(i, nameEnd);
        this.labelNames[k] = labelName;
      }
      i = skipBlanks(line, nameEnd, end);
      if (line.charCodeAt(i) !== 61 /* = */) this.fail(lineNo, `expected '=' after label ${labelName} of ${metric}, found ${describeChar(line, i, end, this.lineStart)}`, this.lineText(line));
      i = skipBlanks(line, i + 1, end);
      if (line.charCodeAt(i) !== 34 /* " */) this.fail(lineNo, `expected '"' to open the value of label ${labelName} of ${metric}, found ${describeChar(line, i, end, this.lineStart)}`, this.lineText(line));
      let text: string;
      const found = plain ? line.indexOf('"', i + 1) : -1;
      const quote = found < end ? found : -1;
      if (quote !== -1) {
        // Values repeat from series to series (method, version, le): reuse the previous string when it is the same text.
        const previous = this.labelValues[k];
        text = previous !== undefined && previous.length === quote - i - 1 && matchesAt(line, i + 1, previous, end) ? previous : line.slice(i + 1, quote);
        this.labelValues[k] = text;
        this.pos = quote + 1;
      } else {
        text = this.readEscapedLabelValue(line, i + 1, lineNo, metric, labelName);
      }
      // Duplicates: compare with this line's earlier names (cheaper than a keyed lookup on the object).
      for (let j = 0; j < k; j++) if (this.labelNames[j] === labelName) this.fail(lineNo, `duplicate label ${labelName} in ${metric}`, this.lineText(line));
      // `__proto__` is a valid label name; a plain assignment would change the object's prototype instead.
      if (labelName === '__proto__') Object.defineProperty(labels, labelName, { value: text, enumerable: true, writable: true, configurable: true });
      else labels[labelName] = text;
      i = skipBlanks(line, this.pos, end);
      const c = line.charCodeAt(i);
      if (c === 44 /* , */) {
        i = skipBlanks(line, i + 1, end);
        continue;
      }
      if (c === 125) {
        this.pos = i + 1;
        return labels;
      }
      const hint = c === 34 || isLabelChar(c) || c === 47 ? ' (an unescaped \'"\' inside the value of the previous label?)' : '';
      this.fail(lineNo, `expected ',' or '}' after the value of label ${labelName} of ${metric}, found ${describeChar(line, i, end, this.lineStart)}${hint}`, this.lineText(line));
    }
  }

  /** A label value that may hold escapes, from just after its opening quote; leaves `this.pos` after the closing quote. */
  private readEscapedLabelValue(line: string, at: number, lineNo: number, metric: string, label: string): string {
    const end = this.lineEnd;
    let i = at;
    let out = '';
    let chunkStart = i;
    while (i < end) {
      const c = line.charCodeAt(i);
      if (c === 34) {
        this.pos = i + 1;
        return out + line.slice(chunkStart, i);
      }
      if (c === 92 /* \ */) {
        out += line.slice(chunkStart, i);
        const next = i + 1 < end ? line[i + 1] : undefined;
        if (next === '\\') out += '\\';
        else if (next === '"') out += '"';
        else if (next === 'n') out += '\n';
        else {
          const seq = next === undefined ? '\\ at the end of the line' : `'\\${next}'`;
          this.fail(lineNo, `invalid escape sequence ${seq} in the value of label ${label} of ${metric} (only \\\\, \\" and \\n are allowed)`, this.lineText(line));
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      i++;
    }
    return this.fail(lineNo, `unexpected end of line in the value of label ${label} of ${metric} (missing closing '"')`, this.lineText(line));
  }
}

/** True when `text` occurs in `src` at `at`, within `end` (a plain loop: String#startsWith with a position is slower). */
function matchesAt(src: string, at: number, text: string, end: number): boolean {
  if (at + text.length > end) return false;
  for (let j = 0; j < text.length; j++) if (src.charCodeAt(at + j) !== text.charCodeAt(j)) return false;
  return true;
}

/** Counter and bucket values are mostly plain integers: read them without a slice and a regex (null otherwise). */
function parseDigits(src: string, at: number, end: number): number | null {
  let value = 0;
  for (let i = at; i < end; i++) {
    const d = src.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  return value;
}

// The scanners below are plain loops (no callbacks) over src[at, end): they run once per character of a 10 MB scrape.

function skipBlanks(src: string, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

function scanToBlank(src: string, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9) break;
    i++;
  }
  return i;
}

function scanLabelName(src: string, at: number, end: number): number {
  let i = at;
  while (i < end && isLabelChar(src.charCodeAt(i))) i++;
  return i;
}

/** End of a metric name starting at `at` (equal to `at` when none starts there). */
function scanName(src: string, at: number, end: number): number {
  if (at >= end || !isNameStart(src.charCodeAt(at))) return at;
  let i = at + 1;
  while (i < end && isNameChar(src.charCodeAt(i))) i++;
  return i;
}

function describeChar(src: string, at: number, end: number, lineStart: number): string {
  return at >= end ? 'the end of the line' : `'${src[at]}' at column ${at - lineStart + 1}`;
}

/** HELP text escapes: only `\\` and `\n`. */
function unescapeHelp(text: string, fail: (message: string) => never): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = text[i + 1];
    if (next === '\\') out += '\\';
    else if (next === 'n') out += '\n';
    else fail(`invalid escape sequence '\\${next ?? ''}' in HELP text (only \\\\ and \\n are allowed)`);
    i++;
  }
  return out;
}
