// `which` never loads an @aws-sdk module, not even for a profile whose credentials need STS; `verify` loads
// @aws-sdk/client-sts only when it calls STS. Checked by a preload hook that records every module the CLI requires.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startLoopback, type LoopbackServer } from '../support/loopback';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credchain-lazy-'));
const hook = path.join(dir, 'record-requires.cjs');
fs.writeFileSync(
  hook,
  `const Module = require('module');
const fs = require('fs');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request.startsWith('@aws-sdk/') || request.startsWith('@smithy/')) fs.appendFileSync(process.env.CREDCHAIN_TEST_REQUIRES, request + '\\n');
  return load.call(this, request, ...rest);
};
`,
);

const FILES = {
  '.aws/credentials': '[default]\naws_access_key_id = AKIAEXAMPLE00001234\naws_secret_access_key = s\n',
  '.aws/config': '[profile role]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = default\n',
};

let sts: LoopbackServer;
afterAll(() => sts?.close());

async function sdkModulesLoadedBy(args: string[], env: Record<string, string> = {}) {
  const log = path.join(dir, `${Math.random().toString(36).slice(2)}.log`);
  fs.writeFileSync(log, '');
  const r = await runCli(args, { files: FILES, env: { NODE_OPTIONS: `--require ${hook}`, CREDCHAIN_TEST_REQUIRES: log, ...env } });
  return { r, modules: fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('@aws-sdk is loaded only by network steps', () => {
  it.each([[['which']], [['which', '--json']], [['which', '--profile', 'role']], [['which', '--profile', 'role', '--json', '--debug']], [['--profile', 'role']]])('credchain %j loads none', async (args) => {
    const { r, modules } = await sdkModulesLoadedBy(args);
    expect(r.code, r.stderr).toBe(0);
    expect(modules).toEqual([]);
  });

  it('verify loads @aws-sdk/client-sts (the hook sees it)', async () => {
    sts ??= await startLoopback({
      'POST /': { status: 200, body: '<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/u</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult></GetCallerIdentityResponse>' },
    });
    const { r, modules } = await sdkModulesLoadedBy(['verify'], { AWS_ENDPOINT_URL_STS: sts.url, AWS_DEFAULT_REGION: 'us-east-1' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(modules).toContain('@aws-sdk/client-sts');
    // the SDK's Node-version notice is not credchain's output
    expect(r.stderr).toBe('');
  });
});
