// JSON as botocore's metadata fetchers see it: json.loads results typed the Python way (dict, list, str, int,
// float, bool, NoneType), and Python's `in` and indexing on them, which raise TypeError on the wrong type.

export type PyJson = null | boolean | number | string | PyJson[] | { [k: string]: PyJson };

/** a TypeError Python would raise */
export class PyTypeError extends Error {}

export function pyJsonLoads(text: string): { ok: true; value: PyJson } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as PyJson };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** Python's type(v).__name__; `raw` (the JSON text of v) tells int from float */
export function pyTypeName(v: PyJson, raw?: string): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && !/[.eE]/.test(raw ?? '') ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  return Array.isArray(v) ? 'list' : 'dict';
}

/** `key in v`: dict keys, list items, substrings; TypeError for anything else */
export function pyIn(key: string, v: PyJson, raw?: string): boolean {
  if (typeof v === 'string') return v.includes(key);
  if (Array.isArray(v)) return v.includes(key);
  if (v !== null && typeof v === 'object') return Object.prototype.hasOwnProperty.call(v, key);
  throw new PyTypeError(`argument of type '${pyTypeName(v, raw)}' is not iterable`);
}

/** `v[key]` with a str key: KeyError (returned as undefined) for a dict, TypeError for the rest */
export function pyGetItem(v: PyJson, key: string, raw?: string): PyJson | undefined {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
  if (Array.isArray(v)) throw new PyTypeError('list indices must be integers or slices, not str');
  if (typeof v === 'string') throw new PyTypeError("string indices must be integers, not 'str'");
  throw new PyTypeError(`'${pyTypeName(v, raw)}' object is not subscriptable`);
}
