// `container-role`: ECS / EKS Pod Identity credentials as botocore 1.43.11's ContainerProvider loads them. The URL,
// header and retry rules live in src/aws/containerClient.ts; this file decides whether the source applies and turns
// botocore's result (and the problems it only raises at first access) into an Outcome.
import type { SourceContext } from './sourceContext';
import type { Outcome } from '../core/types';
import { BotoError } from '../core/errors';
import {
  authorizationHeader,
  containerUrl,
  FULL_VAR,
  RELATIVE_VAR,
  retrieveContainerJson,
  TOKEN_FILE_VAR,
  TOKEN_VAR,
  validateAllowedUrl,
} from '../aws/containerClient';
import { pyGetItem, pyTypeName, PyTypeError, type PyJson } from '../python/pyJson';
import { stringField } from './instanceMetadata';
import { expiryNotes, parseTimestamp } from '../python/timestamps';

const FIELDS = ['AccessKeyId', 'SecretAccessKey', 'Token', 'Expiration'] as const;

export async function containerRoleSource(sc: SourceContext): Promise<Outcome> {
  const ctx = sc.session.ctx;
  const target = containerUrl(ctx.env);
  if (!target) {
    const stray = [TOKEN_VAR, TOKEN_FILE_VAR].filter((v) => ctx.env[v] !== undefined);
    return {
      status: 'skipped',
      reason: `no ${RELATIVE_VAR} or ${FULL_VAR} set`,
      ...(stray.length ? { notes: [`${stray.join(' and ')} set without a container credentials URI: ignored`] } : {}),
    };
  }
  const notes: string[] = [];
  if (target.from === RELATIVE_VAR && ctx.env[FULL_VAR] !== undefined) {
    notes.push(`${FULL_VAR} is ignored: ${RELATIVE_VAR} is also set and wins (J16)`);
  }
  const pointer = `${target.from} points at ${target.url}`;

  if (sc.inspecting) {
    // nothing is read or sent; only what can be told from the variables themselves
    try {
      validateAllowedUrl(target.url, target.from);
      if (ctx.env[TOKEN_FILE_VAR] === undefined && /[\r\n]/.test(ctx.env[TOKEN_VAR] ?? ''))
        notes.push(`${TOKEN_VAR} contains CR or LF: boto3 would raise ValueError here`);
    } catch (e) {
      if (!(e instanceof BotoError)) throw e;
      notes.push(`boto3 would raise ${e.type} here: ${e.message}`);
    }
    return {
      status: 'not-reached',
      reason: `not queried: an earlier source won; ${pointer}`,
      ...(notes.length ? { notes } : {}),
    };
  }

  const withNotes = (o: Outcome): Outcome => (notes.length ? { ...o, notes: [...notes, ...(o.notes ?? [])] } : o);
  let auth;
  try {
    // botocore builds the header (reading the token file) before it checks the host
    auth = authorizationHeader(ctx);
    validateAllowedUrl(target.url, target.from);
  } catch (e) {
    if (!(e instanceof BotoError)) throw e;
    return withNotes({ status: 'error', error: e });
  }
  const got = await retrieveContainerJson(ctx, target.url, auth);
  if (!got.ok) {
    const tries = got.error.type === 'CredentialRetrievalError' ? ` after ${got.attempts} attempts` : '';
    return withNotes({
      status: 'error',
      error: got.error,
      reason: `${got.error.type}${tries} (${pointer}): ${got.error.message}`,
    });
  }

  const doc = got.value;
  const values: Partial<Record<(typeof FIELDS)[number], PyJson>> = {};
  try {
    for (const f of FIELDS) {
      const v = pyGetItem(doc, f, got.raw);
      if (v === undefined) {
        return withNotes({
          status: 'error',
          error: new BotoError('KeyError', containerAnswerMissingField(f, target)),
        });
      }
      values[f] = v;
    }
  } catch (e) {
    if (!(e instanceof PyTypeError)) throw e;
    return withNotes({
      status: 'error',
      error: new BotoError(
        'TypeError',
        `${e.message} (the JSON from ${target.url} is a ${pyTypeName(doc, got.raw)}, not an object)`,
      ),
    });
  }

  // _parse_if_needed(expiry): dateutil at get_credentials; naive or past only fail at first access
  const exp = values.Expiration!;
  if (typeof exp !== 'string') {
    return withNotes({
      status: 'error',
      error: new BotoError(
        'TypeError',
        `Parser must be a string or character stream, not ${pyTypeName(exp)} (Expiration from ${target.url})`,
      ),
    });
  }
  const t = parseTimestamp(exp);
  if (!t) {
    const why = exp.trim() ? 'Unknown string format' : 'String does not contain a date';
    return withNotes({
      status: 'error',
      error: new BotoError('ParserError', `${why}: ${exp} (Expiration from ${target.url})`),
    });
  }
  const atAccess = expiryNotes(t, ctx.now(), `The container Expiration`);
  const accountId = (doc as Record<string, PyJson>).AccountId;
  return withNotes({
    status: 'won',
    reason: `fetched from ${target.url} (${target.from})${auth ? `, Authorization from ${auth.from}` : ''}`,
    credentials: {
      method: 'container-role',
      accessKeyId: stringField(values.AccessKeyId, 'AccessKeyId', atAccess),
      secretAccessKey: stringField(values.SecretAccessKey, 'SecretAccessKey', atAccess),
      sessionToken: stringField(values.Token, 'Token', atAccess),
      expiration: t.text,
      accountId:
        typeof accountId === 'string'
          ? accountId
          : accountId === undefined || accountId === null
            ? null
            : JSON.stringify(accountId),
      location: { url: target.url },
    },
    ...(atAccess.length ? { notes: atAccess } : {}),
  });
}

// Messages

function containerAnswerMissingField(field: string, target: { url: string; from: string }): string {
  return (
    `'${field}' (the JSON from ${target.url} has no ${field}; it needs AccessKeyId, SecretAccessKey, Token ` +
    `and Expiration)`
  );
}
