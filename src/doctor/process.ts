// Rule family "process": credential_process checked without running it (doctor never runs it). boto3 splits the
// command with shlex and runs it without a shell, so pipes, $VARS and ~ do not work; the program must exist; and a
// profile that also has SSO keys never runs it at all, because boto3 tries SSO first.
import * as nodePath from 'node:path';
import { valueText } from '../ini/parse';
import { shlexSplit } from '../python/pyText';
import { shellSyntax } from '../divergences/process';
import { ruleOf, type DoctorInput, type Finding, type RuleFamily } from './types';

const R = ruleOf('process');

export const processFamily: RuleFamily = {
  family: 'process',
  rules: [
    R(
      'sso-and-process',
      'warning',
      'a profile with both sso_account_id/sso_role_name and credential_process: boto3 uses SSO and never runs the ' +
        'process',
    ),
    R(
      'process-shell-syntax',
      'warning',
      'credential_process uses shell syntax (pipes, $VARS, ~, redirections), but boto3 runs it without a shell',
    ),
    R(
      'process-command-not-found',
      'error',
      'the program credential_process names does not exist or is empty (FileNotFoundError / IndexError)',
    ),
  ],
  check(input) {
    const out: Finding[] = [];
    for (const [name, p] of input.session.fullConfig().profiles) {
      if (name.startsWith('credchain-duplicate-section-line-')) continue;
      const cp = p.settings.get('credential_process');
      if (!cp) continue;
      const location = { file: cp.file, line: cp.line, section: cp.section };
      const sso = p.settings.get('sso_role_name') ?? p.settings.get('sso_account_id');
      if (sso) {
        out.push({
          rule: 'sso-and-process',
          severity: 'warning',
          message: ssoAndProcess(name, sso.key, sso.line),
          location,
          fix: 'keep one: remove the sso_* keys or credential_process, or split them into two profiles',
          profile: name,
        });
      }
      const command = valueText(cp.value) ?? '';
      const shell = shellSyntax(command);
      if (shell) {
        out.push({
          rule: 'process-shell-syntax',
          severity: 'warning',
          message: processShellSyntax(name, shell),
          location,
          fix: wrapInAShell(),
          profile: name,
        });
      }
      const missing = programProblem(input, command);
      if (missing)
        out.push({
          rule: 'process-command-not-found',
          severity: 'error',
          message: `credential_process of profile "${name}": ${missing}`,
          location,
          fix: 'use the absolute path of an existing executable',
          profile: name,
        });
    }
    return out;
  },
};

function programProblem(input: DoctorInput, command: string): string | undefined {
  let argv: string[];
  try {
    argv = shlexSplit(command);
  } catch (e) {
    return `the command cannot be split into words (${(e as Error).message}): boto3 raises ValueError`;
  }
  if (!argv.length) return 'the command is empty: boto3 raises IndexError';
  const prog = argv[0];
  const fs = input.ctx.fs;
  const isFile = (p: string) => {
    try {
      return fs.statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (prog.includes('/')) {
    const p = nodePath.resolve(input.ctx.cwd, prog);
    return isFile(p) ? undefined : programDoesNotExist(prog);
  }
  const dirs = (input.ctx.env.PATH ?? '').split(':').filter(Boolean);
  return dirs.some((d) => isFile(nodePath.join(d, prog)))
    ? undefined
    : `"${prog}" is not on PATH: boto3 raises FileNotFoundError`;
}

// Messages

function ssoAndProcess(profile: string, ssoKey: string, ssoLine: number): string {
  return (
    `profile "${profile}" has ${ssoKey} (line ${ssoLine}) and credential_process: boto3 uses SSO and never ` +
    `runs the process (the JS SDK does the opposite)`
  );
}

function processShellSyntax(profile: string, shell: string): string {
  return (
    `credential_process of profile "${profile}" uses ${shell}, but boto3 runs the command without a shell: ` +
    `the characters reach the program as literal arguments`
  );
}

function wrapInAShell(): string {
  return 'wrap it in a shell explicitly (credential_process = sh -c "…") or use an absolute path without $VARS or ~';
}

function programDoesNotExist(prog: string): string {
  return (
    `${prog} does not ` +
    `exist${prog.startsWith('~') || prog.startsWith('$') ? ' (boto3 does not expand ~ or $VARS)' : ''}: boto3 ` +
    `raises FileNotFoundError`
  );
}
