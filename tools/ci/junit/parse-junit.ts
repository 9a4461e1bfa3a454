/**
 * Count test results in a JUnit XML document from its <testcase> elements.
 * Suite attributes (tests=, failures=) are advisory: producers get them wrong, so they are only compared
 * and reported as warnings. Handles <testsuites> or a bare <testsuite> root, suites nested at any depth,
 * testcases beside child suites, elements with no attributes, CDATA bodies and one-line documents.
 */
import { DEFAULTS } from '../../../src/constants.js';
import { ToolFailure } from '../../../src/errors.js';
import { emptyCounts, type JunitResult, type TestFailure } from './junit-result.js';
import { scanXml, type XmlAttributes, type XmlHandler } from './xml-scanner.js';

type Outcome = 'passed' | 'skipped' | 'failure' | 'error';
// A case with several result children takes the worst one.
const RANK: Record<Outcome, number> = { passed: 0, skipped: 1, failure: 2, error: 3 };
// Surefire's flakyFailure/rerunFailure/flakyError/rerunError record reruns: they are not results.
const RESULT_CHILDREN: Record<string, Outcome> = { failure: 'failure', error: 'error', skipped: 'skipped' };
const MAX_MESSAGE_CHARS = 300;
const MAX_WARNINGS = 10;

interface OpenCase {
  depth: number;
  suite: string;
  name: string;
  classname: string;
  outcome: Outcome;
  message: string;
  body: string | null;
}

interface OpenSuite {
  depth: number;
  name: string;
  declared: number | null;
  counted: number;
}

/** Parse one JUnit XML text; `file` names it in errors. */
export function parseJunit(text: string, file: string, options: { maxFailures?: number } = {}): JunitResult {
  const maxFailures = options.maxFailures ?? DEFAULTS.maxListedTestFailures;
  const tests = emptyCounts();
  const failures: TestFailure[] = [];
  const warnings: string[] = [];
  let failuresOmitted = 0;
  let suites = 0;
  let depth = 0;
  let rootChecked = false;
  const suiteStack: OpenSuite[] = [];
  let current: OpenCase | null = null;

  const warn = (message: string) => {
    if (warnings.length < MAX_WARNINGS) warnings.push(message);
  };

  const handler: XmlHandler = {
    capture: false,
    open(name: string, attributes: XmlAttributes) {
      depth += 1;
      if (!rootChecked) {
        rootChecked = true;
        if (name !== 'testsuites' && name !== 'testsuite') {
          throw new ToolFailure(`${file}: expected a JUnit XML document (root <testsuites> or <testsuite>), found root <${name}>`, { file });
        }
      }
      if (name === 'testsuite') {
        suites += 1;
        const declared = attributes.tests === undefined ? null : Number(attributes.tests);
        suiteStack.push({ depth, name: attributes.name ?? '', declared: Number.isFinite(declared) ? declared : null, counted: 0 });
      } else if (name === 'testcase') {
        if (current) throw new ToolFailure(`${file}: a <testcase> nested inside another <testcase> (${current.name || 'unnamed'})`, { file });
        current = {
          depth,
          suite: suiteStack[suiteStack.length - 1]?.name ?? '',
          name: attributes.name ?? '',
          classname: (attributes.classname ?? attributes.class ?? '').trim(),
          outcome: statusOutcome(attributes),
          message: '',
          body: null,
        };
      } else if (current && depth === current.depth + 1) {
        const outcome = RESULT_CHILDREN[name];
        if (outcome && RANK[outcome] > RANK[current.outcome]) {
          current.outcome = outcome;
          current.message = attributes.message?.trim() || '';
          current.body = current.message ? null : '';
          handler.capture = current.message === '';
          if (!current.message && attributes.type) current.message = attributes.type;
        }
      }
    },
    close(name: string) {
      if (name === 'testcase' && current && depth === current.depth) {
        finishCase(current);
        current = null;
      } else if (name === 'testsuite' && suiteStack[suiteStack.length - 1]?.depth === depth) {
        const suite = suiteStack.pop()!;
        if (suite.declared !== null && suite.declared !== suite.counted) {
          warn(`testsuite "${suite.name}" declares tests="${suite.declared}" but holds ${suite.counted} <testcase> elements; counted the elements`);
        }
        const parent = suiteStack[suiteStack.length - 1];
        if (parent) parent.counted += suite.counted;
      } else if (current && depth === current.depth + 1) {
        handler.capture = false;
      }
      depth -= 1;
    },
    text(value: string) {
      if (current && current.body !== null && current.body.length < 4 * MAX_MESSAGE_CHARS) current.body += value;
    },
  };

  const finishCase = (c: OpenCase) => {
    tests.total += 1;
    const suite = suiteStack[suiteStack.length - 1];
    if (suite) suite.counted += 1;
    if (c.outcome === 'passed') tests.passed += 1;
    else if (c.outcome === 'skipped') tests.skipped += 1;
    else {
      if (c.outcome === 'failure') tests.failed += 1;
      else tests.errors += 1;
      if (failures.length < maxFailures) {
        const fromBody = c.body ? firstLine(c.body) : '';
        failures.push({ suite: c.suite, name: c.name, classname: c.classname, kind: c.outcome, message: truncate(fromBody || c.message) });
      } else failuresOmitted += 1;
    }
  };

  scanXml(text, file, handler);
  return { tests, suites, failures, failuresOmitted, warnings };
}

/** gtest marks disabled tests status="notrun" and skipped ones result="skipped" (sometimes with no <skipped> child). */
function statusOutcome(attributes: XmlAttributes): Outcome {
  const status = attributes.status?.toLowerCase();
  const result = attributes.result?.toLowerCase();
  if (status === 'notrun' || status === 'skipped' || status === 'disabled' || result === 'skipped' || result === 'suppressed') return 'skipped';
  return 'passed';
}

function firstLine(body: string): string {
  for (const line of body.split('\n')) if (line.trim()) return line.trim();
  return '';
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}
