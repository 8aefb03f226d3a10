// JSON as botocore's metadata fetchers and credential_process see it: json.loads results typed the Python way (dict, list, str, int,
// float, bool, NoneType), and Python's `in` and indexing on them, which raise TypeError on the wrong type.

export type PyJson = null | boolean | number | string | PyJson[] | { [k: string]: PyJson };

/** a TypeError Python would raise */
export class PyTypeError extends Error {}

export function pyJsonLoads(text: string): { ok: true; value: PyJson } | { ok: false; error: string } {
  try {
    return { ok: true, value: pyJsonParse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * json.loads: JSON.parse plus the three constants Python's decoder accepts outside strings (NaN, Infinity,
 * -Infinity, as floats). They are swapped for marked strings only where they stand as values, then revived.
 */
export function pyJsonParse(text: string): PyJson {
  if (!/NaN|Infinity/.test(text)) return JSON.parse(text) as PyJson;
  const mark = `\u0000py-${Math.random().toString(36).slice(2)}:`;
  let swapped = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // copy a string literal whole, escapes included; an unterminated one is left for JSON.parse to reject
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      swapped += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const word = /^(-Infinity|Infinity|NaN)/.exec(text.slice(i, i + 9))?.[1];
    if (word) {
      swapped += JSON.stringify(mark + word);
      i += word.length;
      continue;
    }
    swapped += c;
    i++;
  }
  const constants: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
  return JSON.parse(swapped, (_k, v: unknown) => (typeof v === 'string' && v.startsWith(mark) ? constants[v.slice(mark.length)] : v)) as PyJson;
}

/** Python's str() of a float that JSON cannot write: nan, inf, -inf */
export function pyFloatText(v: number): string | undefined {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return undefined;
}

/** Python's type(v).__name__; `raw` (the JSON text of v) tells int from float */
export function pyTypeName(v: PyJson, raw?: string): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) && !/[.eEN]/.test(raw ?? '') ? 'int' : 'float';
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
