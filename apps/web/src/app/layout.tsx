import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { AppShell } from '../components/app-shell';
import { ConsoleConfigProvider } from '../hooks/use-console-config';
import { readGatewayConfig } from '../server/gateway-config';
import '../styles/globals.css';

export const metadata: Metadata = {
  title: { default: 'Edgepress console', template: '%s · Edgepress' },
  description: 'Compress ONNX models for edge hardware: targets, models, pipelines and runs.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'light dark' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The gateway address is read per request, so one build serves any gateway.
  await connection();
  const gateway = readGatewayConfig(process.env);
  const config = gateway.ok ? { gatewayUrl: gateway.address.httpUrl, gatewayWsUrl: gateway.address.wsUrl } : { gatewayUrl: null, gatewayWsUrl: null };
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <ConsoleConfigProvider config={config}>
          <AppShell gatewayProblem={gateway.ok ? null : gateway.problem}>{children}</AppShell>
        </ConsoleConfigProvider>
      </body>
    </html>
  );
}
