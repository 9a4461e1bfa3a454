/**
 * Cobertura XML (coverage.py `coverage xml`, Cobertura/JaCoCo converters for Java, coverlet for .NET).
 * Counts come from the <line> elements, not from line-rate/branch-rate (rates are rounded, and some
 * writers get them wrong). Like Cobertura itself, lines are counted per <class>: a line listed both under
 * a <method> and under its <class> counts once, while inner classes sharing a file keep their own lines.
 * Branches come from condition-coverage="50% (1/2)".
 */
import { ToolFailure } from '../../../src/errors.js';
import { lineAndColumn } from '../junit/text-position.js';
import { scanXml, type XmlAttributes } from '../junit/xml-scanner.js';
import { counter, percent, type CoverageResult } from './coverage-result.js';

interface LineInfo {
  hit: boolean;
  branchesCovered: number;
  branchesTotal: number;
}

const CONDITION = /\((\d+)\s*\/\s*(\d+)\)/;

/** Parse a Cobertura XML text; `file` names it in errors. */
export function parseCobertura(text: string, file: string): CoverageResult {
  const warnings: string[] = [];
  const filenames = new Set<string>();
  let root: XmlAttributes | null = null;
  let classLines: Map<number, LineInfo> | null = null;
  let className = '';
  let lineElements = 0;
  const totals = { lc: 0, lt: 0, bc: 0, bt: 0 };

  const fail = (offset: number, what: string): never => {
    const { line } = lineAndColumn(text, offset);
    throw new ToolFailure(`${file}:${line}: unexpected Cobertura content: ${what}`, { file, line });
  };

  scanXml(text, file, {
    open(name, attributes, _selfClosing, offset) {
      if (root === null) {
        if (name !== 'coverage') fail(offset, `expected root <coverage>, found <${name}>`);
        root = attributes;
        return;
      }
      if (name === 'class') {
        classLines = new Map();
        className = attributes.name ?? '';
        if (attributes.filename) filenames.add(attributes.filename);
      } else if (name === 'line') {
        if (!classLines) {
          if (warnings.length < 10) warnings.push(`${file}:${lineAndColumn(text, offset).line}: a <line> outside any <class>; ignored`);
          return;
        }
        const number = Number(attributes.number);
        const hits = attributes.hits;
        if (!Number.isInteger(number)) fail(offset, `<line> in class "${className}" has no integer number attribute`);
        if (hits === undefined || !/^\s*[+-]?\d+(\.\d+)?\s*$/.test(hits)) fail(offset, `<line number="${number}"> in class "${className}" has no numeric hits attribute`);
        lineElements += 1;
        const condition = CONDITION.exec(attributes['condition-coverage'] ?? '');
        const info = classLines.get(number) ?? { hit: false, branchesCovered: 0, branchesTotal: 0 };
        info.hit = info.hit || Number(hits) > 0;
        if (condition) {
          info.branchesCovered = Math.max(info.branchesCovered, Number(condition[1]));
          info.branchesTotal = Math.max(info.branchesTotal, Number(condition[2]));
        }
        classLines.set(number, info);
      }
    },
    close(name) {
      if (name !== 'class' || !classLines) return;
      for (const info of classLines.values()) {
        totals.lt += 1;
        if (info.hit) totals.lc += 1;
        totals.bc += info.branchesCovered;
        totals.bt += info.branchesTotal;
      }
      classLines = null;
    },
  });

  const attrs: XmlAttributes = root ?? {};
  const declared = {
    lc: numberAttr(attrs['lines-covered']),
    lt: numberAttr(attrs['lines-valid']),
    bc: numberAttr(attrs['branches-covered']),
    bt: numberAttr(attrs['branches-valid']),
  };
  if (lineElements === 0) {
    // A summary-only report: the count attributes are all there is (rates are a last resort).
    if (declared.lc !== null && declared.lt !== null) {
      warnings.push(`${file}: no <line> elements; used the root lines-covered/lines-valid attributes`);
      totals.lc = declared.lc;
      totals.lt = declared.lt;
      totals.bc = declared.bc ?? 0;
      totals.bt = declared.bt ?? 0;
    } else {
      throw new ToolFailure(`${file}: expected Cobertura <line> elements or lines-covered/lines-valid attributes on <coverage>, found neither`, { file });
    }
  } else {
    if (declared.lt !== null && (declared.lt !== totals.lt || declared.lc !== totals.lc)) {
      warnings.push(`${file}: <coverage lines-covered="${declared.lc}" lines-valid="${declared.lt}"> disagrees with the ${totals.lc}/${totals.lt} counted from <line> elements; used the elements`);
    }
  }
  const rate = numberAttr(attrs['branch-rate']);
  const branchPct = percent(totals.bc, totals.bt);
  if (rate !== null && branchPct !== null && Math.abs(rate * 100 - branchPct) >= 0.5) {
    warnings.push(`${file}: branch-rate="${attrs['branch-rate']}" disagrees with branches ${totals.bc}/${totals.bt} = ${branchPct}%; used the counts`);
  }
  return {
    format: 'cobertura',
    lines: counter(totals.lc, totals.lt),
    ...(totals.bt > 0 ? { branches: counter(totals.bc, totals.bt) } : {}),
    files: filenames.size,
    warnings,
  };
}

function numberAttr(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
