/**
 * Undo the strict-mode conversion on a model's arguments: an optional field was sent as nullable-required,
 * so a null there means "left out". Nulls the original schema itself allows are kept.
 */

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function resolveRef(schema: Schema, root: Schema): Schema {
  const ref = schema.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
  return isObject(node) ? node : schema;
}

function admitsNull(schema: Schema): boolean {
  if (schema.type === 'null') return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  return Array.isArray(union) && union.some((s) => isObject(s) && admitsNull(s));
}

/** The union branch a value belongs to: the first object branch whose const properties all match. */
function pickBranch(branches: unknown[], value: Record<string, unknown>): Schema | undefined {
  return branches.filter(isObject).find((branch) => {
    const props = isObject(branch.properties) ? branch.properties : null;
    if (!props) return false;
    return Object.entries(props).every(([k, p]) => !isObject(p) || !('const' in p) || p.const === value[k]);
  });
}

function visit(value: unknown, schemaIn: unknown, root: Schema): unknown {
  if (!isObject(schemaIn)) return value;
  const schema = resolveRef(schemaIn, root);
  if (Array.isArray(value)) return isObject(schema.items) ? value.map((item) => visit(item, schema.items, root)) : value;
  if (!isObject(value)) return value;
  const union = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(union)) {
    const branch = pickBranch(union, value);
    return branch ? visit(value, branch, root) : value;
  }
  const props = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = props[key];
    if (child === null && !required.has(key) && isObject(childSchema) && !admitsNull(resolveRef(childSchema, root))) continue;
    out[key] = visit(child, childSchema, root);
  }
  return out;
}

/** Remove the nulls that stand for omitted optional fields, judged against the tool's original schema. */
export function dropAddedNulls(args: Record<string, unknown>, originalSchema: Schema): Record<string, unknown> {
  return visit(args, originalSchema, originalSchema) as Record<string, unknown>;
}
