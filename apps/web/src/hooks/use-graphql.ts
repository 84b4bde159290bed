'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TypedDocumentString } from '../gen/graphql';
import { GatewayError, toGatewayError } from '../lib/gateway-error';
import { executeGraphQL } from '../lib/graphql-client';
import { useActiveSession } from './use-session';

export interface QueryState<TResult> {
  /** The last data received (kept while a new request for other variables is in flight). */
  data: TResult | null;
  error: GatewayError | null;
  loading: boolean;
  reload(): void;
}

/**
 * Runs a query with the active team's token when the component mounts and whenever the
 * variables, the team or reload() change; an outdated response never overwrites a newer one.
 */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  options: { skip?: boolean } = {},
): QueryState<TResult> {
  const session = useActiveSession();
  const token = session?.token ?? null;
  const key = JSON.stringify(variables ?? {});
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data: TResult | null; error: GatewayError | null; loading: boolean }>({ data: null, error: null, loading: true });
  const skip = options.skip === true || token === null;

  useEffect(() => {
    if (skip) {
      setState((previous) => ({ ...previous, loading: false }));
      return;
    }
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    executeGraphQL(document, JSON.parse(key) as TVariables, { token, signal: controller.signal }).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ data: previous.data, error: toGatewayError(error), loading: false }));
      },
    );
    return () => controller.abort();
  }, [document, key, token, skip, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}

export interface MutationState<TResult, TVariables> {
  /** Resolves to the data, or to null when the mutation failed (the error is in `error`). */
  run(variables: TVariables): Promise<TResult | null>;
  pending: boolean;
  error: GatewayError | null;
  reset(): void;
}

export function useMutation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>): MutationState<TResult, TVariables> {
  const session = useActiveSession();
  const token = session?.token ?? null;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<GatewayError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (variables: TVariables) => {
      setPending(true);
      setError(null);
      try {
        return await executeGraphQL(document, variables, { token });
      } catch (caught) {
        if (mounted.current) setError(toGatewayError(caught));
        return null;
      } finally {
        if (mounted.current) setPending(false);
      }
    },
    [document, token],
  );
  const reset = useCallback(() => setError(null), []);
  return { run, pending, error, reset };
}
