// The workspace's lint configuration plus what only the console needs: React's hook rules, and the
// one exception to its import rule. The console itself may import nothing from the workspace (it
// talks to the gateway over HTTP and WebSocket). Its tests may use the workspace as a reference:
// the acceptance tests in test/ start a real platform (gateway, database layer, plugin host), and
// unit tests check forms against real plugin schemas (plugin SDK) and the target catalog.
import reactHooks from 'eslint-plugin-react-hooks';
import workspace from '../../eslint.config.mjs';

export default [
  ...workspace,
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [{ sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:errors', 'scope:db', 'scope:gateway', 'scope:plugin-host', 'scope:plugin-sdk', 'scope:targets'] }],
        },
      ],
    },
  },
];
