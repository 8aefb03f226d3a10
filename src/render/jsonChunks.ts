// JSON.stringify(value, null, 2), written in pieces: an array longer than a chunk (the profiles of a 100,000-profile
// config) or a collection of rows made as they are read (the settings of a million-key profile) goes out a thousand
// elements at a time, so the whole document (tens of MB) never sits in memory as one string and again as one Buffer,
// nor does every row at once. The bytes are exactly those of JSON.stringify(value, null, 2) + "\n".

const CHUNK = 1000;

/**
 * A collection JSON.stringify writes as the array toJSON() returns, and which yields the same elements when iterated:
 * written from its iterator, a chunk at a time, so its elements are never all held at once
 */
interface JsonRows<T> extends Iterable<T> {
  toJSON(): T[];
}

function isRows(v: unknown): v is JsonRows<unknown> {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as Partial<JsonRows<unknown>>)[Symbol.iterator] === 'function' &&
    typeof (v as Partial<JsonRows<unknown>>).toJSON === 'function'
  );
}

/** every line after the first indented by `pad`: a nested value's own JSON placed at a deeper level */
function nest(json: string, pad: string): string {
  return json.includes('\n') ? json.split('\n').join(`\n${pad}`) : json;
}

export function writeJsonChunked(value: Record<string, unknown>, write: (s: string) => void, chunk = CHUNK): void {
  // pieces kept apart and written joined, once per chunk and once at the end: a join makes one flat string, where
  // `+=` would hand the writer a tree of pieces, which a writer that keeps its input (a test, the hostile driver)
  // would keep whole
  let held: string[] = [];
  const put = (s: string): void => {
    held.push(s);
  };
  const flush = () => {
    if (held.length) write(held.join(''));
    held = [];
  };

  const chunked = (v: unknown): v is Iterable<unknown> => isRows(v) || (Array.isArray(v) && v.length > chunk);

  /**
   * `v` as JSON.stringify(v, null, 2) writes it at the depth `pad` indents, its first line already begun. An object
   * is written member by member when a member of its own is written in chunks (a report's nested rows); deeper
   * ones are left to JSON.stringify, so the walk never follows a report's depth (a role chain).
   */
  const putValue = (v: unknown, pad: string): void => {
    if (chunked(v)) putElements(v, pad);
    else if (isPlainObject(v) && Object.values(v).some(chunked)) putMembers(v, pad);
    else put(nest(JSON.stringify(v, null, 2), pad));
  };

  const putMembers = (obj: Record<string, unknown>, pad: string): void => {
    // the members JSON.stringify keeps: undefined, functions and symbols are left out of objects
    const members = Object.entries(obj).filter(
      ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
    );
    if (!members.length) return put('{}');
    put('{\n');
    members.forEach(([k, v], i) => {
      put(`${pad}  ${JSON.stringify(k)}: `);
      putValue(v, `${pad}  `);
      put(i < members.length - 1 ? ',\n' : '\n');
    });
    put(`${pad}}`);
  };

  const putElements = (items: Iterable<unknown>, pad: string): void => {
    const inner = `${pad}  `;
    let texts: string[] = [];
    let first = true;
    const putBatch = () => {
      // the elements as JSON.stringify writes them inside an array, every line `inner` deep: one split and join over
      // the batch's text instead of one per element. Not a regex replace: V8 keeps its result as a tree of pieces
      // several times the text's size, which a writer that holds what it is given holds for every chunk; a join
      // makes one flat string.
      const lines = texts.join(',\n').split('\n');
      lines[0] = inner + lines[0];
      put(first ? '[\n' : ',\n');
      put(lines.join(`\n${inner}`));
      flush();
      first = false;
      texts = [];
    };
    for (const el of items) {
      // each element made text as soon as it is read, not held until its chunk is full: when a young-generation
      // collection finds every row one line of code made since the last one still alive (a chunk held for its JSON),
      // V8 makes every later row of that line in the old generation, where they stay until the next full collection
      // (60 MB more peak on a million rows, one run in four). An element's own toJSON (Date's ignores it) is then
      // given "" as its key where JSON.stringify of the array gives its index.
      texts.push(JSON.stringify(el, null, 2) ?? 'null');
      if (texts.length === chunk) putBatch();
    }
    if (texts.length) putBatch();
    put(first ? '[]' : `\n${pad}]`);
  };

  putMembers(value, '');
  put('\n');
  flush();
}

/** an object JSON.stringify writes member by member: not an array, and no toJSON of its own */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function'
  );
}
