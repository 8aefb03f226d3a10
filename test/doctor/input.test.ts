// Doctor reads each shared file once, through the one loader, and builds its boto3 Session on the documents it
// parsed with repairs (no second read, no faked readFileSync): the Session sees a repaired line as fixed.
import { describe, expect, it } from 'vitest';
import type { Context } from '../../src/core/context';
import { prepareDoctorInput } from '../../src/doctor/input';
import { memContext } from '../support/memContext';

function counting(files: Record<string, string>): { ctx: Context; reads: string[] } {
  const base = memContext({ files });
  const reads: string[] = [];
  const ctx: Context = {
    ...base,
    fs: {
      ...base.fs,
      readFileSync: ((p: string, ...rest: unknown[]) => {
        reads.push(String(p));
        return (base.fs.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
      }) as Context['fs']['readFileSync'],
    },
  };
  return { ctx, reads };
}

describe('doctor input', () => {
  it('reads each shared file once, and the session uses the documents doctor parsed', () => {
    const { ctx, reads } = counting({ '.aws/config': '[profile a]\nregion = eu-west-1\n', '.aws/credentials': '[b]\naws_access_key_id = AKIAEXAMPLE\n' });
    const input = prepareDoctorInput(ctx);
    expect([...input.session.fullConfig().profiles.keys()].sort()).toEqual(['a', 'b']);
    expect(input.session.files.config().doc).toBe(input.files.config.doc);
    expect(input.session.files.credentials().doc).toBe(input.files.credentials.doc);
    expect(reads.filter((p) => p.includes('.aws/')).sort()).toEqual(['/home/u/.aws/config', '/home/u/.aws/credentials']);
  });

  it('the session sees a broken line as repaired, with the rest of the file as written', () => {
    const { ctx } = counting({ '.aws/config': '[profile a]\nregion = eu-west-1\njunk\n[profile a]\n[profile c]\nregion = us-east-1\n' });
    const input = prepareDoctorInput(ctx);
    expect(input.files.config.issues.map((i) => `${i.kind}@${i.line}`).sort()).toEqual(['duplicate-section@4', 'parse-error@3']);
    const profiles = input.session.fullConfig().profiles;
    expect(profiles.get('a')?.settings.get('region')?.value).toBe('eu-west-1');
    expect(profiles.get('c')?.settings.get('region')).toMatchObject({ value: 'us-east-1', line: 6 });
  });
});
