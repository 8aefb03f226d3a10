// Rule family "values": what configparser does to values that people do not expect. There are no inline
// comments (`region = us-west-2 # oregon` is the region "us-west-2 # oregon"), an indented line continues the
// previous value, `key =` followed by indented lines is a nested block, quotes are kept, and an empty value is
// an empty string, not "unset". Values of secrets are never shown.
import { pyStrip } from '../python/pyText';
import { isKeyMaterial, isSecret, KNOWN_KEYS, NESTED_KEYS } from '../config/knownKeys';
import { entriesOf, entryLocation, sectionLabel, type EntryRef } from '../divergences/entries';
import { lineCount, lineText } from '../ini/lines';
import { ruleOf, type Finding, type RuleFamily } from './types';
import { nameInMessage } from '../ini/parse';
import { bothFiles } from '../divergences/types';

const R = ruleOf('values');

export const valuesFamily: RuleFamily = {
  family: 'values',
  rules: [
    R(
      'inline-comment',
      'warning',
      '" #" or " ;" inside a value: boto3 has no inline comments, so the comment becomes part of the value',
    ),
    R('continuation-line', 'warning', 'an indented line after key = value: boto3 appends it to that value'),
    R('unexpected-nested-block', 'warning', '`key =` followed by indented lines turns a plain key into a nested block'),
    R(
      'empty-value',
      'warning',
      'a known key with an empty value: boto3 uses the empty string, it does not treat the key as unset',
    ),
    R('quoted-value', 'warning', 'a value in quotes: boto3 keeps the quotes as part of the value'),
  ],
  check(input) {
    const out: Finding[] = [];
    for (const f of bothFiles(input)) {
      for (const r of entriesOf(f)) {
        const v = r.entry.value;
        const found = typeof v === 'string' ? stringFindings(r, v) : nestedFindings(r, v);
        if (found) for (const x of found) out.push(r.profile !== undefined ? { ...x, profile: r.profile } : x);
      }
    }
    return out;
  },
};

/** the findings about a plain value, or undefined for none (most values: nothing is allocated for them) */
function stringFindings(r: EntryRef, v: string): Finding[] | undefined {
  const nl = v.indexOf('\n');
  const first = nl < 0 ? v : v.slice(0, nl);
  const hash = first.includes('#') || first.includes(';') ? /\s[#;]/.exec(first) : null;
  const q = first.charCodeAt(0);
  const quoted = (q === 0x22 || q === 0x27) && first.length >= 2 && QUOTE.test(first); // " or '
  const key = r.entry.key;
  if (!hash && nl < 0 && !quoted && !(v === '' && KNOWN_KEYS.has(key))) return undefined;
  const out: Finding[] = [];
  const secret = isSecret(key);
  if (hash) {
    const comment = first.slice(hash.index + 1);
    out.push({
      rule: 'inline-comment',
      severity: 'warning',
      message: secret
        ? commentInSecret(key, sectionLabel(r), comment[0])
        : valueEndsInComment(key, sectionLabel(r), comment),
      location: entryLocation(r),
      fix: 'move the comment to a line of its own, starting with # or ;',
    });
  }
  if (nl >= 0) {
    const next = continuationLine(r);
    const text = v.split('\n').find((l, i) => i > 0 && l !== '') ?? '';
    const looksLikeKey = /^([\w-]+)\s*[=:]/.exec(text);
    out.push({
      rule: 'continuation-line',
      severity: 'warning',
      message: valueContinues(key, sectionLabel(r), next, looksLikeKey, text),
      location: next ? { file: r.file.path, line: next, section: r.sectionName } : entryLocation(r),
      fix: 'remove the indentation of the next line (or join the two lines)',
    });
  }
  if (v === '' && KNOWN_KEYS.has(key) && !NESTED_KEYS.has(key)) {
    out.push({
      rule: 'empty-value',
      severity: 'warning',
      message: emptyValue(key, sectionLabel(r)),
      location: entryLocation(r),
      fix: `give ${key} a value, or delete the line`,
    });
  }
  if (quoted) {
    out.push({
      rule: 'quoted-value',
      severity: 'warning',
      message: quotedValue(key, sectionLabel(r), secret),
      location: entryLocation(r),
      fix: 'remove the quotes',
    });
  }
  return out;
}

/** a value in quotes: the same quote first and last */
const QUOTE = /^(["'])[\s\S]*\1$/;

function nestedFindings(r: EntryRef, v: Record<string, string>): Finding[] | undefined {
  if (NESTED_KEYS.has(r.entry.key) || !KNOWN_KEYS.has(r.entry.key)) return undefined;
  return [
    {
      rule: 'unexpected-nested-block',
      severity: 'warning',
      message: `${nameInMessage(r.entry.key)} in ${sectionLabel(r)} has no value and is followed by indented lines, so boto3 reads it as a nested block of ${Object.keys(
        v,
      )
        .map((k) => `"${nameInMessage(k)}"`)
        .join(', ')} instead of a value${
        Object.keys(v).some((k) => KNOWN_KEYS.has(k)) ? '; the indented keys are not keys of the profile' : ''
      }`,
      location: entryLocation(r),
      fix: 'remove the indentation of the lines below it, and give the key a value or delete it',
    },
  ];
}

/** the first indented line after the key line that configparser appended to its value */
function continuationLine(r: EntryRef): number | undefined {
  const count = lineCount(r.file);
  for (let n = r.entry.line + 1; n <= count; n++) {
    const t = pyStrip(lineText(r.file, n));
    if (!t || t.startsWith('#') || t.startsWith(';')) continue;
    return n;
  }
  return undefined;
}

// Messages

function commentInSecret(key: string, section: string, mark: string): string {
  return (
    `the value of ${key} in ${section} contains "${mark}" after a space: boto3 keeps that text as part of the ` +
    `secret, so AWS rejects it (SignatureDoesNotMatch)`
  );
}

function valueEndsInComment(key: string, section: string, comment: string): string {
  return (
    `${key} in ${section} ends in ` +
    `${JSON.stringify(comment.length > 40 ? comment.slice(0, 40) + '…' : comment)}: boto3 has no inline comments ` +
    `and reads it as part of the value (the JS SDK strips it)`
  );
}

function valueContinues(
  key: string,
  section: string,
  next: number | undefined,
  looksLikeKey: RegExpExecArray | null,
  text: string,
): string {
  return (
    `${key} in ${section} continues on line ${next ?? '?'}: ` +
    `${
      looksLikeKey
        ? `the indented "${looksLikeKey[1]} = …" is not a key of its own, boto3 appends it to ${key}`
        : isKeyMaterial(key) || !KNOWN_KEYS.has(key)
          ? 'boto3 appends the indented line to the value'
          : `boto3 appends ${JSON.stringify(text.length > 40 ? text.slice(0, 40) + '…' : text)} to the value`
    }`
  );
}

function emptyValue(key: string, section: string): string {
  return (
    `${key} in ${section} is empty: boto3 uses the empty ` +
    `string${key === 'aws_access_key_id' ? ' as the access key (and stops looking for other credentials)' : ''}`
  );
}

function quotedValue(key: string, section: string, secret: boolean): string {
  return (
    `${key} in ${section} is in quotes: boto3 keeps the quotes as part of the ` +
    `value${secret || key === 'aws_access_key_id' ? ', so AWS rejects the key' : ''}`
  );
}
