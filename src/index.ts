// The library surface: the chain resolver and the CLI entry. Its type declarations are built to dist/types.
export { resolveChain, BOTO3_CHAIN, type Resolution } from './chain/boto3Chain';
export type { Context } from './context';
export type { ChainReport, CredentialsView } from './chain/report';
export type { ResolveOptions } from './chain/session';
export { nodeContext } from './nodeContext';
export { main, run } from './cli/main';
