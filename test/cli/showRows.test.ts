// The rows `show` prints are made one at a time as they are read, never all at once (a profile may hold a million
// settings), masked as they are made, and the secret tests run once per row however often the rows are read.
import { describe, expect, it, vi } from 'vitest';
import type { Setting, Settings } from '../../src/config/profileMap';
import { MergedSettings } from '../../src/config/profileMap';
import * as secrets from '../../src/core/secrets';
import { shownSetting, ShownSettings } from '../../src/profiles/show';

vi.mock('../../src/core/secrets', async (original) => {
  const real = await original<typeof import('../../src/core/secrets')>();
  return { ...real, isSecretKey: vi.fn(real.isSecretKey), looksLikeSecretName: vi.fn(real.looksLikeSecretName) };
});

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYROWSSECRET';
const CONFIG = '/h/.aws/config';
const CREDS = '/h/.aws/credentials';

function setting(key: string, value: Setting['value'], file = CONFIG, line = 1, section = 'default'): Setting {
  return { key, value, file, line, section };
}

/** a settings map that counts the settings read out of it */
class CountedSettings extends Map<string, Setting> {
  reads = 0;
  override *values(): MapIterator<Setting> {
    for (const s of super.values()) {
      this.reads++;
      yield s;
    }
  }
}

function counted(n: number): CountedSettings {
  const m = new CountedSettings();
  for (let i = 0; i < n; i++) m.set(`k${i}`, setting(`k${i}`, `v${i}`, CONFIG, i + 2));
  return m;
}

describe('ShownSettings', () => {
  it('makes no row until one is read, then one row for each read', () => {
    const m = counted(10);
    const rows = new ShownSettings(m);
    expect(rows.length).toBe(10);
    expect(m.reads).toBe(0);
    const it = rows[Symbol.iterator]();
    expect(it.next().value).toEqual(shownSetting(m.get('k0')!));
    expect(m.reads).toBe(1);
    it.next();
    it.next();
    expect(m.reads).toBe(3);
  });

  it('runs the secret tests once per row, however often the rows are read', () => {
    const m = counted(50);
    m.set('aws_secret_access_key', setting('aws_secret_access_key', SECRET, CREDS, 3));
    const rows = new ShownSettings(m);
    vi.mocked(secrets.isSecretKey).mockClear();
    vi.mocked(secrets.looksLikeSecretName).mockClear();
    const first = [...rows];
    const second = [...rows];
    expect(second).toEqual(first);
    expect(vi.mocked(secrets.looksLikeSecretName)).toHaveBeenCalledTimes(51);
    expect(vi.mocked(secrets.isSecretKey)).toHaveBeenCalledTimes(51);
    expect(second[50]).toMatchObject({ key: 'aws_secret_access_key', value: '********', length: SECRET.length });
    expect(JSON.stringify(second)).not.toContain(SECRET);
  });

  it('is written by JSON.stringify as its rows, with the config values the credentials file overrides', () => {
    const config: Settings = new Map([
      ['region', setting('region', 'eu-west-1', CONFIG, 2)],
      ['aws_secret_access_key', setting('aws_secret_access_key', 'config-secret-value', CONFIG, 3)],
      ['output', setting('output', 'json', CONFIG, 4, 'DEFAULT')],
    ]);
    const creds: Settings = new Map([
      ['region', setting('region', 'us-east-1', CREDS, 2)],
      ['aws_secret_access_key', setting('aws_secret_access_key', SECRET, CREDS, 3)],
    ]);
    const rows = new ShownSettings(new MergedSettings(config, creds), config);
    const expected = [
      {
        ...shownSetting(creds.get('region')!),
        overrides: { value: 'eu-west-1', file: CONFIG, line: 2, section: 'default' },
      },
      {
        ...shownSetting(creds.get('aws_secret_access_key')!),
        overrides: { value: '********', file: CONFIG, line: 3, section: 'default', masked: true, length: 19 },
      },
      shownSetting(config.get('output')!),
    ];
    expect(rows.toJSON()).toEqual(expected);
    expect(JSON.stringify({ settings: rows }, null, 2)).toBe(JSON.stringify({ settings: expected }, null, 2));
    expect(JSON.stringify(rows)).not.toContain(SECRET);
    expect(JSON.stringify(rows)).not.toContain('config-secret-value');
  });

  it('an empty map has no rows', () => {
    const rows = new ShownSettings(new Map());
    expect(rows.length).toBe(0);
    expect(JSON.stringify(rows)).toBe('[]');
  });
});
