const RUN_STATE_TONES: Record<string, string> = {
  QUEUED: 'neutral',
  PENDING: 'neutral',
  RUNNING: 'info',
  CANCELLING: 'warn',
  SUCCEEDED: 'ok',
  FAILED: 'bad',
  CANCELLED: 'neutral',
};

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge ${RUN_STATE_TONES[state] ?? 'neutral'}`}>{state.toLowerCase()}</span>;
}

export function YesNo({ value, yes = 'yes', no = 'no', invert = false }: { value: boolean; yes?: string; no?: string; invert?: boolean }) {
  const good = invert ? !value : value;
  return <span className={`badge ${good ? 'ok' : 'bad'}`}>{value ? yes : no}</span>;
}

export function Tag({ children, tone = 'neutral' }: { children: React.ReactNode; tone?: 'ok' | 'warn' | 'bad' | 'info' | 'neutral' }) {
  return <span className={`badge ${tone}`}>{children}</span>;
}
