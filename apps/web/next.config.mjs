// @ts-check
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants.js';

/**
 * Security headers for every response. The console loads nothing from other origins (system
 * fonts, own scripts and styles, data: images for nothing else), talks to its own origin over
 * HTTP and to the gateway's WebSocket, and is never framed. 'unsafe-inline' for scripts is what
 * Next.js's inline hydration data needs without per-request nonces (which would need a proxy
 * middleware in front of every request, uploads included); no third-party script is ever loaded.
 */
function securityHeaders(dev) {
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return [
    { key: 'Content-Security-Policy', value: csp },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: 'no-referrer' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
  ];
}

/** @type {(phase: string) => import('next').NextConfig} */
export default function config(phase) {
  return {
    poweredByHeader: false,
    reactStrictMode: true,
    // Type checking is the package's `typecheck` target (tsc), not a second pass inside the build.
    typescript: { ignoreBuildErrors: true },
    async headers() {
      return [{ source: '/:path*', headers: securityHeaders(phase === PHASE_DEVELOPMENT_SERVER) }];
    },
  };
}
