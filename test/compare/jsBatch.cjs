#!/usr/bin/env node
// Test-only batch runner: one Node process answers many scenarios in turn (loading the SDK once), so hundreds of
// scenarios cost seconds. Reads one JSON scenario per line on stdin: {"id", "home", "env", "profile"?, "args"?}.
//
//   jsBatch.cjs sdk        the real fromNodeProviderChain (@aws-sdk/credential-providers), as a Node program would
//                          call it, with its own STS / SSO clients answering through a request handler that records
//                          each request and returns marker credentials (ASIASTSANSWER…, ASIASSOANSWER…), so nothing
//                          leaves the machine. Prints {id, accessKeyId, hasSessionToken, expiration, source, error,
//                          region, calls}: never a secret.
//   jsBatch.cjs credchain  credchain's CLI (dist/credchain.cjs main) with `args`, in the scenario's environment and
//                          directory. Prints {id, code, stdout, stderr}.
//
// Each scenario gets process.env replaced and the working directory set to its HOME (the SDK runs credential_process
// with the process's own cwd and env); one at a time.
'use strict';
const path = require('node:path');
const readline = require('node:readline');

const mode = process.argv[2];
const STS_KEY = 'ASIASTSANSWER0000001';
const SSO_KEY = 'ASIASSOANSWER0000001';
const FAR = '2099-01-01T00:00:00Z';

function recorder(calls) {
  return {
    async handle(req) {
      const endpoint = `${req.protocol}//${req.hostname}${req.port ? `:${req.port}` : ''}`;
      const body = typeof req.body === 'string' ? req.body : req.body instanceof Uint8Array ? Buffer.from(req.body).toString('utf8') : '';
      const form = new URLSearchParams(body);
      const action = form.get('Action');
      const headers = req.headers || {};
      const auth = Object.entries(headers).find(([k]) => k.toLowerCase() === 'authorization');
      const signer = auth ? (/Credential=([^/]+)\//.exec(auth[1]) || [])[1] || null : null;
      if (action === 'AssumeRole' || action === 'AssumeRoleWithWebIdentity') {
        const params = {};
        for (const k of ['RoleArn', 'RoleSessionName', 'ExternalId', 'DurationSeconds', 'SerialNumber']) if (form.get(k) !== null) params[k] = form.get(k);
        calls.push({ api: `sts:${action}`, endpoint, params, signer });
        const xml = `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${STS_KEY}</AccessKeyId><SecretAccessKey>x</SecretAccessKey><SessionToken>x</SessionToken><Expiration>${FAR}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn><AssumedRoleId>AROAX:s</AssumedRoleId></AssumedRoleUser></${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`;
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Buffer.from(xml) } };
      }
      if (/\/federation\/credentials$/.test(req.path || '')) {
        calls.push({ api: 'sso:GetRoleCredentials', endpoint, params: { account_id: String(req.query.account_id), role_name: String(req.query.role_name) } });
        const json = JSON.stringify({ roleCredentials: { accessKeyId: SSO_KEY, secretAccessKey: 'x', sessionToken: 'x', expiration: Date.parse(FAR) } });
        return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(json) } };
      }
      calls.push({ api: `${req.method} ${req.path}`, endpoint, params: {} });
      throw new Error(`jsBatch: no answer for ${req.method} ${endpoint}${req.path}`);
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {};
    },
  };
}

async function sdkAnswer(s) {
  const { fromNodeProviderChain } = require('@aws-sdk/credential-providers');
  const { STSClient } = require('@aws-sdk/client-sts');
  const calls = [];
  const handler = { requestHandler: recorder(calls) };
  const logger = { debug() {}, info() {}, warn() {}, error() {}, trace() {} };
  const init = { ...(s.profile !== undefined ? { profile: s.profile } : {}), logger, ignoreCache: true, clientConfig: handler, parentClientConfig: handler };
  const out = { id: s.id, accessKeyId: null, hasSessionToken: false, expiration: null, source: null, error: null, region: null, calls };
  try {
    const c = await fromNodeProviderChain(init)();
    out.accessKeyId = c.accessKeyId;
    out.hasSessionToken = !!c.sessionToken;
    out.expiration = c.expiration ? (isNaN(c.expiration.getTime()) ? 'Invalid Date' : c.expiration.toISOString()) : null;
    out.source = c.$source ?? {};
  } catch (e) {
    out.error = { type: (e && e.name) || 'Error', message: String((e && e.message) || e) };
  }
  // the region a client built the same way would use (a client's `profile` option, as fromNodeProviderChain's)
  const client = new STSClient(s.profile !== undefined ? { profile: s.profile } : {});
  try {
    out.region = { name: await client.config.region() };
  } catch (e) {
    out.region = { name: null, error: String((e && e.message) || e) };
  } finally {
    client.destroy();
  }
  return out;
}

async function credchainAnswer(s) {
  const { main } = require(path.resolve(__dirname, '../../dist/credchain.cjs'));
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { ...s.env }, isTTY: false, cwd: s.home };
  const code = await main(s.args, io);
  return { id: s.id, code, stdout, stderr };
}

async function run() {
  const answer = mode === 'sdk' ? sdkAnswer : mode === 'credchain' ? credchainAnswer : undefined;
  if (!answer) {
    process.stderr.write('usage: jsBatch.cjs sdk|credchain < scenarios.jsonl\n');
    process.exit(2);
  }
  // the SDK's notices (Node.js support policy, "default STS region") and promises it leaves rejected
  process.emitWarning = () => {};
  console.warn = () => {};
  process.on('unhandledRejection', () => {});
  const lines = [];
  for await (const line of readline.createInterface({ input: process.stdin })) if (line.trim()) lines.push(JSON.parse(line));
  const saved = process.env;
  for (const s of lines) {
    process.env = { ...s.env };
    process.chdir(s.home);
    let result;
    const started = Date.now();
    try {
      result = { ...(await answer(s)), ms: Date.now() - started };
    } catch (e) {
      result = { id: s.id, crashed: String((e && e.stack) || e) };
    }
    process.env = saved;
    await new Promise((r) => setImmediate(r));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

run().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e && e.stack}\n`);
    process.exit(1);
  },
);
