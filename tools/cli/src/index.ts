export { runCli, COMMANDS } from './main';
export type { CliIo } from './cli-io';
export type { Command } from './command';
