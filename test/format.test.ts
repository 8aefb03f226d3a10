// The source keeps the documented format (docs/architecture.md, "Formatting"): prettier's output with
// .prettierrc.json (120 columns), and no line past 120 columns except where the width cannot be kept by splitting a
// message at a space: a multi-line template (the shell scripts `init` prints), a regular expression, or a literal
// with no space to break at.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as prettier from 'prettier';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const WIDTH = 120;
const files = (fs.readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();

/** lines (0-based) that may run long: inside multi-line templates, regular expressions, literals without a space */
function exempt(file: string, text: string): Set<number> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = new Set<number>();
  const mark = (node: ts.Node) => {
    const a = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    const b = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
    for (let l = a; l <= b; l++) lines.add(l);
  };
  const visit = (node: ts.Node) => {
    const src = node.getText(sf);
    if ((ts.isTemplateExpression(node) || ts.isNoSubstitutionTemplateLiteral(node)) && src.includes('\n')) mark(node);
    else if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) mark(node);
    else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && !src.includes(' ')) mark(node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

describe('source format', () => {
  it('every file under src/ is as prettier writes it', async () => {
    const options = JSON.parse(fs.readFileSync(path.join(ROOT, '.prettierrc.json'), 'utf8'));
    const unformatted: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(SRC, f), 'utf8');
      if (!(await prettier.check(text, { ...options, filepath: path.join(SRC, f) }))) unformatted.push(f);
    }
    expect(unformatted, 'run `npm run format`').toEqual([]);
  });

  it(`no line passes ${WIDTH} columns where a break was possible`, () => {
    const long: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(path.join(SRC, f), 'utf8');
      const ok = exempt(f, text);
      text.split('\n').forEach((line, i) => {
        if ([...line].length > WIDTH && !ok.has(i)) long.push(`src/${f}:${i + 1}: ${line.trim().slice(0, 60)}…`);
      });
    }
    expect(long, 'run `npm run format`; rewrap long comments by hand').toEqual([]);
  });
});
