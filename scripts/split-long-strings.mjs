#!/usr/bin/env node
// Keeps messages within the print width, which `prettier` cannot do (it never breaks a string). `--join` first
// joins each chain of literals concatenated with `+` ('a ' + 'b' → 'a b'); the default pass splits string and
// template literals that run past 120 columns into concatenations that fit, at spaces. The text of every message is
// unchanged either way. Only literals in expression positions are touched (never type positions, import
// specifiers, property names or tagged templates).
// usage: node scripts/split-long-strings.mjs [--join] FILE…  (then run prettier on the same files; `npm run format`
// does both, with scripts/format.mjs, until nothing changes)
import * as fs from 'node:fs';
import ts from 'typescript';

const WIDTH = 120;

/** the index just past the string or template starting at `i` (src[i] is its quote), or -1 */
function skipString(src, i) {
  const q = src[i];
  for (let j = i + 1; j < src.length; j++) {
    if (src[j] === '\\') j++;
    else if (src[j] === q) return j + 1;
    else if (q === '`' && src[j] === '$' && src[j + 1] === '{') {
      const end = skipExpression(src, j + 2);
      if (end < 0) return -1;
      j = end - 1;
    }
  }
  return -1;
}

/** the index just past the `}` closing an expression that starts at `i`, or -1 */
function skipExpression(src, i) {
  let depth = 1;
  for (let j = i; j < src.length; j++) {
    const ch = src[j];
    if (ch === '`' || ch === "'" || ch === '"') {
      const end = skipString(src, j);
      if (end < 0) return -1;
      j = end - 1;
    } else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

/** positions inside a template's source where it may be cut: after a space in literal text, not inside `${…}` */
function templateCuts(src) {
  const cuts = [];
  for (let i = 1; i < src.length - 1; i++) {
    const ch = src[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '$' && src[i + 1] === '{') {
      const end = skipExpression(src, i + 2);
      if (end < 0) return null;
      i = end - 1;
      continue;
    }
    if (ch === ' ') cuts.push(i + 1);
  }
  return cuts;
}

/** positions where a quoted string may be cut: after a space, not after a backslash */
function quotedCuts(src) {
  const cuts = [];
  for (let i = 1; i < src.length - 1; i++) {
    if (src[i] === '\\') {
      i++;
      continue;
    }
    if (src[i] === ' ') cuts.push(i + 1);
  }
  return cuts;
}

/** splits `src` (a literal, quotes included) into literals no longer than `first` then `rest` characters */
function splitLiteral(src, first, rest) {
  const q = src[0];
  const cuts = q === '`' ? templateCuts(src) : quotedCuts(src);
  if (!cuts || !cuts.length) return null;
  const body = src.slice(1, -1);
  const pieces = [];
  let start = 1;
  let room = first;
  while (src.length - start + 1 > room) {
    // the last cut that keeps this piece (plus its quotes and ` +`) within room
    const fit = cuts.filter((c) => c > start && c - start + 4 <= room);
    const at = fit.length ? fit[fit.length - 1] : cuts.find((c) => c > start);
    if (at === undefined || at >= src.length - 1) break;
    pieces.push(q + src.slice(start, at) + q);
    start = at;
    room = rest;
  }
  pieces.push(q + src.slice(start, -1) + q);
  if (pieces.length < 2) return null;
  if (pieces.map((p) => p.slice(1, -1)).join('') !== body) throw new Error(`split changed ${src}`);
  return pieces;
}

const EXPRESSION_PARENTS = new Set([
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.ExpressionStatement,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.ShorthandPropertyAssignment,
]);

const isLit = (n) => ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n);

/** replaces each [start, end, text] range of `text` (non-overlapping), writes the file; returns how many */
function applyEdits(file, text, edits) {
  if (!edits.length) return 0;
  let out = text;
  for (const [a, b, r] of edits.sort((x, y) => y[0] - x[0])) out = out.slice(0, a) + r + out.slice(b);
  fs.writeFileSync(file, out);
  return edits.length;
}

export function splitFile(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (isLit(node) && EXPRESSION_PARENTS.has(node.parent.kind) && !ts.isTaggedTemplateExpression(node.parent)) {
      // not a property name (`{ 'a-b': 1 }`) nor a parameter's name
      const p = node.parent;
      const named = (ts.isPropertyAssignment(p) || ts.isParameter(p) || ts.isPropertyDeclaration(p)) && p.name === node;
      const start = node.getStart(sf);
      const { line, character } = sf.getLineAndCharacterOfPosition(start);
      const lineText = text.split('\n')[line];
      const src = text.slice(start, node.getEnd());
      if (!named && !src.includes('\n') && lineText.length > WIDTH) {
        const indent = lineText.length - lineText.trimStart().length;
        const pieces = splitLiteral(src, Math.max(20, WIDTH - character - 2), Math.max(20, WIDTH - indent - 4));
        if (pieces) {
          const needParens = ts.isBinaryExpression(p) && p.operatorToken.kind !== ts.SyntaxKind.PlusToken;
          const joined = pieces.join(' +\n' + ' '.repeat(indent + 2));
          edits.push([start, node.getEnd(), needParens ? `(${joined})` : joined]);
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return applyEdits(file, text, edits);
}

/** the body of literal source `src` as it would be written between `q` quotes */
function bodyFor(src, q) {
  const from = src[0];
  let body = src.slice(1, -1);
  if (from === q) return body;
  // unescape the old quote, escape the new one (and `${` when it becomes a template)
  body = body.replace(new RegExp(`\\\\(${from === '`' ? '`' : from})`, 'g'), (m, ch) => ch);
  if (q === '`') return body.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
  return body.replace(new RegExp(q, 'g'), `\\${q}`);
}

const evalString = (src) => new Function(`return ${src}`)();

/** joins one `literal + literal` per chain; returns how many were joined */
function joinPass(file) {
  const text = fs.readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits = [];
  const visit = (node) => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && isLit(node.right)) {
      const left = isLit(node.left)
        ? node.left
        : ts.isBinaryExpression(node.left) && node.left.operatorToken.kind === ts.SyntaxKind.PlusToken && isLit(node.left.right)
          ? node.left.right
          : undefined;
      const a = left && text.slice(left.getStart(sf), left.getEnd());
      const b = text.slice(node.right.getStart(sf), node.right.getEnd());
      if (a && !a.includes('\n') && !b.includes('\n')) {
        const q = a[0] === '`' || b[0] === '`' ? '`' : a[0] === b[0] ? a[0] : "'";
        const [x, y] = [bodyFor(a, q), bodyFor(b, q)];
        const joined = q + x + y + q;
        // `$` + `{…}` would become an interpolation; quoted strings must still mean the same
        const safe = !(q === '`' && x.endsWith('$') && y.startsWith('{')) && (q === '`' || evalString(a) + evalString(b) === evalString(joined));
        if (safe) {
          edits.push([left.getStart(sf), node.right.getEnd(), joined]);
          return;
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return applyEdits(file, text, edits);
}

/** joins every chain of concatenated literals in the file; returns how many joins */
export function joinFile(file) {
  let total = 0;
  for (let n = 0, k; n < 100 && (k = joinPass(file)); n++) total += k;
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const join = args[0] === '--join';
  let total = 0;
  for (const f of join ? args.slice(1) : args) total += join ? joinFile(f) : splitFile(f);
  console.log(`${join ? 'joined' : 'split'} ${total} literals`);
}
