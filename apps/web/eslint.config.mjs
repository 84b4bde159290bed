// The workspace's lint configuration plus what only the console needs: React's hook rules, and the
// one exception to its import rule. The console itself may import nothing from the workspace (it
// talks to the gateway over HTTP and WebSocket); its acceptance tests start a real platform
// in-process, so files under test/ may import the gateway, the database layer and the plugin host.
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
    files: ['test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [{ sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:errors', 'scope:db', 'scope:gateway', 'scope:plugin-host'] }],
        },
      ],
    },
  },
];
