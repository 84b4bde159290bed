/**
 * Entry of the `edgepress` command: picks the command, runs it, and turns every failure into one
 * line on stderr and the exit code of its public error code (2 usage, 3 invalid model, 4 file not
 * found or unreadable, 5 constraint not met, 1 anything else).
 */
import { toEdgepressError } from '@edgepress/errors';
import { println, type CliIo } from './cli-io';
import type { Command } from './command';
import { compressCommand } from './commands/compress';
import { downloadCommand } from './commands/download';
import { inspectCommand } from './commands/inspect';
import { loginCommand } from './commands/login';
import { runCommand } from './commands/run';
import { runsCommand } from './commands/runs';
import { targetsCommand } from './commands/targets';

export const COMMANDS: readonly Command[] = [inspectCommand, targetsCommand, compressCommand, loginCommand, runCommand, runsCommand, downloadCommand];

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: edgepress COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "edgepress COMMAND --help" for a command\'s options.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    println(io.stdout, topic ? topic.usage : overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    println(io.stderr, `edgepress: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    println(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const failure = toEdgepressError(error);
    const hint = failure.exitCode === 2 ? ` (see "edgepress ${command.name} --help")` : '';
    println(io.stderr, `edgepress ${command.name}: ${failure.message}${hint}`);
    // Unexpected failures are masked as "Internal error"; EDGEPRESS_DEBUG=1 shows what happened.
    if (process.env.EDGEPRESS_DEBUG && failure.cause instanceof Error) println(io.stderr, failure.cause.stack ?? failure.cause.message);
    return failure.exitCode;
  }
}
