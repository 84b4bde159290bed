'use client';
import { useSyncExternalStore } from 'react';
import { SessionStore, type SessionState, type TeamSession } from '../lib/session-store';

let store: SessionStore | null = null;

/** The tab's session store (null while rendering on the server, which never sees tokens). */
export function sessionStore(): SessionStore | null {
  if (typeof window === 'undefined') return null;
  store ??= new SessionStore(window.sessionStorage);
  return store;
}

const noSubscription = () => () => undefined;
const serverSnapshot = () => null;

/** The tab's sessions; null until the browser has read sessionStorage (server render, hydration). */
export function useSessionState(): SessionState | null {
  const current = sessionStore();
  return useSyncExternalStore(current?.subscribe ?? noSubscription, current?.snapshot ?? serverSnapshot, serverSnapshot);
}

export function useActiveSession(): TeamSession | null {
  const state = useSessionState();
  return state?.sessions.find((session) => session.teamId === state.activeTeamId) ?? null;
}
