// Hex digests for cache file names (SSO token cache, login cache). node:crypto is loaded only when a profile needs
// it, so `which` on plain keys never pays for it.
export function hexDigest(algorithm: 'sha1' | 'sha256', text: string): string {
  const crypto = process.getBuiltinModule('node:crypto') as typeof import('node:crypto');
  return crypto.createHash(algorithm).update(text, 'utf8').digest('hex');
}
