/**
 * The team sessions of this browser tab: one API token per team, kept in sessionStorage.
 *
 * Why sessionStorage and not a cookie: the gateway's only credential is a bearer token sent in the
 * Authorization header, which a cross-site page can neither read nor make the browser attach, so
 * the console has no CSRF surface at all (no ambient credential exists). The token also has to be
 * readable by the page to open the graphql-ws connection. sessionStorage keeps it per tab and
 * drops it when the tab closes; the console loads no third-party script, so the remaining risk is
 * an XSS bug in the console itself (React escapes all rendered text; nothing uses raw HTML).
 * Tests: session-store.test.ts.
 */

export type Role = 'OWNER' | 'ADMIN' | 'MEMBER' | 'VIEWER';

export interface TeamSession {
  token: string;
  /** ep_<prefix>: the public part, to tell tokens apart. */
  tokenPrefix: string;
  tokenName: string;
  teamId: string;
  teamName: string;
  teamSlug: string;
  role: Role;
  permissions: readonly string[];
  accountEmail: string | null;
}

export interface SessionState {
  sessions: readonly TeamSession[];
  activeTeamId: string | null;
}

export const SESSION_STORAGE_KEY = 'edgepress.console.sessions.v1';
const EMPTY: SessionState = Object.freeze({ sessions: Object.freeze([]), activeTeamId: null });

type Listener = () => void;

export class SessionStore {
  private cachedRaw: string | null = null;
  private cached: SessionState = EMPTY;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null) {}

  /** The same object until the stored value changes (what useSyncExternalStore needs). */
  snapshot = (): SessionState => {
    const raw = this.read();
    if (raw === this.cachedRaw) return this.cached;
    this.cachedRaw = raw;
    this.cached = parseState(raw);
    return this.cached;
  };

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  active(): TeamSession | null {
    const state = this.snapshot();
    return state.sessions.find((session) => session.teamId === state.activeTeamId) ?? null;
  }

  /** Adds (or replaces) the session of a team and makes it the active one. */
  signIn(session: TeamSession): void {
    const state = this.snapshot();
    this.write({ sessions: [...state.sessions.filter((s) => s.teamId !== session.teamId), session], activeTeamId: session.teamId });
  }

  switchTo(teamId: string): void {
    const state = this.snapshot();
    if (!state.sessions.some((session) => session.teamId === teamId)) return;
    this.write({ ...state, activeTeamId: teamId });
  }

  /** Forgets one team's token; the next remaining team becomes active. */
  signOut(teamId: string): void {
    const state = this.snapshot();
    const sessions = state.sessions.filter((session) => session.teamId !== teamId);
    const activeTeamId = state.activeTeamId === teamId ? (sessions[0]?.teamId ?? null) : state.activeTeamId;
    this.write({ sessions, activeTeamId });
  }

  signOutAll(): void {
    this.write(EMPTY);
  }

  private read(): string | null {
    try {
      return this.storage?.getItem(SESSION_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }

  private write(state: SessionState): void {
    try {
      if (state.sessions.length === 0) this.storage?.removeItem(SESSION_STORAGE_KEY);
      else this.storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(state));
    } catch {
      // Storage full or disabled: the session lasts as long as this page instead.
      this.cachedRaw = JSON.stringify(state);
      this.cached = state;
    }
    for (const listener of this.listeners) listener();
  }
}

const ROLES: readonly string[] = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'];

function isSession(value: unknown): value is TeamSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  return (
    typeof s.token === 'string' &&
    typeof s.teamId === 'string' &&
    typeof s.teamName === 'string' &&
    typeof s.teamSlug === 'string' &&
    typeof s.tokenPrefix === 'string' &&
    typeof s.tokenName === 'string' &&
    typeof s.role === 'string' &&
    ROLES.includes(s.role) &&
    Array.isArray(s.permissions) &&
    (s.accountEmail === null || typeof s.accountEmail === 'string')
  );
}

/** Anything unreadable in storage counts as signed out rather than breaking the console. */
function parseState(raw: string | null): SessionState {
  if (raw === null) return EMPTY;
  try {
    const value = JSON.parse(raw) as { sessions?: unknown; activeTeamId?: unknown };
    const sessions = Array.isArray(value.sessions) ? value.sessions.filter(isSession) : [];
    const activeTeamId = typeof value.activeTeamId === 'string' && sessions.some((s) => s.teamId === value.activeTeamId) ? value.activeTeamId : (sessions[0]?.teamId ?? null);
    return { sessions, activeTeamId };
  } catch {
    return EMPTY;
  }
}
