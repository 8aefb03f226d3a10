// The library surface: the chain resolver and the CLI entry.
export { resolveChain, BOTO3_CHAIN } from './chain/boto3Chain';
export type { ChainReport, CredentialsView } from './chain/report';
export type { ResolveOptions } from './chain/session';
export { nodeContext } from './nodeContext';
export { main, run } from './cli/main';
