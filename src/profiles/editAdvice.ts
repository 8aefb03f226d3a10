// What `credchain set` says about a key or value boto3 would not read the way the user means: a key boto3 does not
// read (doctor's misspelt-key rule, the same known-key list and suggestion), and a value with what looks like an
// inline comment (`eu-west-1 ; Ireland`): configparser as botocore sets it up has no inline comments, so the
// comment becomes part of the value (doctor's inline-comment rule). Messages never repeat the value.
import { KNOWN_KEYS, suggestKey } from '../config/knownKeys';

/** the same test as doctor's inline-comment rule: "#" or ";" after whitespace */
const INLINE_COMMENT = /\s[#;]/;

export function setAdvice(key: string, value: string): string[] {
  const k = key.toLowerCase();
  const out: string[] = [];
  if (!KNOWN_KEYS.has(k)) {
    const suggestion = suggestKey(k);
    out.push(
      suggestion
        ? `"${key}" is not a key boto3 reads; it would ignore the line (did you mean "${suggestion}"?)`
        : `"${key}" is not a key boto3 or the AWS CLI reads; boto3 would ignore it (other tools may read it)`,
    );
  }
  const m = INLINE_COMMENT.exec(value);
  if (m) {
    const mark = value[m.index + 1];
    out.push(inlineCommentMark(k, mark));
  }
  return out;
}

// Messages

function inlineCommentMark(key: string, mark: string): string {
  return (
    `the value of ${key} holds "${mark}" after a space: boto3 has no inline comments and keeps everything ` +
    `from "${mark}" on as part of the value; put a comment on a line of its own`
  );
}
