/** Number syntax of the exposition format: Go float values (with Inf/NaN spellings) and integer millisecond timestamps. */

const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** A sample value as Prometheus reads it (`+Inf`, `-Inf`, `NaN` in any case included); undefined when not a number. */
export function parseSampleValue(text: string): number | undefined {
  // Fast path: plain decimal numbers are by far the most common.
  if (FLOAT.test(text)) return Number(text);
  switch (text.toLowerCase()) {
    case '+inf':
    case 'inf':
    case '+infinity':
    case 'infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
    case 'nan':
    case '+nan':
    case '-nan':
      return NaN;
    default:
      return undefined;
  }
}

/** An integer millisecond timestamp (negative allowed: before the epoch); undefined when not an integer. */
export function parseTimestamp(text: string): number | undefined {
  if (!INTEGER.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
