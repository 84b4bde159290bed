'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useId, type ReactNode } from 'react';
import { sessionStore, useSessionState } from '../hooks/use-session';

const NAV = [
  { href: '/targets', label: 'Targets' },
  { href: '/models', label: 'Models' },
  { href: '/runs', label: 'Runs' },
  { href: '/pipelines', label: 'Pipelines' },
  { href: '/datasets', label: 'Datasets' },
  { href: '/plugins', label: 'Plugins' },
];

function TeamSwitcher() {
  const state = useSessionState();
  const router = useRouter();
  const id = useId();
  if (state === null) return <div className="team-switcher" />;
  const active = state.sessions.find((session) => session.teamId === state.activeTeamId);
  if (!active) {
    return (
      <div className="team-switcher">
        <Link className="button small" href="/sign-in">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="team-switcher">
      <label htmlFor={id}>Team</label>
      <select
        id={id}
        value={active.teamId}
        onChange={(event) => {
          if (event.target.value === '__add') router.push('/sign-in');
          else sessionStore()?.switchTo(event.target.value);
        }}
      >
        {state.sessions.map((session) => (
          <option key={session.teamId} value={session.teamId}>
            {session.teamName} ({session.role.toLowerCase()})
          </option>
        ))}
        <option value="__add">Add a team…</option>
      </select>
      <button
        type="button"
        className="small"
        onClick={() => {
          sessionStore()?.signOut(active.teamId);
          router.push('/sign-in');
        }}
      >
        Sign out
      </button>
    </div>
  );
}

export function AppShell({ children, gatewayProblem }: { children: ReactNode; gatewayProblem: string | null }) {
  const pathname = usePathname();
  return (
    <>
      <header className="site-header">
        <div className="site-header-inner">
          <Link className="brand" href="/">
            Edgepress
          </Link>
          <nav className="main-nav" aria-label="Main">
            <ul>
              {NAV.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={pathname === item.href || pathname.startsWith(`${item.href}/`) ? 'page' : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <TeamSwitcher />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {gatewayProblem && (
          <div className="state error" role="alert">
            <h2>The console is not connected to a gateway</h2>
            <p>{gatewayProblem}</p>
          </div>
        )}
        {children}
      </main>
      <footer className="site-footer">Edgepress console · compress ONNX models for edge hardware</footer>
    </>
  );
}
