// One lint configuration for the workspace. The module-boundary rule encodes DESIGN.md's table of
// who may import whom: each package carries a `scope:*` tag in its package.json.
import nx from '@nx/eslint-plugin';

const allowed = {
  'scope:errors': [],
  'scope:env-settings': ['scope:errors'],
  'scope:onnx': ['scope:errors'],
  'scope:targets': ['scope:errors', 'scope:onnx'],
  'scope:plugin-sdk': ['scope:errors'],
  'scope:kernels-native': ['scope:errors'],
  'scope:kernels-rpc': ['scope:errors', 'scope:kernels-native'],
  'scope:plugin-host': ['scope:errors', 'scope:plugin-sdk', 'scope:onnx', 'scope:kernels-rpc', 'scope:targets'],
  'scope:pipeline': ['scope:errors', 'scope:plugin-host', 'scope:plugin-sdk', 'scope:onnx', 'scope:targets'],
  'scope:plugin-testing': ['scope:errors', 'scope:plugin-sdk', 'scope:plugin-host', 'scope:onnx', 'scope:targets', 'scope:kernels-rpc', 'scope:pipeline'],
  'scope:db': ['scope:errors'],
  'scope:gateway': ['scope:errors', 'scope:env-settings', 'scope:db', 'scope:targets', 'scope:plugin-sdk', 'scope:onnx'],
  'scope:worker': ['scope:errors', 'scope:env-settings', 'scope:db', 'scope:pipeline'],
  'scope:kernel-server': ['scope:errors', 'scope:kernels-rpc'],
  'scope:web': [],
  'scope:plugin': ['scope:plugin-sdk', 'scope:plugin-testing'],
  'scope:cli': ['scope:errors', 'scope:pipeline', 'scope:onnx', 'scope:targets'],
  'scope:bench': ['*'],
  'scope:scripts': ['*'],
  // npm start: seeds through the gateway's seedPlatform and the pipeline's built-in bundles, then runs the
  // apps as processes (never imports them otherwise).
  'scope:launcher': ['scope:errors', 'scope:env-settings', 'scope:db', 'scope:gateway', 'scope:pipeline', 'scope:plugin-host'],
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/node_modules', '**/dist', '**/build', '**/.next', '**/coverage', '**/src/gen/**', '**/next-env.d.ts'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.cjs', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: Object.entries(allowed).map(([sourceTag, tags]) => ({
            sourceTag,
            onlyDependOnLibsWithTags: tags.length ? tags : ['scope:none'],
          })),
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tool configuration files reach into the workspace root on purpose (shared presets).
    files: ['**/jest.config.cjs', '**/*.config.mjs', '**/*.config.js', '**/*.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
