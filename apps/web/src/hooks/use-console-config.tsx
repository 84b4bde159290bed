'use client';
import { createContext, useContext, type ReactNode } from 'react';

/** What the console's server hands the browser at request time (src/server/gateway-config.ts). */
export interface ConsoleConfig {
  /** ws(s)://.../graphql for subscriptions; null when no gateway is configured. */
  gatewayWsUrl: string | null;
  /** The gateway's address as the console's server reaches it (shown in error states). */
  gatewayUrl: string | null;
}

const ConsoleConfigContext = createContext<ConsoleConfig>({ gatewayWsUrl: null, gatewayUrl: null });

export function ConsoleConfigProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  return <ConsoleConfigContext.Provider value={config}>{children}</ConsoleConfigContext.Provider>;
}

export function useConsoleConfig(): ConsoleConfig {
  return useContext(ConsoleConfigContext);
}
