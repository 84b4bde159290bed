import Link from 'next/link';
import type { ReactNode } from 'react';
import { adviceFor, type GatewayError } from '../lib/gateway-error';

/** Announced politely to screen readers; says what is loading. */
export function Loading({ what }: { what: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      Loading {what}…
    </div>
  );
}

/** An error with what it means and what to do next; `onRetry` adds a retry button. */
export function ErrorState({ error, onRetry, context }: { error: GatewayError; onRetry?: () => void; context?: string }) {
  const advice = adviceFor(error);
  return (
    <div className="state error" role="alert">
      <h2>
        {context ? `${context}: ` : ''}
        {advice.title}
      </h2>
      <p>{advice.action}</p>
      <div className="actions">
        {onRetry && (
          <button type="button" onClick={onRetry}>
            Retry
          </button>
        )}
        {advice.href && (
          <Link className="button" href={advice.href}>
            {advice.linkText}
          </Link>
        )}
      </div>
      <p className="muted">
        Code: <code>{error.code}</code>
      </p>
    </div>
  );
}

/** Nothing to show yet, and the step that changes that. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state">
      <h2>{title}</h2>
      {children}
      {action && <div className="actions">{action}</div>}
    </div>
  );
}

/** A form-level error (the field errors sit next to their fields). */
export function FormError({ error, unplaced }: { error: GatewayError | null; unplaced?: readonly string[] }) {
  if (!error) return null;
  const advice = adviceFor(error);
  return (
    <div className="state error" role="alert">
      <h3>{advice.title}</h3>
      <p>{error.code === 'BAD_USER_INPUT' ? 'Correct the fields marked below and submit again.' : advice.action}</p>
      {unplaced && unplaced.length > 0 && (
        <ul>
          {unplaced.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {advice.href && (
        <Link className="button" href={advice.href}>
          {advice.linkText}
        </Link>
      )}
    </div>
  );
}
