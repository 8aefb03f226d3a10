// JSON as botocore's metadata fetchers and credential_process see it: json.loads results typed the Python way (dict,
// list, str, int, float, bool, NoneType), and Python's `in` and indexing on them, which raise TypeError on the wrong
// type.

export type PyJson = null | boolean | number | string | PyJson[] | { [k: string]: PyJson };

/** a TypeError Python would raise */
export class PyTypeError extends Error {}

/** a RecursionError Python's json raises on input nested too deeply; its message is Python's own */
export class PyRecursionError extends Error {}

/**
 * json.loads. With `maxDepth`, input whose arrays and objects nest deeper than that fails as CPython's json fails:
 * its C scanner spends one recursion level per array or object it enters, on the same budget as the Python frames
 * below the call, so the depth it reaches depends on where it is called from (see PY_JSON_MAX_DEPTH_AT_TOP).
 */
export function pyJsonLoads(
  text: string,
  opts: { maxDepth?: number } = {},
): { ok: true; value: PyJson } | { ok: false; error: string; type: 'JSONDecodeError' | 'RecursionError' } {
  try {
    if (opts.maxDepth !== undefined) {
      const deep = tooDeep(text, opts.maxDepth);
      if (deep) throw new PyRecursionError(`maximum recursion depth exceeded ${deep}`);
    }
    return { ok: true, value: pyJsonParse(text) };
  } catch (e) {
    return {
      ok: false,
      error: (e as Error).message,
      type: e instanceof PyRecursionError ? 'RecursionError' : 'JSONDecodeError',
    };
  }
}

/**
 * How deep json.loads nests before RecursionError when botocore calls it from a script's top level
 * (boto3.Session(...).get_credentials() → … → ProcessProvider → json.loads): 990 arrays or objects, the outermost
 * counted, load; 991 raise. Measured on botocore 1.43.11 under CPython 3.11 (default recursion limit 1000), the same
 * for nested lists and nested objects. Each role of a source_profile chain above the helper takes three frames more,
 * and the chain itself two: 988 − 3 × roles.
 */
export const PY_JSON_MAX_DEPTH_AT_TOP = 990;

/**
 * Whether Python's scanner, reading `text` in order, runs out of recursion depth before it meets any syntax error:
 * the end of its message, or undefined (then json.loads either succeeds or raises JSONDecodeError, as JSON.parse
 * tells). Entering an array or object past `maxDepth` fails "while decoding a JSON array/object"; NaN, Infinity and
 * -Infinity are looked up by a call (parse_constant), one level deeper than the arrays around them, so one inside
 * `maxDepth` of them fails "while calling a Python object". Iterative, so any depth costs no stack here.
 */
function tooDeep(text: string, maxDepth: number): string | undefined {
  const closers: string[] = [];
  // Python gets to position i only if everything before is a valid start of JSON with a value due at i: the same
  // text closed off right there (a value, then the open brackets closed) must parse
  const valueDueAt = (i: number) => {
    try {
      pyJsonParse(`${text.slice(0, i)}0${closers.slice().reverse().join('')}`);
      return true;
    } catch {
      return false;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      continue;
    }
    if (c === '[' || c === '{') {
      if (closers.length >= maxDepth)
        return valueDueAt(i)
          ? `while decoding a JSON ${c === '[' ? 'array' : 'object'} from a unicode string`
          : undefined;
      closers.push(c === '[' ? ']' : '}');
    } else if (c === ']' || c === '}') {
      if (closers.pop() !== c) return undefined;
    } else if (
      closers.length >= maxDepth &&
      (c === 'N' || c === 'I' || c === '-') &&
      /^(?:NaN|Infinity|-Infinity)/.test(text.slice(i, i + 9))
    ) {
      // not due as a value there: JSONDecodeError at or before i
      return valueDueAt(i) ? 'while calling a Python object' : undefined;
    }
  }
  return undefined;
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
  return JSON.parse(swapped, (_k, v: unknown) =>
    typeof v === 'string' && v.startsWith(mark) ? constants[v.slice(mark.length)] : v,
  ) as PyJson;
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
  if (v !== null && typeof v === 'object' && !Array.isArray(v))
    return Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined;
  if (Array.isArray(v)) throw new PyTypeError('list indices must be integers or slices, not str');
  if (typeof v === 'string') throw new PyTypeError("string indices must be integers, not 'str'");
  throw new PyTypeError(`'${pyTypeName(v, raw)}' object is not subscriptable`);
}
