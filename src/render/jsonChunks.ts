// JSON.stringify(value, null, 2), written in pieces: a top-level array longer than a chunk (the profiles of a
// 100,000-profile config) goes out a thousand elements at a time, so the whole document (tens of MB) never sits in
// memory as one string and again as one Buffer. The bytes are exactly those of JSON.stringify(value, null, 2) + "\n".

const CHUNK = 1000;

/** every line after the first indented by `pad`: a nested value's own JSON placed at a deeper level */
function nest(json: string, pad: string): string {
  return json.includes('\n') ? json.split('\n').join(`\n${pad}`) : json;
}

export function writeJsonChunked(value: Record<string, unknown>, write: (s: string) => void, chunk = CHUNK): void {
  // the members JSON.stringify keeps: undefined, functions and symbols are left out of objects
  const members = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (!members.length) return write('{}\n');
  write('{\n');
  members.forEach(([k, v], i) => {
    const head = `  ${JSON.stringify(k)}: `;
    const tail = i < members.length - 1 ? ',\n' : '\n';
    if (!Array.isArray(v) || v.length <= chunk) return write(head + nest(JSON.stringify(v, null, 2), '  ') + tail);
    write(`${head}[\n`);
    for (let j = 0; j < v.length; j += chunk) {
      // the slice as JSON.stringify writes an array ("[\n  el,\n  el\n]"), its brackets dropped and every line two
      // spaces deeper: one split and join over the chunk's text instead of one per element. Not a regex replace:
      // V8 keeps its result as a tree of pieces several times the text's size, which a writer that holds what it is
      // given (a test, the hostile driver) holds for every chunk; a join makes one flat string.
      const body = JSON.stringify(v.slice(j, j + chunk), null, 2);
      const lines = body.slice(2, -2).split('\n');
      lines[0] = '  ' + lines[0];
      lines[lines.length - 1] += j + chunk < v.length ? ',\n' : '\n';
      write(lines.join('\n  '));
    }
    write(`  ]${tail}`);
  });
  write('}\n');
}
