import { EdgepressError, ErrorCode } from '@edgepress/errors';

/** A command-line mistake: exit code 2, one line on stderr, and a hint to the command's help. */
export function usageError(message: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message);
}
