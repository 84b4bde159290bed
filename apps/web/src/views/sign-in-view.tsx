'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { PageHeader } from '../components/page-header';
import { TextField } from '../components/form-fields';
import { FormError } from '../components/states';
import { ViewerDocument } from '../gen/graphql';
import { sessionStore, useSessionState } from '../hooks/use-session';
import { GatewayError, toGatewayError } from '../lib/gateway-error';
import { executeGraphQL } from '../lib/graphql-client';
import { safeNextPath } from '../lib/safe-next';
import type { Role } from '../lib/session-store';

const TOKEN_SHAPE = /^ep_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/;

export function SignInView() {
  const router = useRouter();
  const params = useSearchParams();
  const state = useSessionState();
  const [token, setToken] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<GatewayError | null>(null);
  const [pending, setPending] = useState(false);
  const [otherTeams, setOtherTeams] = useState<string[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const value = token.trim();
    if (!TOKEN_SHAPE.test(value)) {
      setFieldError('Enter an API token of the form ep_<prefix>_<secret> (npm start prints one; createApiToken makes more).');
      return;
    }
    setFieldError(null);
    setPending(true);
    try {
      const { viewer } = await executeGraphQL(ViewerDocument, {}, { token: value });
      sessionStore()?.signIn({
        token: value,
        tokenPrefix: viewer.token.prefix,
        tokenName: viewer.token.name,
        teamId: viewer.team.id,
        teamName: viewer.team.name,
        teamSlug: viewer.team.slug,
        role: viewer.role as Role,
        permissions: viewer.permissions,
        accountEmail: viewer.account?.email ?? null,
      });
      setOtherTeams(viewer.teams.filter((membership) => membership.team.id !== viewer.team.id).map((membership) => membership.team.name));
      setToken('');
      router.push(safeNextPath(params.get('next')));
    } catch (caught) {
      const failure = toGatewayError(caught);
      if (failure.code === 'UNAUTHENTICATED') setFieldError('The gateway does not know this token, or it was revoked or has expired.');
      else setError(failure);
    } finally {
      setPending(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Sign in"
        description="Use an API token of your team. It stays in this browser tab only (sessionStorage) and is sent to the gateway as a bearer token; closing the tab signs you out."
      />
      <form className="form panel" onSubmit={submit} noValidate>
        <TextField
          label="Team API token"
          type="password"
          autoComplete="off"
          value={token}
          onChange={setToken}
          error={fieldError}
          help="ep_<prefix>_<secret>: npm start prints a demo token; admins create more with createApiToken."
          required
        />
        <FormError error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? 'Checking…' : 'Sign in'}
          </button>
        </div>
      </form>
      {otherTeams.length > 0 && (
        <p className="notice">Your account also belongs to {otherTeams.join(', ')}: sign in with a token of that team to add it here.</p>
      )}
      {state && state.sessions.length > 0 && (
        <section aria-labelledby="signed-in-teams">
          <h2 id="signed-in-teams">Teams in this tab</h2>
          <p className="muted">Switch with the team menu at the top, or here. Each team keeps its own token.</p>
          <ul className="stage-list">
            {state.sessions.map((session) => (
              <li key={session.teamId} className="stage-card">
                <header>
                  <h3>
                    {session.teamName} {session.teamId === state.activeTeamId && <span className="badge ok">active</span>}
                  </h3>
                  <div className="actions">
                    {session.teamId !== state.activeTeamId && (
                      <button type="button" className="small" onClick={() => sessionStore()?.switchTo(session.teamId)}>
                        Use {session.teamName}
                      </button>
                    )}
                    <button type="button" className="small danger" onClick={() => sessionStore()?.signOut(session.teamId)}>
                      Sign out of {session.teamName}
                    </button>
                  </div>
                </header>
                <p className="muted">
                  Role {session.role.toLowerCase()} · token {session.tokenName} (<code>ep_{session.tokenPrefix}_…</code>)
                  {session.accountEmail ? ` · ${session.accountEmail}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
