// Test-only: the secret key and session token credchain resolves, as sha256 hashes, for the conformance harness.
// `which --json` never carries them, and printing them is what the test must never do, so this runs the library's
// resolveChain (dist/credchain.cjs, the code `which` runs) in the scenario's environment and working directory and
// prints only {"method", "secretKeySha256", "sessionTokenSha256"}: a hash of the UTF-8 text, null when absent.
//
//   node test/conformance/credchainSecrets.cjs [--profile P] [--access-key-id …] [--region R]   (argv as the fixture's)
'use strict';
const { createHash } = require('node:crypto');
const path = require('node:path');
const { resolveChain, nodeContext } = require(path.join(__dirname, '..', '..', 'dist', 'credchain.cjs'));

const OPTIONS = {
  '--profile': (o, v) => (o.profile = v),
  '--region': (o, v) => (o.region = v),
  '--access-key-id': (o, v) => ((o.explicit ??= {}).accessKeyId = v),
  '--secret-access-key': (o, v) => ((o.explicit ??= {}).secretAccessKey = v),
  '--session-token': (o, v) => ((o.explicit ??= {}).sessionToken = v),
};

/** the hash of the text; a value that is not text (a process printed a number) is hashed as its JSON, as oracle.py does */
function sha256(value) {
  if (value === null || value === undefined) return null;
  return createHash('sha256').update(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').digest('hex');
}

async function main() {
  const argv = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) {
    const set = OPTIONS[argv[i]];
    if (!set || i + 1 >= argv.length) throw new Error(`unsupported argument ${argv[i]}`);
    set(opts, argv[i + 1]);
  }
  const { credentials } = await resolveChain(nodeContext(), opts);
  process.stdout.write(
    `${JSON.stringify({
      method: credentials ? credentials.method : null,
      secretKeySha256: credentials ? sha256(credentials.secretAccessKey) : null,
      sessionTokenSha256: credentials ? sha256(credentials.sessionToken) : null,
    })}\n`,
  );
}

main().catch((e) => {
  // the message of a resolver error names files and keys, never a value
  process.stderr.write(`credchainSecrets: ${e && e.message}\n`);
  process.exitCode = 255;
});
