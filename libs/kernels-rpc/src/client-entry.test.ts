/**
 * "@edgepress/kernels-rpc/client" is what processes that only call a kernel server import
 * (plugin-host): it must not load the native addon (DESIGN.md: kernels-native on the server side only),
 * except kernels-native's shared-memory helper, lazily, when the caller creates a shared region.
 */
jest.mock('@edgepress/kernels-native', () => {
  throw new Error('the client entry loaded @edgepress/kernels-native');
});
// The shared-memory helper (which loads the addon) is allowed, but only once shared memory is asked for.
const mockSharedMemoryLoads: string[] = [];
jest.mock('@edgepress/kernels-native/shared-memory', () => {
  mockSharedMemoryLoads.push('loaded');
  return jest.requireActual('@edgepress/kernels-native/shared-memory');
});

describe('client entry', () => {
  it('loads without @edgepress/kernels-native', () => {
    const entry = require('./client') as typeof import('./client');
    expect(typeof entry.createKernelClient).toBe('function');
    expect(entry.SERVICE_NAME).toBe('edgepress.kernels.v1.Kernels');
  });

  it('loads the native shared-memory helper only when a shared region is created', async () => {
    const entry = require('./client') as typeof import('./client');
    const client = entry.createKernelClient({ addresses: ['127.0.0.1:1'], deadlineMs: 1000, healthCheckIntervalMs: 0 });
    expect(mockSharedMemoryLoads).toEqual([]);
    const region = await client.createSharedRegion(4096);
    expect(mockSharedMemoryLoads).toEqual(['loaded']);
    expect(region.byteLength).toBe(4096);
    await region.close();
    client.close();
  });

  it('would notice if it did', () => {
    expect(() => require('./in-process')).toThrow('loaded @edgepress/kernels-native');
  });
});
