/**
 * LCOV tracefiles (istanbul/nyc, c8, gcov/lcov, bazel `coverage.dat`, coverage.py `coverage lcov`).
 * Lines are counted from DA records the way genhtml does (LF/LH are summaries and are used only for a
 * record without DA lines). Records for the same SF are merged: a line is covered if any record hit it.
 * Hit counts are compared as text, so u64 values such as 18446744073709551615 never lose precision.
 */
import { ToolFailure } from '../../../src/errors.js';
import { counter, type CoverageResult } from './coverage-result.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Line states of one source file: 0 not instrumented, 1 instrumented, 2 hit. Compact for 20 MB tracefiles. */
class LineStates {
  states = new Uint8Array(256);
  mark(line: number, hit: boolean): void {
    if (line >= this.states.length) {
      let size = this.states.length;
      while (size <= line) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.states);
      this.states = grown;
    }
    const next = hit ? 2 : 1;
    if (this.states[line]! < next) this.states[line] = next;
  }
  count(): { covered: number; total: number } {
    let covered = 0;
    let total = 0;
    for (const s of this.states) {
      if (s !== 0) total += 1;
      if (s === 2) covered += 1;
    }
    return { covered, total };
  }
}

interface SourceFile {
  lines: LineStates;
  hasDa: boolean;
  branches: Map<string, boolean>;
  functions: Map<string, boolean>;
  /** Summary lines of records that had no detail lines (LF/LH, BRF/BRH, FNF/FNH). */
  summary: { lf: number; lh: number; brf: number; brh: number; fnf: number; fnh: number };
}

/** Positive count written as decimal text (any size) between `from` and `to`; "-" and 0 are not hits. */
function isHitAt(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 49 && c <= 57) return true; // 1-9
    if (c !== 48 && c !== 32) return false; // '-', '+', garbage: not a hit
  }
  return false;
}

const isHit = (count: string) => isHitAt(count, 0, count.length);

/**
 * Read "<line>,<hits>" of a DA line between `k` and `end` without making strings: returns line * 2 + (hit ? 1 : 0),
 * or -1 when the line is unusual (huge or signed counts, a checksum, garbage) and needs the careful path.
 */
function readDa(text: string, k: number, end: number): number {
  let number = 0;
  let digits = 0;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) break;
    number = number * 10 + (c - 48);
    digits += 1;
  }
  if (digits === 0 || digits > 9 || text.charCodeAt(k) !== 44) return -1;
  let hit = 0;
  let hitDigits = 0;
  for (k += 1; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c < 48 || c > 57) break;
    if (c !== 48) hit = 1;
    hitDigits += 1;
  }
  if (hitDigits === 0 || hitDigits > 15 || k !== end) return -1;
  return number * 2 + hit;
}

