/**
 * Shrink a JSON Schema for the prompt: a subschema written out several times (evidence id lists, checklist items,
 * steps) moves once into `$defs` and is referenced; strict mode accepts `$ref` into `$defs`.
 */

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Subschemas shorter than this (in JSON characters) cost less inline than as a reference. */
const MIN_CHARS = 60;

/** Every subschema position (values under properties, items, anyOf, $defs) as its JSON text. */
function collect(node: unknown, out: Map<string, number>): void {
  if (!isObject(node)) return;
  const children: unknown[] = [];
  if (isObject(node.properties)) children.push(...Object.values(node.properties));
  if (isObject(node.items)) children.push(node.items);
  if (Array.isArray(node.anyOf)) children.push(...node.anyOf);
  for (const child of children) {
    if (!isObject(child)) continue;
    const text = JSON.stringify(child);
    if (text.length >= MIN_CHARS && !('$ref' in child)) out.set(text, (out.get(text) ?? 0) + 1);
    collect(child, out);
  }
}

function replace(node: unknown, text: string, ref: Schema): unknown {
  if (!isObject(node)) return node;
  if (JSON.stringify(node) === text) return ref;
  const out: Schema = { ...node };
  if (isObject(node.properties)) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, replace(v, text, ref)]));
  if (isObject(node.items)) out.items = replace(node.items, text, ref);
  if (Array.isArray(node.anyOf)) out.anyOf = node.anyOf.map((v) => replace(v, text, ref));
  return out;
}

/** Move repeated subschemas (largest saving first) into `$defs` of the root. */
export function hoistRepeated(schema: Schema): Schema {
  let root: Schema = { ...schema };
  const defs: Schema = isObject(root.$defs) ? { ...root.$defs } : {};
  for (let n = 1; n <= 50; n += 1) {
    const counts = new Map<string, number>();
    collect({ ...root, $defs: undefined }, counts);
    for (const def of Object.values(defs)) collect(def, counts);
    const best = [...counts.entries()].filter(([, c]) => c >= 2).sort((a, b) => b[0].length * (b[1] - 1) - a[0].length * (a[1] - 1))[0];
    if (!best) break;
    const name = `d${Object.keys(defs).length + 1}`;
    defs[name] = JSON.parse(best[0]) as Schema;
    const { $defs: _ignored, ...body } = root;
    root = replace(body, best[0], { $ref: `#/$defs/${name}` }) as Schema;
    // Hoisted definitions may contain the next repeated piece too.
    for (const key of Object.keys(defs)) defs[key] = replace(defs[key], best[0], { $ref: `#/$defs/${name}` }) as Schema;
    defs[name] = JSON.parse(best[0]) as Schema;
  }
  return Object.keys(defs).length > 0 ? { ...root, $defs: defs } : root;
}
