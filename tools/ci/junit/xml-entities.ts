/** Decode the five predefined XML entities and character references; anything else is malformed XML. */

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** Thrown with the offset (inside the decoded slice) of a bad entity; the scanner adds file and line. */
export class EntityError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Decode `raw` (text or an attribute value). Declared DTD entities are not expanded, on purpose (no XXE, no entity bombs). */
export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') === -1) return raw;
  let out = '';
  let from = 0;
  for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
    const semi = raw.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp > 12) throw new EntityError(`a bare "&" (expected an entity such as &amp;)`, amp);
    const name = raw.slice(amp + 1, semi);
    let value: string | undefined;
    if (name.startsWith('#x') || name.startsWith('#X')) value = codePoint(Number.parseInt(name.slice(2), 16), /^[0-9a-fA-F]+$/.test(name.slice(2)));
    else if (name.startsWith('#')) value = codePoint(Number.parseInt(name.slice(1), 10), /^[0-9]+$/.test(name.slice(1)));
    else value = NAMED[name];
    if (value === undefined) throw new EntityError(`an unknown entity "&${name};"`, amp);
    out += raw.slice(from, amp) + value;
    from = semi + 1;
  }
  return out + raw.slice(from);
}

function codePoint(value: number, wellFormed: boolean): string | undefined {
  if (!wellFormed || !Number.isFinite(value) || value < 1 || value > 0x10ffff) return undefined;
  return String.fromCodePoint(value);
}