/** Parse an LCOV text; `file` names it in errors. */
export function parseLcov(text: string, file: string): CoverageResult {
  const files = new Map<string, SourceFile>();
  const warnings: string[] = [];
  let current: SourceFile | null = null;
  let currentSummary = { lf: -1, lh: -1, brf: -1, brh: -1, fnf: -1, fnh: -1 };
  let currentHas = { da: false, brda: false, fn: false };
  let lineNo = 0;

  const fail = (what: string): never => {
    throw new ToolFailure(`${file}:${lineNo}: malformed LCOV: ${what}`, { file, line: lineNo });
  };
  const need = (): SourceFile => current ?? fail('a record line before any "SF:" line');
  const endRecord = () => {
    if (!current) return;
    // Summaries count only where the record has no detail lines: details are the truth when present.
    const s = current.summary;
    if (!currentHas.da && currentSummary.lf >= 0) {
      s.lf += currentSummary.lf;
      s.lh += Math.max(0, currentSummary.lh);
    }
    if (!currentHas.brda && currentSummary.brf >= 0) {
      s.brf += currentSummary.brf;
      s.brh += Math.max(0, currentSummary.brh);
    }
    if (!currentHas.fn && currentSummary.fnf >= 0) {
      s.fnf += currentSummary.fnf;
      s.fnh += Math.max(0, currentSummary.fnh);
    }
    current = null;
  };

  let from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (from <= text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    lineNo += 1;
    const start = from;
    const end = to > start && text.charCodeAt(to - 1) === 13 ? to - 1 : to;
    from = to + 1;
    if (end === start) continue;
    // Fast path for ordinary DA lines (most of a tracefile): read the digits in place, no strings made.
    if (current && text.charCodeAt(start) === 68 && text.charCodeAt(start + 1) === 65 && text.charCodeAt(start + 2) === 58) {
      const da = readDa(text, start + 3, end);
      if (da >= 0) {
        current.lines.mark(Math.floor(da / 2), da % 2 === 1);
        current.hasDa = true;
        currentHas.da = true;
        continue;
      }
    }
    // Fast path for BRDA lines: one string (the branch key) instead of four.
    if (current && text.startsWith('BRDA:', start)) {
      const last = text.lastIndexOf(',', end - 1);
      const first = text.indexOf(',', start + 5);
      const second = first === -1 ? -1 : text.indexOf(',', first + 1);
      if (second !== -1 && second < last) {
        const key = text.slice(start + 5, last);
        const taken = isHitAt(text, last + 1, end);
        if (taken || !current.branches.has(key)) current.branches.set(key, taken);
        currentHas.brda = true;
        continue;
      }
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(':');
    const tag = colon === -1 ? line.trim() : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1);
    switch (tag) {
      case 'SF': {
        if (current) fail('"SF:" inside a record (the previous record has no "end_of_record")');
        const path = value.trim();
        if (!path) fail('"SF:" with no file name');
        current = files.get(path) ?? null;
        if (!current) {
          current = { lines: new LineStates(), hasDa: false, branches: new Map(), functions: new Map(), summary: { lf: 0, lh: 0, brf: 0, brh: 0, fnf: 0, fnh: 0 } };
          files.set(path, current);
        }
        currentSummary = { lf: -1, lh: -1, brf: -1, brh: -1, fnf: -1, fnh: -1 };
        currentHas = { da: false, brda: false, fn: false };
        break;
      }
      case 'DA': {
        const record = need();
        const comma = value.indexOf(',');
        const number = Number(value.slice(0, comma));
        if (comma === -1 || !Number.isInteger(number) || number < 0) fail(`expected "DA:<line>,<hits>", found "${line}"`);
        const end = value.indexOf(',', comma + 1);
        const hits = value.slice(comma + 1, end === -1 ? undefined : end).trim();
        if (!/^[+-]?\d+$/.test(hits)) fail(`expected a hit count in "${line}"`);
        if (hits.length > 15 && BigInt(hits) > MAX_SAFE && warnings.length < 10) {
          warnings.push(`${file}:${lineNo}: hit count ${hits} is beyond 2^53 (an unsigned -1 underflow?); counted as covered`);
        }
        if (hits.startsWith('-') && warnings.length < 10) warnings.push(`${file}:${lineNo}: negative hit count ${hits}; counted as not covered`);
        record.lines.mark(number, isHit(hits));
        record.hasDa = true;
        currentHas.da = true;
        break;
      }
      case 'BRDA': {
        const record = need();
        const last = value.lastIndexOf(',');
        const second = value.indexOf(',', value.indexOf(',') + 1);
        if (second === -1 || last <= second) fail(`expected "BRDA:<line>,<block>,<branch>,<taken>", found "${line}"`);
        // "-" means the branch's block never ran: counted, not taken.
        const taken = value.slice(last + 1).trim();
        const key = value.slice(0, last);
        record.branches.set(key, record.branches.get(key) === true || isHit(taken));
        currentHas.brda = true;
        break;
      }
      case 'FN': {
        const record = need();
        // FN:<line>,<name> (lcov 1) or FN:<line>,<end line>,<name> (lcov 2); C++ names may hold commas.
        const rest = value.slice(value.indexOf(',') + 1);
        const name = /^\d+,/.test(rest) ? rest.slice(rest.indexOf(',') + 1) : rest;
        if (!record.functions.has(name)) record.functions.set(name, false);
        currentHas.fn = true;
        break;
      }
      case 'FNDA': {
        const record = need();
        const comma = value.indexOf(',');
        if (comma === -1) fail(`expected "FNDA:<hits>,<name>", found "${line}"`);
        const name = value.slice(comma + 1);
        record.functions.set(name, record.functions.get(name) === true || isHit(value.slice(0, comma)));
        currentHas.fn = true;
        break;
      }
      case 'FNA': {
        // lcov 2: FNA:<index>,<hits>,<name>
        const record = need();
        const [index, hits] = value.split(',');
        record.functions.set(`#${index}`, record.functions.get(`#${index}`) === true || isHit(hits ?? ''));
        currentHas.fn = true;
        break;
      }
      case 'LF':
      case 'LH':
      case 'BRF':
      case 'BRH':
      case 'FNF':
      case 'FNH': {
        need();
        const n = Number(value.trim());
        if (!Number.isInteger(n) || n < 0) fail(`expected a count in "${line}"`);
        currentSummary[tag.toLowerCase() as keyof typeof currentSummary] = n;
        break;
      }
      case 'end_of_record':
        need();
        endRecord();
        break;
      default:
        // TN, VER, FNL, BRF-like extensions and comments carry nothing we count.
        break;
    }
  }
  if (current) {
    warnings.push(`${file}: the last record has no "end_of_record" (truncated?)`);
    endRecord();
  }
  if (files.size === 0) throw new ToolFailure(`${file}: expected LCOV records ("SF:" … "end_of_record"), found none`, { file });
  return summarise(files, warnings);
}

function summarise(files: Map<string, SourceFile>, warnings: string[]): CoverageResult {
  let lc = 0;
  let lt = 0;
  let bc = 0;
  let bt = 0;
  let fc = 0;
  let ft = 0;
  for (const source of files.values()) {
    const lines = source.lines.count();
    lc += lines.covered + source.summary.lh;
    lt += lines.total + source.summary.lf;
    for (const taken of source.branches.values()) {
      bt += 1;
      if (taken) bc += 1;
    }
    bc += source.summary.brh;
    bt += source.summary.brf;
    for (const hit of source.functions.values()) {
      ft += 1;
      if (hit) fc += 1;
    }
    fc += source.summary.fnh;
    ft += source.summary.fnf;
  }
  return {
    format: 'lcov',
    lines: counter(lc, lt),
    ...(bt > 0 ? { branches: counter(bc, bt) } : {}),
    ...(ft > 0 ? { functions: counter(fc, ft) } : {}),
    files: files.size,
    warnings,
  };
}
