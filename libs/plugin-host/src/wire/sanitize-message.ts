/**
 * Messages that come out of the sandbox (a plugin's error, a failure of the sandbox process) are
 * shown to callers and stored in run reports, so they must not carry host file paths or stack
 * traces, and must stay short.
 */

// POSIX paths with at least two segments (optionally file:// URLs) and Windows drive paths.
const HOST_PATH = /(?:file:\/\/)?(?:\/[^\s/:'"`()<>[\]{},;]+){2,}\/?|\b[A-Za-z]:\\[^\s'"`()<>]+/g;
// Stack frame lines ("    at fn (...)") are dropped entirely.
const STACK_FRAME = /\n\s*at .*/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

export const MAX_MESSAGE_LENGTH = 2_000;

export function sanitizeMessage(text: string, maxLength: number = MAX_MESSAGE_LENGTH): string {
  const cleaned = text
    .slice(0, maxLength * 4)
    .replace(STACK_FRAME, '')
    .replace(HOST_PATH, '<path>')
    .replace(CONTROL, ' ')
    .trim();
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}… (truncated)` : cleaned;
}
