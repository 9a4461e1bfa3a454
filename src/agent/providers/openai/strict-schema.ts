/**
 * JSON Schema → OpenAI strict function parameters. Strict mode needs every property required and
 * `additionalProperties: false` on every object, and accepts only a subset of keywords; optional fields become
 * nullable-required (the nulls are dropped again before the call, see drop-added-nulls.ts).
 */

type Schema = Record<string, unknown>;

export type StrictConversion = { strict: true; schema: Schema } | { strict: false; schema: Schema; reason: string };

/** Keywords strict mode accepts (OpenAI structured outputs); others move into the description. */
const STRICT_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'anyOf', 'description',
  '$ref', '$defs', 'definitions', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'multipleOf', 'minItems', 'maxItems',
]);
/** String formats strict mode accepts. */
const STRICT_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
/** Keywords with no strict equivalent: a schema using them is sent non-strict. */
const BLOCKING_KEYWORDS = ['allOf', 'not', 'if', 'then', 'else', 'patternProperties', 'dependentRequired', 'dependentSchemas', 'unevaluatedProperties'];
/** Annotations that only cost tokens. */
const DROPPED = new Set(['$schema', '$id', 'title', 'examples']);

class NotStrictable extends Error {}

const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** zod writes ±MAX_SAFE_INTEGER bounds on every integer; they say nothing to a model. */
function isNoiseBound(key: string, value: unknown): boolean {
  return (key === 'maximum' || key === 'minimum') && typeof value === 'number' && Math.abs(value) >= Number.MAX_SAFE_INTEGER;
}

function describeMoved(moved: string[], description: unknown): string | undefined {
  const base = typeof description === 'string' ? description : '';
  if (moved.length === 0) return base || undefined;
  return `${base}${base ? ' ' : ''}(${moved.join('; ')})`;
}

function admitsNull(schema: Schema): boolean {
  if (schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  return Array.isArray(union) && union.some((s) => isObject(s) && admitsNull(s));
}

/** Make a schema accept null too (for an optional field turned required). */
function nullable(schema: Schema): Schema {
  if (admitsNull(schema)) return schema;
  if (typeof schema.type === 'string' && !schema.enum && !('const' in schema)) return { ...schema, type: [schema.type, 'null'] };
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: 'null' }] };
  const { description, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }], ...(description ? { description } : {}) };
}

function strictNode(node: unknown, mode: 'strict' | 'loose'): Schema {
  if (!isObject(node)) throw new NotStrictable('a schema node is not an object');
  for (const key of BLOCKING_KEYWORDS) if (key in node && mode === 'strict') throw new NotStrictable(`uses ${key}`);
  const out: Schema = {};
  const moved: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || isNoiseBound(key, value)) continue;
    if (key === 'default') {
      moved.push(`default: ${JSON.stringify(value)}`);
      continue;
    }
    if (key === 'oneOf') {
      // The branches of our unions are disjoint (discriminated), so anyOf says the same thing.
      out.anyOf = (value as unknown[]).map((s) => strictNode(s, mode));
      continue;
    }
    if (mode === 'strict' && key === 'format' && !STRICT_FORMATS.has(String(value))) {
      moved.push(`format: ${String(value)}`);
      continue;
    }
    if (mode === 'strict' && !STRICT_KEYWORDS.has(key)) {
      if (key === 'propertyNames') continue; // only appears on records, which fail below
      moved.push(`${key}: ${JSON.stringify(value)}`);
      continue;
    }
    out[key] = value;
  }
  if (Array.isArray(out.anyOf) && !node.oneOf) out.anyOf = (out.anyOf as unknown[]).map((s) => strictNode(s, mode));
  if (isObject(out.items)) out.items = strictNode(out.items, mode);
  for (const defsKey of ['$defs', 'definitions']) {
    if (isObject(out[defsKey])) out[defsKey] = Object.fromEntries(Object.entries(out[defsKey] as Schema).map(([k, s]) => [k, strictNode(s, mode)]));
  }
  const isObjectType = out.type === 'object' || isObject(out.properties);
  if (isObjectType) {
    const properties = isObject(out.properties) ? (out.properties as Schema) : {};
    const extra = out.additionalProperties;
    if (mode === 'strict' && extra !== undefined && extra !== false) throw new NotStrictable('has an object with free-form keys (a record)');
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    const converted: Schema = {};
    for (const [name, child] of Object.entries(properties)) {
      const strictChild = strictNode(child, mode);
      converted[name] = mode === 'strict' && !required.has(name) ? nullable(strictChild) : strictChild;
    }
    out.properties = converted;
    if (mode === 'strict') {
      out.required = Object.keys(converted);
      out.additionalProperties = false;
      out.type = 'object';
    }
  } else if (mode === 'strict' && out.type === undefined && !out.anyOf && !out.$ref && !out.enum && !('const' in out)) {
    throw new NotStrictable('has a field of any type');
  }
  const description = describeMoved(moved, out.description);
  if (description) out.description = description;
  else delete out.description;
  return out;
}

/** Convert a tool's JSON Schema for strict mode, or explain why it must be sent non-strict (cleaned all the same). */
export function toStrictSchema(schema: Schema): StrictConversion {
  try {
    return { strict: true, schema: strictNode(schema, 'strict') };
  } catch (error) {
    if (!(error instanceof NotStrictable)) throw error;
    return { strict: false, schema: strictNode(schema, 'loose'), reason: error.message };
  }
}
