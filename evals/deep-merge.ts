/** Deep merge for scenario overrides: objects merge, arrays and scalars replace, `null` removes the key. */

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `override` on top of `base` (neither is modified). */
export function deepMerge(base: Obj, override: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else if (isObj(value) && isObj(out[key])) out[key] = deepMerge(out[key] as Obj, value);
    else out[key] = structuredClone(value);
  }
  return out;
}
