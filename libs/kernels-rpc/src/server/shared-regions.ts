/**
 * The server's side of the same-host shared-memory transport: the regions clients registered,
 * and each call's use of them.
 *
 * Threat model (trust boundary 4): a client names a region by a handle (pid, fd, random tag,
 * size) that kernels-native checks before mapping it (sealed memfd of this user, tag and size as
 * claimed; see kernels-native's shared-memory.ts). Registration is refused to peers that are not
 * on the loopback interface, beyond the region count and mapped-byte caps (RESOURCE_EXHAUSTED),
 * and when the feature is off (CONSTRAINT_NOT_MET, so that the client streams instead). Region ids
 * are random, so one client cannot guess another's. Every reference a call makes (region id,
 * offset, length, alignment; output ranges) is checked against the mapping before a view is made
 * (INVALID_ARGUMENT); a call holds the regions it uses until it ends, so unregistering (or expiry)
 * never unmaps memory a kernel is reading. Regions are unmapped when unregistered, when idle for
 * `idleMs`, when the registering process has exited, and when the server stops.
 * Tests: shared-regions.test.ts, shared-memory.test.ts, apps/kernel-server/test/shared-memory.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
// Server side: kernels-native is needed at once (the client entry loads it lazily, see client/shared-memory.ts).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { expectSharedRegionHandle, openSharedRegion, type SharedRegion, type SharedRegionHandle } from '@edgepress/kernels-native';
import { UNKNOWN_REGION_TEXT, type SharedPlacement, type SharedResolver, type WireSharedSlice } from '../wire/wire-tensor';

export interface SharedMemoryLimits {
  /** Regions registered at once, all clients together; default 64. */
  maxRegions?: number;
  /** Bytes of all registered regions together (address space: the memory is the clients'); default 64 GiB. */
  maxBytes?: number;
  /** A region unused this long is unmapped; default 10 minutes. */
  idleMs?: number;
}

/** Why a region was unmapped. */
export type UnmapReason = 'unregistered' | 'idle' | 'client exited' | 'server stopped';

export interface SharedRegionRegistryHooks {
  /** Maps a client's region (default: kernels-native's openSharedRegion). */
  open?: (handle: SharedRegionHandle) => SharedRegion;
  /** Told when a region is forgotten (it is unmapped once no call uses it). */
  onForget?: (regionId: string, reason: UnmapReason) => void;
}

interface Registered {
  readonly id: string;
  readonly region: SharedRegion;
  readonly pid: number;
  users: number;
  lastUsed: number;
  unregistered: boolean;
}

/** A range of a region for a call's results: kernels may write into it, the rest is copied in. */
export interface OutputArena {
  /** Room for a kernel's output (64-byte aligned), or undefined when the range is full. */
  readonly allocate: (bytes: number) => Uint8Array | undefined;
  /** Where a result tensor goes: referenced in place if a kernel wrote it here, else copied in if it fits. */
  readonly place: SharedPlacement;
}

function invalid(message: string, argument: string): EdgepressError {
  return new EdgepressError(ErrorCode.INVALID_ARGUMENT, message, { details: { argument } });
}

const REGION_ID = /^[0-9a-f]{32}$/;
const RESULT_ALIGNMENT = 64;

