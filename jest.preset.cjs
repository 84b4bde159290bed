// Shared Jest configuration: every package's jest.config.cjs calls projectConfig(__dirname).
// TypeScript is transformed by SWC (type checking is the separate `typecheck` target), and a
// JSON reporter writes each project's counts to .reports/jest so `npm test` can print one total.
const path = require('node:path');

function projectConfig(dir, overrides = {}) {
  const name = require(path.join(dir, 'package.json')).name;
  return {
    displayName: name,
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/', '/build/', '/.next/'],
    transform: {
      '^.+\\.(t|j)sx?$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', decorators: true, tsx: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    reporters: ['default', [path.join(__dirname, 'tools/scripts/jest-count-reporter.cjs'), { name }]],
    ...overrides,
  };
}

module.exports = { projectConfig };
