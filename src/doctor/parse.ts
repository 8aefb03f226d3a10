// Rule family "parse": what makes botocore's configparser reject a shared file. Any of these raises
// ConfigParseError for every profile and every credential source — even when AWS_ACCESS_KEY_ID is set — because
// boto3 parses both files before any provider runs (reference/botocore-chain.md §4.2, §4.6).
import { ruleOf, type Finding, type RuleFamily } from './types';
import type { ParseIssueKind, ScannedFile } from './scan';
import { at } from '../divergences/entries';
import { bothFiles } from '../divergences/types';

const FIX: Record<ParseIssueKind, string> = {
  bom: 'save the file as UTF-8 without a byte order mark (for example: sed -i "1s/^\\xEF\\xBB\\xBF//" FILE)',
  'invalid-utf8': 're-save the file as UTF-8: boto3 decodes it strictly',
  'duplicate-section': 'merge the two sections into one: configparser rejects a section that appears twice',
  'duplicate-key':
    'keep one of the two lines: keys are case-insensitive to boto3, so AWS_ACCESS_KEY_ID and aws_access_key_id collide',
  'parse-error':
    'fix or remove the line: each line must be a [section] header, key = value, a comment, or an indented continuation',
};

const R = ruleOf('parse');

export const parseFamily: RuleFamily = {
  family: 'parse',
  rules: [
    R('bom', 'error', 'a shared file starts with a UTF-8 byte order mark'),
    R('invalid-utf8', 'error', 'a shared file holds bytes that are not UTF-8'),
    R('duplicate-section', 'error', 'a section appears twice in one file'),
    R('duplicate-key', 'error', 'a key appears twice in one section (compared case-insensitively)'),
    R(
      'parse-error',
      'error',
      'a line configparser cannot read: no delimiter, no key, text before the first section, a nested line without "="',
    ),
    R('unreadable-file', 'warning', 'a shared file exists but cannot be read, so boto3 treats it as empty'),
  ],
  check(input) {
    const out: Finding[] = [];
    for (const f of bothFiles(input)) for (const x of fileFindings(f)) out.push(x);
    return out;
  },
};

function fileFindings(f: ScannedFile): Finding[] {
  const out: Finding[] = f.issues.map((i) => ({
    rule: i.kind,
    severity: 'error' as const,
    message: fileDoesNotParse(i.why, f.kind),
    location: at(f, i.line || undefined),
    fix: FIX[i.kind],
  }));
  if (f.state === 'unreadable') {
    out.push({
      rule: 'unreadable-file',
      severity: 'warning',
      message: `the ${f.kind} file cannot be read (${f.readError}): boto3 silently treats it as empty`,
      location: at(f),
      fix: `make it readable by you (chmod u+r ${f.path})`,
    });
  }
  return out;
}

// Messages

function fileDoesNotParse(why: string, kind: ScannedFile['kind']): string {
  return (
    `${why}: boto3 raises ConfigParseError for this ${kind} file, for every profile and even when ` +
    `AWS_ACCESS_KEY_ID is set`
  );
}
