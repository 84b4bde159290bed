import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { BlobStore } from './blob-store';
import { LocalFolderBlobStore } from './local-folder-store';
import { PostgresBlobStore } from './postgres-store';
import { expectCode, useDatabase } from '../testing/fixtures';

const MiB = 1024 * 1024;

/** Deterministic pseudo-random bytes, generated block by block: never held whole in memory. */
function* pseudoRandomBlocks(totalBytes: number, seed: number, blockBytes = 64 * 1024): Generator<Buffer> {
  let state = seed >>> 0 || 1;
  for (let offset = 0; offset < totalBytes; offset += blockBytes) {
    const block = Buffer.allocUnsafe(Math.min(blockBytes, totalBytes - offset));
    for (let i = 0; i < block.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      block.writeUInt32LE(state >>> 0, i - (i + 4 > block.length ? i + 4 - block.length : 0));
    }
    yield block;
  }
}

/** The reference hash, computed independently of the stores over the same generator. */
function referenceSha256(totalBytes: number, seed: number): string {
  const hash = createHash('sha256');
  for (const block of pseudoRandomBlocks(totalBytes, seed)) hash.update(block);
  return hash.digest('hex');
}

async function hashStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

// Garbage buffers linger until V8 collects them, so each sample collects first: what remains is
// what the store actually holds. Freed buffers leave the arrayBuffers count only when V8 sweeps
// them, by default on a background thread that lags on a busy machine (CI measured 53 MiB of
// swept-late garbage here), so sweeping is made part of the collection.
v8.setFlagsFromString('--expose-gc');
v8.setFlagsFromString('--no-concurrent-array-buffer-sweeping');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function liveBufferBytes(): number {
  collectGarbage();
  return process.memoryUsage().arrayBuffers;
}

/** Highest growth of live Buffer memory while fn runs, sampled every 250 ms (a store that buffered the blob would hold it for seconds). */
async function peakBufferGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; peakBytes: number }> {
  const base = liveBufferBytes();
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, liveBufferBytes() - base);
  }, 250);
  try {
    const result = await fn();
    return { result, peakBytes: peak };
  } finally {
    clearInterval(timer);
  }
}

interface StoreFixture {
  store: BlobStore;
  /** Everything the store keeps, to prove that failed uploads leave nothing. */
  footprint(): Promise<string[]>;
}

