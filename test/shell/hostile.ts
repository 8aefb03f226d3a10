// Profile names that are code in some shell: command substitution, backticks, separators, pipes, globs, quotes,
// spaces, a leading dash, variables. Each command one of them would run touches a file in a marker folder, so a test
// proves nothing ran by finding that folder empty. The credentials file takes section names literally; the config
// file goes through botocore's shlex.split, so a name with a space is written there in double quotes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeHome } from '../support/cli';

export interface HostileHome {
  home: string;
  /** the folder every hostile command would create a file in */
  markers: string;
  /** every profile name, in the order `profiles --names` lists them (config first, then credentials) */
  names: string[];
  /** the names that hold code, by a prefix that picks each out alone (as typed unquoted, each character literal) */
  unique: { prefix: string; name: string }[];
}

export function hostileHome(): HostileHome {
  const home = makeHome();
  const markers = path.join(home, 'markers');
  fs.mkdirSync(markers);
  const m = (n: number) => path.join(markers, `m${n}`);
  const config = [`sp ace$(touch ${m(1)})`, 'dev'];
  const credentials = [
    `$(touch ${m(2)})`,
    `\`touch ${m(3)}\``,
    `semi;touch ${m(4)}`,
    `pipe|touch ${m(5)}`,
    `amp&&touch ${m(6)}`,
    `q"uo'te$(touch ${m(7)})`,
    'star*',
    'glob[ab]?',
    '-dash',
    '$HOME',
    'a:b=c',
    `redir>${m(8)}`,
    'back\\slash',
  ];
  fs.mkdirSync(path.join(home, '.aws'));
  fs.writeFileSync(path.join(home, '.aws/config'), config.map((n) => `[profile "${n}"]\nregion = eu-west-1\n`).join(''));
  fs.writeFileSync(path.join(home, '.aws/credentials'), credentials.map((n) => `[${n}]\nregion = us-east-1\n`).join(''));
  const names = [...config, ...credentials];
  const unique = names
    .map((name) => ({ name, prefix: name.slice(0, name.startsWith('$') || name.startsWith('`') ? 2 : 3) }))
    .filter((u) => names.filter((n) => n.startsWith(u.prefix)).length === 1);
  return { home, markers, names, unique };
}

/** what the marker folder holds: empty when no hostile name ran */
export function ran(h: HostileHome): string[] {
  return fs.readdirSync(h.markers);
}
