/** Where a command writes. Tests pass buffers; the bin passes the process streams. */
export interface CliIo {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
  /** True on an interactive terminal: progress bars instead of plain lines. */
  readonly isTTY: boolean;
}

export function println(stream: CliIo['stdout'], text = ''): void {
  stream.write(`${text}\n`);
}
