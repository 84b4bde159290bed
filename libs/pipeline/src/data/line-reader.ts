import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { createReadStream } from 'node:fs';

/**
 * Lines of a UTF-8 text file, streamed, with a cap on the length of one line so that a file
 * without newlines cannot make us buffer it whole. Yields [1-based line number, text].
 */
export async function* readLines(file: string, maxLineBytes: number): AsyncGenerator<[number, string]> {
  const stream = createReadStream(file);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, newline));
        pendingBytes += newline - start;
        checkLength(file, lineNumber + 1, pendingBytes, maxLineBytes);
        lineNumber++;
        yield [lineNumber, Buffer.concat(pending).toString('utf8')];
        pending = [];
        pendingBytes = 0;
        start = newline + 1;
      }
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
      checkLength(file, lineNumber + 1, pendingBytes, maxLineBytes);
    }
    if (pendingBytes > 0) yield [lineNumber + 1, Buffer.concat(pending).toString('utf8')];
  } finally {
    stream.destroy();
  }
}

function checkLength(file: string, line: number, bytes: number, max: number): void {
  if (bytes > max) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Line ${line} of '${file}' is longer than ${max} bytes (maxLineBytes)`);
}
