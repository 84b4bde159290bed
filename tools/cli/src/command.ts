import type { CliIo } from './cli-io';

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** The full usage text shown by `edgepress help NAME` and `NAME --help`. */
  readonly usage: string;
  /** Returns the exit code; throws EdgepressError for failures (mapped to exit codes once). */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
