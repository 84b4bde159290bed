/**
 * "@edgepress/kernels-rpc/client" is what processes that only call a kernel server import
 * (plugin-host): it must not load the native addon (DESIGN.md: kernels-native on the server side only).
 */
jest.mock('@edgepress/kernels-native', () => {
  throw new Error('the client entry loaded @edgepress/kernels-native');
});

describe('client entry', () => {
  it('loads without @edgepress/kernels-native', () => {
    const entry = require('./client') as typeof import('./client');
    expect(typeof entry.createKernelClient).toBe('function');
    expect(entry.SERVICE_NAME).toBe('edgepress.kernels.v1.Kernels');
  });

  it('would notice if it did', () => {
    expect(() => require('./in-process')).toThrow('loaded @edgepress/kernels-native');
  });
});
