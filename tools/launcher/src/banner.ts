import path from 'node:path';
import type { Platform } from './platform';

/**
 * What `npm start` prints once everything answers. Lines start with a fixed label so that scripts
 * (and the acceptance test) can read them: "gateway:", "graphql:", "token:".
 */
export function banner(platform: Platform, repoRoot: string): string {
  const relative = (file: string) => (file.startsWith(repoRoot) ? path.relative(repoRoot, file) || '.' : file);
  const ws = `${platform.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
  const lines = [
    '',
    'Edgepress is running.',
    '',
    ...(platform.consoleUrl ? [`  console:  ${platform.consoleUrl}`] : ['  console:  (off: EDGEPRESS_CONSOLE=off)']),
    `  gateway:  ${platform.gatewayUrl}`,
    `  graphql:  ${platform.gatewayUrl}/graphql  (subscriptions: ${ws})`,
    `  metrics:  ${platform.gatewayUrl}/metrics`,
    `  kernels:  ${platform.kernelAddresses.join(', ')}`,
    `  database: ${platform.embeddedPostgres ? `embedded PostgreSQL on 127.0.0.1:${platform.embeddedPostgres.port} (data in ${relative(platform.embeddedPostgres.folder)})` : 'DATABASE_URL'}`,
    `  plugins:  ${platform.plugins.published.map((plugin) => `${plugin.name}@${plugin.version}`).join(', ') || '(none)'}`,
    ...platform.plugins.skipped.map((skipped) => `            not registered: ${skipped.name}: ${skipped.reason}`),
    `  team:     ${platform.demo.teamName} (${platform.demo.teamSlug})`,
    `  token:    ${platform.demo.token}`,
    `            ${platform.demo.created ? 'new; ' : ''}kept in ${relative(platform.demo.tokenFile)} (readable by you only); send it as "Authorization: Bearer <token>"`,
    `  logs:     ${relative(platform.logDir)}/`,
    '',
    `Try: npx edgepress login --gateway ${platform.gatewayUrl} --token ${platform.demo.token}`,
    'Press Ctrl-C to stop everything.',
    '',
  ];
  return lines.join('\n');
}