describe.each(['local folder', 'postgres'] as const)('%s blob store', (kind) => {
  const env = useDatabase();
  let folder: string;
  let fixture: StoreFixture;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'edgepress-blobs-'));
    if (kind === 'local folder') {
      const store = new LocalFolderBlobStore({ root: folder, maxBytes: 64 * MiB });
      fixture = {
        store,
        footprint: async () => (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort(),
      };
    } else {
      const store = new PostgresBlobStore({ pool: env.db.pool, maxBytes: 64 * MiB });
      fixture = {
        store,
        footprint: async () => {
          const { rows } = await env.db.pool.query<{ item: string }>(
            "SELECT 'blob:' || sha256 AS item FROM blobs UNION ALL SELECT 'chunk:' || upload_id || ':' || seq FROM blob_chunks ORDER BY 1",
          );
          return rows.map((row) => row.item);
        },
      };
    }
  });
  afterAll(async () => rm(folder, { recursive: true, force: true }));

  it('round-trips 50 MB as a stream without holding it in memory', async () => {
    const size = 50 * MiB;
    const expected = referenceSha256(size, 7);
    const written = await peakBufferGrowth(() => fixture.store.put(Readable.from(pseudoRandomBlocks(size, 7))));
    expect(written.result).toEqual({ sha256: expected, sizeBytes: size, created: true });
    expect(await fixture.store.stat(expected)).toEqual({ sha256: expected, sizeBytes: size });
    const read = await peakBufferGrowth(async () => hashStream(await fixture.store.get(expected)));
    expect(read.result).toEqual({ sha256: expected, bytes: size });
    // A store that buffered the blob would hold at least 50 MB at once.
    console.log(`${kind}: peak live buffer growth ${(written.peakBytes / MiB).toFixed(1)} MiB writing, ${(read.peakBytes / MiB).toFixed(1)} MiB reading`);
    expect(written.peakBytes).toBeLessThan(40 * MiB);
    expect(read.peakBytes).toBeLessThan(40 * MiB);
    expect(await fixture.store.delete(expected)).toBe(true);
    expect(await fixture.store.has(expected)).toBe(false);
    expect(await fixture.footprint()).toEqual([]);
  }, 60_000);

  it('stores the same content once', async () => {
    const first = await fixture.store.put(Readable.from([Buffer.from('hello '), Buffer.from('world')]));
    const second = await fixture.store.put((async function* () { yield 'hello world'; })());
    expect(first).toEqual({ sha256: createHash('sha256').update('hello world').digest('hex'), sizeBytes: 11, created: true });
    expect(second).toEqual({ ...first, created: false });
    expect((await fixture.footprint()).length).toBe(1 + (kind === 'postgres' ? 1 : 0));
    expect((await hashStream(await fixture.store.get(first.sha256))).bytes).toBe(11);
    await fixture.store.delete(first.sha256);
  });

  it('handles the empty blob', async () => {
    const empty = await fixture.store.put(Readable.from([]));
    expect(empty).toEqual({ sha256: createHash('sha256').digest('hex'), sizeBytes: 0, created: true });
    expect(await hashStream(await fixture.store.get(empty.sha256))).toEqual({ sha256: empty.sha256, bytes: 0 });
    await fixture.store.delete(empty.sha256);
  });

  it('cuts an upload over the cap with RESOURCE_EXHAUSTED, stops reading it and leaves nothing', async () => {
    let produced = 0;
    const source = Readable.from(
      (function* () {
        for (const block of pseudoRandomBlocks(8 * MiB, 3)) {
          produced += block.length;
          yield block;
        }
      })(),
    );
    await expectCode(fixture.store.put(source, { maxBytes: 3 * MiB }), 'RESOURCE_EXHAUSTED');
    expect(source.destroyed).toBe(true);
    expect(produced).toBeLessThan(4 * MiB);
    expect(await fixture.footprint()).toEqual([]);
  });

  it('leaves nothing when the source fails or the claimed hash is wrong', async () => {
    const failing = (async function* () {
      yield Buffer.alloc(2 * MiB, 1);
      throw new Error('client went away');
    })();
    await expectCode(fixture.store.put(failing), 'BAD_USER_INPUT');
    const claimed = createHash('sha256').update('something else').digest('hex');
    await expectCode(fixture.store.put(Readable.from([Buffer.from('actual')]), { expectedSha256: claimed }), 'BAD_USER_INPUT');
    expect(await fixture.footprint()).toEqual([]);
    const actual = createHash('sha256').update('actual').digest('hex');
    expect((await fixture.store.put(Readable.from([Buffer.from('actual')]), { expectedSha256: actual })).sha256).toBe(actual);
    await fixture.store.delete(actual);
  });

  it('keeps one copy when the same content is written concurrently', async () => {
    const size = 3 * MiB + 5;
    const expected = referenceSha256(size, 11);
    const results = await Promise.all(Array.from({ length: 4 }, () => fixture.store.put(Readable.from(pseudoRandomBlocks(size, 11)))));
    expect(results.map((result) => result.sha256)).toEqual([expected, expected, expected, expected]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await hashStream(await fixture.store.get(expected))).toEqual({ sha256: expected, bytes: size });
    const footprint = await fixture.footprint();
    expect(footprint.filter((item) => item.includes(expected))).toHaveLength(1);
    expect(footprint).toHaveLength(kind === 'postgres' ? 1 + 4 : 1);
    await fixture.store.delete(expected);
  }, 30_000);

  it('answers NOT_FOUND, null and false for absent blobs and rejects malformed addresses', async () => {
    const absent = 'f'.repeat(64);
    await expectCode(fixture.store.get(absent), 'NOT_FOUND');
    expect(await fixture.store.stat(absent)).toBeNull();
    expect(await fixture.store.has(absent)).toBe(false);
    expect(await fixture.store.delete(absent)).toBe(false);
    await expectCode(fixture.store.get('../../etc/passwd'), 'BAD_USER_INPUT');
    await expectCode(fixture.store.stat('F'.repeat(64)), 'BAD_USER_INPUT');
  });
});
