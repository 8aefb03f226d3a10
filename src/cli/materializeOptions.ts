// How a command's network options (--mfa-code, --no-cache, --timeout, --endpoint-url) become the options for
// fetching deferred credentials; shared by verify, which --resolve, compare --resolve, exec and export.
import { DEFAULT_TIMEOUT_MS, type MaterializeOptions } from '../usecases/materialize';
import { canPrompt, terminalIO } from './terminal';
import type { CliIO } from './io';
import { timeoutMs, type GlobalArgs, type NetworkArgs } from './options';

/** what every command that fetches credentials gives materializeCredentials, from its flags and the terminal */
export function materializeOptionsFor(args: GlobalArgs & Partial<NetworkArgs>, io: CliIO): MaterializeOptions {
  return {
    mfaCode: args.mfaCode,
    interactive: canPrompt(io),
    useCache: args.cache !== false,
    endpointUrl: args.endpointUrl,
    timeoutMs: timeoutMs(args, DEFAULT_TIMEOUT_MS),
    io: terminalIO(io),
  };
}
