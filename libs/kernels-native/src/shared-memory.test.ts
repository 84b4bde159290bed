import { execFileSync } from 'node:child_process';
import { readdirSync, truncateSync } from 'node:fs';
import path from 'node:path';
import { createSharedRegion, openSharedRegion, type SharedRegion } from './shared-memory';

const PEER = path.join(__dirname, '..', 'test', 'fixtures', 'shared-region-peer.ts');
const REPO_ROOT = path.join(__dirname, '..', '..', '..');

const regions: SharedRegion[] = [];
function created(bytes: number): SharedRegion {
  const region = createSharedRegion(bytes);
  regions.push(region);
  return region;
}
afterEach(() => regions.splice(0).forEach((r) => r.close()));

describe('shared-memory regions', () => {
  it('are shared with another process of the same user', () => {
    const region = created(4096);
    new Uint8Array(region.buffer).fill(3, 0, 100);
    const out = execFileSync(process.execPath, ['--import', 'tsx', PEER, JSON.stringify({ handle: region.handle, length: 100 })], { cwd: REPO_ROOT });
    expect(out.toString().trim()).toBe('300');
    expect(Array.from(new Uint8Array(region.buffer, 0, 101)).slice(98)).toEqual([7, 7, 0]);
  }, 30_000);

  it('open in the same process, and closing detaches every view', () => {
    const region = created(1 << 16);
    const other = openSharedRegion(region.handle);
    const view = new Float32Array(other.buffer, 64, 4);
    new Float32Array(region.buffer, 64, 4).set([1, 2, 3, 4]);
    expect(Array.from(view)).toEqual([1, 2, 3, 4]);
    other.close();
    other.close();
    expect(other.closed).toBe(true);
    expect(view.length).toBe(0);
    expect(other.buffer.byteLength).toBe(0);
    expect(new Float32Array(region.buffer, 64, 1)[0]).toBe(1);
  });

  it('refuse handles whose tag, size, pid or descriptor do not match', () => {
    const region = created(8192);
    const handle = region.handle;
    expect(() => openSharedRegion({ ...handle, tag: 'f'.repeat(32) })).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => openSharedRegion({ ...handle, byteLength: 4096 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => openSharedRegion({ ...handle, byteLength: 16384 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => openSharedRegion({ ...handle, fd: 100_000 })).toThrow(expect.objectContaining({ code: 'CONSTRAINT_NOT_MET' }));
    expect(() => openSharedRegion({ ...handle, pid: 2 ** 31 - 1 })).toThrow(expect.objectContaining({ code: 'CONSTRAINT_NOT_MET' }));
    // Another descriptor of this process (stdin) is not the tagged region.
    expect(() => openSharedRegion({ ...handle, fd: 0 })).toThrow(expect.objectContaining({ code: expect.stringMatching(/FORBIDDEN|CONSTRAINT_NOT_MET/) }));
    expect(() => openSharedRegion({ ...handle, tag: '../etc' } as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', details: { argument: 'handle.tag' } }));
    expect(() => createSharedRegion(0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('cannot be resized by a peer (sealed), and leave nothing in /dev/shm', () => {
    const before = readdirSync('/dev/shm');
    const region = created(4096);
    expect(() => truncateSync(`/proc/${process.pid}/fd/${region.handle.fd}`, 0)).toThrow(/EPERM/);
    expect(readdirSync('/dev/shm')).toEqual(before);
    region.close();
    // Closed: its descriptor is gone, so no one can open it any more.
    expect(() => openSharedRegion(region.handle)).toThrow(expect.objectContaining({ code: expect.stringMatching(/CONSTRAINT_NOT_MET|FORBIDDEN/) }));
  });
});
