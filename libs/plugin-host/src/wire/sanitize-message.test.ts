import { sanitizeMessage } from './sanitize-message';

describe('sanitizeMessage', () => {
  it('removes host paths, file URLs and stack frames', () => {
    const message = 'ENOENT: open /work/main/libs/x/secret.ts failed (file:///srv/app/index.js:3)\n    at load (/work/main/a.ts:1:2)\n    at run (node:internal/x:1)';
    expect(sanitizeMessage(message)).toBe('ENOENT: open <path> failed (<path>:3)');
    expect(sanitizeMessage('C:\\Users\\me\\plugin.js broke')).toBe('<path> broke');
  });

  it('keeps ordinary text, including relative names and ratios', () => {
    expect(sanitizeMessage('Invalid params for prune: sparsity: must be <= 1 (1/2 given); model/weights ok')).toBe(
      'Invalid params for prune: sparsity: must be <= 1 (1/2 given); model/weights ok',
    );
  });

  it('truncates long messages and strips control characters', () => {
    expect(sanitizeMessage('a\u0000b')).toBe('a b');
    const long = sanitizeMessage('x'.repeat(10_000), 100);
    expect(long).toHaveLength(100 + '… (truncated)'.length);
  });
});