/** True for grpc-js peer strings of this host: loopback addresses and unix sockets. */
export function isLocalPeer(peer: string): boolean {
  if (peer.startsWith('unix:')) return true;
  const host = peer.startsWith('[') ? peer.slice(1, peer.indexOf(']')) : peer.slice(0, peer.lastIndexOf(':'));
  const bare = host.replace(/^ipv[46]:/, '').replace(/^::ffff:/, '');
  return bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class SharedRegionRegistry {
  private readonly regions = new Map<string, Registered>();
  private readonly maxRegions: number;
  private readonly maxBytes: number;
  private readonly idleMs: number;
  private readonly sweeper: NodeJS.Timeout;

  private readonly open: (handle: SharedRegionHandle) => SharedRegion;
  private readonly onForget: (regionId: string, reason: UnmapReason) => void;

  constructor(limits: SharedMemoryLimits = {}, hooks: SharedRegionRegistryHooks = {}) {
    this.open = hooks.open ?? openSharedRegion;
    this.onForget = hooks.onForget ?? (() => undefined);
    this.maxRegions = limits.maxRegions ?? 64;
    this.maxBytes = limits.maxBytes ?? 64 * 2 ** 30;
    this.idleMs = limits.idleMs ?? 10 * 60_000;
    this.sweeper = setInterval(() => this.sweep(), Math.min(2000, this.idleMs));
    this.sweeper.unref();
  }

  get size(): number {
    return this.regions.size;
  }

  /** Maps a client's region; returns its id on this server. */
  register(handle: unknown, peer: string): string {
    if (!isLocalPeer(peer)) {
      throw new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, 'Shared memory is only for clients on the same host (this one connects from elsewhere)');
    }
    const h = expectSharedRegionHandle('handle', handle);
    this.sweep();
    const mapped = [...this.regions.values()].reduce((sum, r) => sum + r.region.byteLength, 0);
    if (this.regions.size >= this.maxRegions || mapped + h.byteLength > this.maxBytes) {
      throw new EdgepressError(
        ErrorCode.RESOURCE_EXHAUSTED,
        `This server maps at most ${this.maxRegions} shared regions and ${this.maxBytes} bytes; ${this.regions.size} regions of ${mapped} bytes are registered`,
        { details: { argument: 'handle.byteLength', cap: this.maxBytes } },
      );
    }
    const region = this.open(h);
    const id = randomBytes(16).toString('hex');
    this.regions.set(id, { id, region, pid: h.pid, users: 0, lastUsed: Date.now(), unregistered: false });
    return id;
  }

  /** Forgets a region; it is unmapped once the calls using it have ended. */
  unregister(regionId: unknown, reason: UnmapReason = 'unregistered'): void {
    const entry = this.lookup(regionId, 'regionId');
    this.regions.delete(entry.id);
    entry.unregistered = true;
    if (entry.users === 0) entry.region.close();
    this.onForget(entry.id, reason);
  }

  /** One call's access to the regions, held until release(). */
  lease(): SharedLease {
    return new SharedLease(this);
  }

  /** Unmaps regions that nobody uses and that are idle or whose process has exited. */
  sweep(): void {
    const now = Date.now();
    for (const entry of this.regions.values()) {
      if (entry.users > 0) continue;
      if (!processAlive(entry.pid)) this.unregister(entry.id, 'client exited');
      else if (now - entry.lastUsed > this.idleMs) this.unregister(entry.id, 'idle');
    }
  }

  /** Unmaps every region not in use now, and each of the others when its calls end. */
  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.regions.keys()]) this.unregister(id, 'server stopped');
  }

  lookup(regionId: unknown, argument: string): Registered {
    const entry = typeof regionId === 'string' && REGION_ID.test(regionId) ? this.regions.get(regionId) : undefined;
    if (entry === undefined) throw invalid(`Expected ${argument} to name ${UNKNOWN_REGION_TEXT} but received ${JSON.stringify(String(regionId).slice(0, 40))}`, argument);
    return entry;
  }

  acquire(entry: Registered): void {
    entry.users++;
    entry.lastUsed = Date.now();
  }

  releaseOne(entry: Registered): void {
    entry.users--;
    entry.lastUsed = Date.now();
    if (entry.users === 0 && entry.unregistered) entry.region.close();
  }
}

/** Bounds and alignment of [offset, offset + length) in a region, named after `argument`. */
function checkRange(entry: Registered, offset: unknown, length: number, alignment: number, argument: string): number {
  const size = entry.region.byteLength;
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0 || offset % alignment !== 0) {
    throw invalid(`Expected ${argument} offset to be a non-negative multiple of ${alignment} but received ${String(offset)}`, argument);
  }
  if (offset + length > size) {
    throw invalid(`Expected ${argument} ([${offset}, ${offset + length})) to lie within its shared region of ${size} bytes`, argument);
  }
  return offset;
}

export class SharedLease {
  private readonly held = new Set<Registered>();

  constructor(private readonly registry: SharedRegionRegistry) {}

  private use(regionId: unknown, argument: string): Registered {
    const entry = this.registry.lookup(regionId, argument);
    if (!this.held.has(entry)) {
      this.registry.acquire(entry);
      this.held.add(entry);
    }
    return entry;
  }

  /** Views of tensors sent as references (TensorAssembler's SharedResolver). */
  readonly resolve: SharedResolver = (slice, byteLength, alignment, path) => {
    const entry = this.use(slice.regionId, `${path}.shared`);
    const offset = checkRange(entry, slice.offset, byteLength, alignment, `${path}.shared`);
    return new Uint8Array(entry.region.buffer, offset, byteLength);
  };

  /** Where this call's results go: the range CallOptions.shared_output names. */
  outputArena(range: { regionId?: unknown; offset?: unknown; byteLength?: unknown }): OutputArena {
    const entry = this.use(range.regionId, 'options.sharedOutput');
    const length = range.byteLength;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw invalid(`Expected a byte length for options.sharedOutput but received ${String(length)}`, 'options.sharedOutput');
    }
    const start = checkRange(entry, range.offset, length, RESULT_ALIGNMENT, 'options.sharedOutput');
    const end = start + length;
    const buffer = entry.region.buffer;
    let cursor = start;
    const allocate = (bytes: number): Uint8Array | undefined => {
      const at = Math.ceil(cursor / RESULT_ALIGNMENT) * RESULT_ALIGNMENT;
      if (at + bytes > end) return undefined;
      cursor = at + bytes;
      return new Uint8Array(buffer, at, bytes);
    };
    const place = (bytes: Uint8Array): WireSharedSlice | undefined => {
      // A kernel may have written its result into the range already.
      if (bytes.buffer === buffer && bytes.byteOffset >= start && bytes.byteOffset + bytes.byteLength <= end) {
        return { regionId: entry.id, offset: bytes.byteOffset };
      }
      const room = allocate(bytes.byteLength);
      if (room === undefined) return undefined;
      room.set(bytes);
      return { regionId: entry.id, offset: room.byteOffset };
    };
    return { allocate, place };
  }

  release(): void {
    for (const entry of this.held) this.registry.releaseOne(entry);
    this.held.clear();
  }
}
