// Digests for cache file names (SSO token cache, login cache, CLI cache) and random suffixes for temporary files.
// node:crypto is loaded only when one is needed, so `which` on plain keys never pays for it.
const crypto = () => process.getBuiltinModule('node:crypto') as typeof import('node:crypto');

export function hexDigest(algorithm: 'sha1' | 'sha256', text: string): string {
  return crypto().createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** `bytes` random bytes as hex */
export function randomHex(bytes: number): string {
  return crypto().randomBytes(bytes).toString('hex');
}
