// The library surface: the chain resolver and the CLI entry. Its type declarations are built to dist/types.
export { resolveChain, BOTO3_CHAIN, type Resolution } from './chain/boto3Chain';
export type { Context } from './core/context';
export type { ChainReport, CredentialsView } from './core/report';
export type { ResolveOptions } from './config/session';
export { nodeContext } from './core/nodeContext';
export { main, run } from './cli/main';
