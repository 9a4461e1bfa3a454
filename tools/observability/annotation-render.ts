/**
 * Renders the small subset of Prometheus' Go-template annotation language our generated rules use,
 * exactly as Prometheus prints it, so the promtool unit tests can state the annotations they expect.
 * Anything outside the subset is an error: a generated rule must never use a construct we cannot predict.
 */

/** Round |value| to 4 significant digits with Go's rule (exact ties go to the even digit; JS rounds them up). */
function roundG4(abs: number): { digits: string; exponent: number } {
  const [mantissa, expText] = abs.toExponential(60).split('e') as [string, string];
  const all = mantissa.replace('.', '');
  let kept = Number(all.slice(0, 4));
  const rest = all.slice(4);
  const tie = /^50*$/.test(rest);
  if ((rest[0]! > '5') || (rest[0] === '5' && !tie) || (tie && kept % 2 === 1)) kept += 1;
  let exponent = Number(expText);
  if (kept === 10000) {
    kept = 1000;
    exponent += 1;
  }
  return { digits: String(kept), exponent };
}

/** Go's `%.4g` (4 significant digits, trailing zeros dropped, exponent when it is < -4 or >= 4). */
export function formatG4(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  const { digits, exponent } = roundG4(Math.abs(value));
  const trim = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);
  if (exponent < -4 || exponent >= 4) {
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${trim(`${digits[0]}.${digits.slice(1)}`)}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  // Place the decimal point: value = 0.digits × 10^(exponent + 1).
  const point = exponent + 1;
  const text = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}${trim(text)}`;
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
