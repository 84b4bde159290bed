import { SESSION_STORAGE_KEY, SessionStore, type TeamSession } from './session-store';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const session = (teamId: string, name = teamId): TeamSession => ({
  token: `ep_${teamId}prefix00_secret`,
  tokenPrefix: `${teamId}prefix00`,
  tokenName: 'demo',
  teamId,
  teamName: name,
  teamSlug: teamId,
  role: 'OWNER',
  permissions: ['READ'],
  accountEmail: null,
});

describe('SessionStore', () => {
  it('keeps one token per team, switches between them and signs out', () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage);
    const changes: number[] = [];
    store.subscribe(() => changes.push(store.snapshot().sessions.length));
    store.signIn(session('a'));
    store.signIn(session('b'));
    expect(store.active()?.teamId).toBe('b');
    store.switchTo('a');
    expect(store.active()?.teamId).toBe('a');
    store.switchTo('missing');
    expect(store.active()?.teamId).toBe('a');
    store.signIn({ ...session('a'), token: 'ep_newprefix000_x' });
    expect(store.snapshot().sessions.map((s) => [s.teamId, s.token])).toEqual([
      ['b', 'ep_bprefix00_secret'],
      ['a', 'ep_newprefix000_x'],
    ]);
    store.signOut('a');
    expect(store.active()?.teamId).toBe('b');
    store.signOut('b');
    expect(store.active()).toBeNull();
    expect(storage.items.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(changes).toEqual([1, 2, 2, 2, 1, 0]);
  });

  it('returns the same snapshot object until the stored value changes', () => {
    const store = new SessionStore(new MemoryStorage());
    const first = store.snapshot();
    expect(store.snapshot()).toBe(first);
    store.signIn(session('a'));
    expect(store.snapshot()).not.toBe(first);
    expect(store.snapshot()).toBe(store.snapshot());
  });

  it('treats unreadable or tampered storage as signed out', () => {
    const storage = new MemoryStorage();
    storage.setItem(SESSION_STORAGE_KEY, '{not json');
    expect(new SessionStore(storage).snapshot().sessions).toEqual([]);
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ sessions: [{ ...session('a'), role: 'ROOT' }, session('b')], activeTeamId: 'a' }));
    const state = new SessionStore(storage).snapshot();
    expect(state.sessions.map((s) => s.teamId)).toEqual(['b']);
    expect(state.activeTeamId).toBe('b');
    expect(new SessionStore(null).snapshot().sessions).toEqual([]);
  });
});
