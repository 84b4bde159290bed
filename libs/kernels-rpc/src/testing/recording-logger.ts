import type { KernelServerLogger } from '../server/kernel-server';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: Record<string, unknown>;
}

/** A KernelServerLogger that keeps every entry, for tests to look at. */
export function recordingLogger(): KernelServerLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (fields: object, message: string) => {
    entries.push({ level, message, fields: fields as Record<string, unknown> });
  };
  return {
    entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
