'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { useSessionState } from '../hooks/use-session';
import type { TeamSession } from '../lib/session-store';
import { EmptyState, Loading } from './states';

/** Renders `children(session)` for a signed-in tab, a sign-in prompt otherwise. */
export function RequireSession({ children }: { children: (session: TeamSession) => ReactNode }) {
  const state = useSessionState();
  const pathname = usePathname();
  if (state === null) return <Loading what="your session" />;
  const active = state.sessions.find((session) => session.teamId === state.activeTeamId);
  if (!active) {
    return (
      <EmptyState
        title="Sign in to continue"
        action={
          <Link className="button primary" href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
            Sign in with a team token
          </Link>
        }
      >
        <p>The console works on behalf of a team: sign in with one of its API tokens (npm start prints a demo token).</p>
      </EmptyState>
    );
  }
  return <>{children(active)}</>;
}
