'use client';
import { useEffect, useState } from 'react';
import type { GatewayError } from '../lib/gateway-error';
import { subscribeToRun, type RunEvent } from '../lib/run-events';
import { useConsoleConfig } from './use-console-config';
import { useActiveSession } from './use-session';

export type LiveStatus = 'off' | 'connecting' | 'live' | 'ended' | 'failed';

/**
 * Follows a run over the gateway's WebSocket while `active`; every event goes to `onEvent`.
 * When the socket fails the status says so (the page then falls back to polling).
 */
export function useLiveRun(runId: string, active: boolean, onEvent: (event: RunEvent) => void): { status: LiveStatus; error: GatewayError | null } {
  const { gatewayWsUrl } = useConsoleConfig();
  const token = useActiveSession()?.token ?? null;
  const [status, setStatus] = useState<LiveStatus>('off');
  const [error, setError] = useState<GatewayError | null>(null);

  useEffect(() => {
    if (!active || !gatewayWsUrl || !token) {
      setStatus('off');
      return;
    }
    setStatus('connecting');
    setError(null);
    let stopped = false;
    const unsubscribe = subscribeToRun(gatewayWsUrl, token, runId, {
      onEvent: (event) => {
        if (stopped) return;
        setStatus('live');
        onEvent(event);
      },
      onError: (failure) => {
        if (stopped) return;
        setError(failure);
        setStatus('failed');
      },
      onComplete: () => {
        if (!stopped) setStatus('ended');
      },
    });
    return () => {
      stopped = true;
      unsubscribe();
    };
    // onEvent is read through the latest closure on purpose: resubscribing per render would drop events.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, active, gatewayWsUrl, token]);

  return { status, error };
}
