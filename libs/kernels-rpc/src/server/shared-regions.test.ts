/**
 * SharedRegionRegistry alone, with regions from a fake opener (real mapping is tested in
 * kernels-native and across processes): loopback-only registration, caps, references checked
 * against the mapping, regions kept mapped while a call uses them, released when unregistered,
 * idle, or when their process has exited.
 */
import { spawnSync } from 'node:child_process';
import type { SharedRegion, SharedRegionHandle } from '@edgepress/kernels-native';
import { isLocalPeer, SharedRegionRegistry, type UnmapReason } from './shared-regions';

const TAG = 'ab'.repeat(16);

function fakeOpener() {
  const closed: SharedRegionHandle[] = [];
  const open = (handle: SharedRegionHandle): SharedRegion => {
    let isClosed = false;
    return {
      handle,
      byteLength: handle.byteLength,
      buffer: new ArrayBuffer(handle.byteLength),
      get closed() {
        return isClosed;
      },
      close: () => {
        isClosed = true;
        closed.push(handle);
      },
    };
  };
  return { open, closed };
}

function registry(limits = {}) {
  const opener = fakeOpener();
  const forgotten: [string, UnmapReason][] = [];
  const r = new SharedRegionRegistry(limits, { open: opener.open, onForget: (id, reason) => forgotten.push([id, reason]) });
  return { r, closed: opener.closed, forgotten };
}

const handle = (byteLength = 4096, pid = process.pid): SharedRegionHandle => ({ pid, fd: 3, tag: TAG, byteLength });
const LOCAL = '127.0.0.1:40000';

describe('SharedRegionRegistry', () => {
  it('registers regions of loopback peers only', () => {
    const { r } = registry();
    expect(r.register(handle(), LOCAL)).toMatch(/^[0-9a-f]{32}$/);
    expect(() => r.register(handle(), '10.1.2.3:5000')).toThrow(expect.objectContaining({ code: 'CONSTRAINT_NOT_MET' }));
    expect(() => r.register({ ...handle(), tag: 'nope' }, LOCAL)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'handle.tag' } }));
    r.close();
  });

  it('caps the number of regions and their bytes', () => {
    const { r } = registry({ maxRegions: 2, maxBytes: 10_000 });
    r.register(handle(4096), LOCAL);
    expect(() => r.register(handle(8192), LOCAL)).toThrow(expect.objectContaining({ code: 'RESOURCE_EXHAUSTED' }));
    r.register(handle(4096), LOCAL);
    expect(() => r.register(handle(64), LOCAL)).toThrow(expect.objectContaining({ code: 'RESOURCE_EXHAUSTED' }));
    r.close();
  });

  it('resolves references within the region, aligned, and refuses the others', () => {
    const { r } = registry();
    const id = r.register(handle(4096), LOCAL);
    const lease = r.lease();
    const view = lease.resolve({ regionId: id, offset: 64 }, 128, 4, 'x');
    expect([view.byteOffset, view.byteLength]).toEqual([64, 128]);
    const refused = (slice: { regionId: string; offset: number }, length = 16, alignment = 4) => () => lease.resolve(slice, length, alignment, 'x');
    expect(refused({ regionId: id, offset: 4090 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'x.shared' } }));
    expect(refused({ regionId: id, offset: 6 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(refused({ regionId: id, offset: -4 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(refused({ regionId: id, offset: 0.5 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(refused({ regionId: 'c'.repeat(32), offset: 0 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    lease.release();
    r.close();
  });

  it('copies results into the output range while they fit, keeping what a kernel wrote there', () => {
    const { r } = registry();
    const id = r.register(handle(4096), LOCAL);
    const lease = r.lease();
    const arena = lease.outputArena({ regionId: id, offset: 1024, byteLength: 1024 });
    expect(arena.place(new Uint8Array(100).fill(9))).toEqual({ regionId: id, offset: 1024 });
    expect(arena.place(new Uint8Array(100))).toEqual({ regionId: id, offset: 1152 });
    expect(arena.place(new Uint8Array(900))).toBeUndefined();
    // Bytes already inside the range (a kernel's output written there) are referenced in place.
    const written = lease.resolve({ regionId: id, offset: 1600 }, 64, 1, 'y');
    expect(arena.place(written)).toEqual({ regionId: id, offset: 1600 });
    expect(() => lease.outputArena({ regionId: id, offset: 10, byteLength: 64 })).toThrow(expect.objectContaining({ details: { argument: 'options.sharedOutput' } }));
    expect(() => lease.outputArena({ regionId: id, offset: 4032, byteLength: 128 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    lease.release();
    r.close();
  });

  it('keeps a region mapped while a call uses it, even once unregistered', () => {
    const { r, closed, forgotten } = registry();
    const id = r.register(handle(), LOCAL);
    const lease = r.lease();
    lease.resolve({ regionId: id, offset: 0 }, 16, 4, 'x');
    r.unregister(id);
    expect(forgotten).toEqual([[id, 'unregistered']]);
    expect(closed).toHaveLength(0);
    expect(() => r.lease().resolve({ regionId: id, offset: 0 }, 16, 4, 'x')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    lease.release();
    expect(closed).toHaveLength(1);
    r.close();
  });

  it('releases regions whose process has exited, and idle ones', async () => {
    const exited = spawnSync(process.execPath, ['-e', '0']).pid as number;
    const { r, closed, forgotten } = registry({ idleMs: 50 });
    const gone = r.register(handle(4096, exited), LOCAL);
    const idle = r.register(handle(), LOCAL);
    r.sweep();
    expect(forgotten).toEqual([[gone, 'client exited']]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    r.sweep();
    expect(forgotten).toEqual([
      [gone, 'client exited'],
      [idle, 'idle'],
    ]);
    expect(closed).toHaveLength(2);
    expect(r.size).toBe(0);
    r.close();
  });
});

describe('isLocalPeer', () => {
  it.each([
    ['127.0.0.1:5000', true],
    ['127.1.2.3:5000', true],
    ['[::1]:5000', true],
    ['ipv4:127.0.0.1:5000', true],
    ['[::ffff:127.0.0.1]:80', true],
    ['unix:/tmp/k.sock', true],
    ['10.0.0.5:5000', false],
    ['[2001:db8::1]:5000', false],
    ['128.0.0.1:5000', false],
  ])('%s -> %s', (peer, local) => expect(isLocalPeer(peer)).toBe(local));
});
