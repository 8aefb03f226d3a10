#!/usr/bin/env node
// `npm run format`: every file under src/ as prettier writes it (.prettierrc.json, 120 columns), with messages kept
// within the width (scripts/split-long-strings.mjs: concatenated literals joined, then split where a line would run
// long). Splitting can move a line that prettier then reflows, so the passes repeat until nothing changes: running
// it again on its own output changes nothing. `--check` only reports the files it would change (exit 1).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { joinFile, splitFile } from './split-long-strings.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const files = execFileSync('git', ['ls-files', 'src/*.ts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map((f) => path.join(ROOT, f));
const options = JSON.parse(fs.readFileSync(path.join(ROOT, '.prettierrc.json'), 'utf8'));

async function prettify(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = await prettier.format(text, { ...options, filepath: file });
  if (out !== text) fs.writeFileSync(file, out);
}

const original = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
for (let round = 0; ; round++) {
  const before = files.map((f) => fs.readFileSync(f, 'utf8'));
  for (const f of files) {
    await prettify(f);
    joinFile(f);
    await prettify(f);
    splitFile(f);
    await prettify(f);
  }
  if (files.every((f, i) => fs.readFileSync(f, 'utf8') === before[i])) break;
  if (round === 5) throw new Error('format: no fixed point after 6 rounds');
}
const changed = files.filter((f) => fs.readFileSync(f, 'utf8') !== original.get(f));
if (check) for (const f of changed) fs.writeFileSync(f, original.get(f));
for (const f of changed) console.log(`${check ? 'would change' : 'formatted'} ${path.relative(ROOT, f)}`);
process.exitCode = check && changed.length ? 1 : 0;
