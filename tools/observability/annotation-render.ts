/**
 * Renders the small subset of Prometheus' Go-template annotation language our generated rules use,
 * exactly as Prometheus prints it, so the promtool unit tests can state the annotations they expect.
 * Anything outside the subset is an error: a generated rule must never use a construct we cannot predict.
 */

/** Go's `%.4g` (4 significant digits, trailing zeros dropped, exponent for very large or small values). */
export function formatG4(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const [mantissa, expText] = value.toExponential(3).split('e') as [string, string];
  const exponent = Number(expText);
  const trim = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  if (exponent < -4 || exponent >= 4) {
    const sign = exponent < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(value.toFixed(Math.max(0, 3 - exponent)));
}

/** Prometheus' `humanizePercentage`: 0.2 → "20%". */
export function humanizePercentage(value: number): string {
  return `${formatG4(value * 100)}%`;
}

/** Prometheus' `humanizeDuration`: seconds → "2.425s", "975ms", "1m 30s". */
export function humanizeDuration(value: number): string {
  if (!Number.isFinite(value)) return formatG4(value);
  if (value === 0) return '0s';
  if (Math.abs(value) >= 1) {
    const sign = value < 0 ? '-' : '';
    const whole = Math.trunc(Math.abs(value));
    const seconds = whole % 60;
    const minutes = Math.trunc(whole / 60) % 60;
    const hours = Math.trunc(whole / 3600) % 24;
    const days = Math.trunc(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG4(Math.abs(value))}s`;
  }
  let scaled = value;
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(scaled) >= 1) break;
    prefix = p;
    scaled *= 1000;
  }
  return `${formatG4(scaled)}${prefix}s`;
}

const ACTION = /\{\{\s*(.*?)\s*\}\}/g;

/** Render `template` for an alert with these labels and value; throws on any construct outside the subset. */
export function renderAnnotation(template: string, labels: Record<string, string>, value: number): string {
  return template.replace(ACTION, (_match, body: string) => {
    const label = /^\$labels\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(body);
    if (label) return labels[label[1]!] ?? '<no value>';
    if (body === '$value | humanizePercentage') return humanizePercentage(value);
    if (body === '$value | humanizeDuration') return humanizeDuration(value);
    throw new Error(`annotation template action {{ ${body} }} is outside the subset the rule generator can predict`);
  });
}
