/**
 * Shared-memory regions between processes of one host and one user (native code:
 * src/native/shared_region.cc), for the kernel service's same-host tensor transport: a client
 * creates a region, writes tensors into it, and hands the server a reference instead of the
 * bytes; the server maps the same memory and runs kernels on it directly.
 *
 * Threat model: the process that opens a region trusts nothing its peer says. A region is a
 * sealed memfd, so its size is fixed for good (truncating it under a mapping would crash the
 * mapping process with SIGBUS); it is opened through /proc/<pid>/fd/<fd> only if that descriptor
 * is the memfd named with the region's random 128-bit tag (an unguessable capability: knowing the
 * pid and fd is not enough), owned by this process's user, sealed, and exactly as large as
 * claimed. Closing a region detaches its ArrayBuffer, so views of a closed region have length 0
 * rather than pointing at unmapped memory; nothing exists in a file system, so nothing outlives
 * the processes (regions are never left in /dev/shm). What a peer writes into the shared bytes
 * while a kernel reads them can change a result, never memory safety: every tensor inside a region
 * is bounds-checked against the mapping by its user (libs/kernels-rpc).
 * Tests: shared-memory.test.ts (and libs/kernels-rpc, apps/kernel-server across processes).
 */
import { randomBytes } from 'node:crypto';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { native, toKernelError } from './binding';
import { expectInteger, invalidArgument } from './validate';

/** The largest region: 1 TiB of address space (the memory is only used as it is touched). */
export const MAX_SHARED_REGION_BYTES = 2 ** 40;

/** What another process needs to open a region: where its descriptor is, and its tag. */
export interface SharedRegionHandle {
  readonly pid: number;
  readonly fd: number;
  /** 32 hex digits of randomness naming the region; the capability to open it. */
  readonly tag: string;
  readonly byteLength: number;
}

export interface SharedRegion {
  readonly handle: SharedRegionHandle;
  readonly byteLength: number;
  /** The mapped memory; detached (byteLength 0) once the region is closed. */
  readonly buffer: ArrayBuffer;
  readonly closed: boolean;
  /** Unmaps the region (idempotent): every view of it becomes empty. */
  close(): void;
}

const TAG = /^[0-9a-f]{32}$/;

/** True where regions can be created and opened (Linux). */
export function sharedMemorySupported(): boolean {
  return native.sharedRegionSupported();
}

function region(handle: SharedRegionHandle, buffer: ArrayBuffer): SharedRegion {
  let closed = false;
  return {
    handle,
    byteLength: handle.byteLength,
    buffer,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      native.sharedRegionClose(buffer);
    },
  };
}

function call<T>(operation: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw toKernelError(operation, error);
  }
}

/** Creates a region of `byteLength` zero bytes in this process. */
export function createSharedRegion(byteLength: number): SharedRegion {
  const bytes = expectInteger('byteLength', byteLength, 1, MAX_SHARED_REGION_BYTES);
  const tag = randomBytes(16).toString('hex');
  const created = call('createSharedRegion', () => native.sharedRegionCreate(bytes, tag));
  return region({ pid: process.pid, fd: created.fd, tag, byteLength: bytes }, created.buffer);
}

/** Checks a handle that arrived from another process (every field, before any system call). */
export function expectSharedRegionHandle(name: string, value: unknown): SharedRegionHandle {
  if (typeof value !== 'object' || value === null) throw invalidArgument(`Expected a shared region handle { pid, fd, tag, byteLength } for ${name}`, name);
  const h = value as Record<string, unknown>;
  const pid = expectInteger(`${name}.pid`, h.pid, 1, 2 ** 31 - 1);
  const fd = expectInteger(`${name}.fd`, h.fd, 0, 2 ** 31 - 1);
  const byteLength = expectInteger(`${name}.byteLength`, h.byteLength, 1, MAX_SHARED_REGION_BYTES);
  if (typeof h.tag !== 'string' || !TAG.test(h.tag)) throw invalidArgument(`Expected 32 lowercase hex digits for ${name}.tag`, `${name}.tag`);
  return { pid, fd, tag: h.tag, byteLength };
}

/**
 * Maps a region that another process of this user created. Fails with CONSTRAINT_NOT_MET when
 * that process is not reachable from here (another host or pid namespace), FORBIDDEN when the
 * descriptor is not the tagged region or belongs to another user, INVALID_ARGUMENT when its size
 * or seals differ from the handle's.
 */
export function openSharedRegion(handle: SharedRegionHandle): SharedRegion {
  const h = expectSharedRegionHandle('handle', handle);
  if (!sharedMemorySupported()) throw new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, 'Shared-memory regions need Linux');
  const buffer = call('openSharedRegion', () => native.sharedRegionOpen(h.pid, h.fd, h.tag, h.byteLength));
  return region(h, buffer);
}
