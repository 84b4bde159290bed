/**
 * A platform for one acceptance test file, wired like a distributed deployment: a database of its
 * own on the PostgreSQL at 127.0.0.1:5432, the built-in plugins registered the way `npm start`
 * registers them, kernel servers and workers as real processes, and the gateway in front (in this
 * process, or as several processes sharing one signing secret, as behind a load balancer). The demo
 * team's owner token opens the API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { LocalFolderBlobStore, openDatabase, PostgresBlobStore, type BlobStore, type Database } from '@edgepress/db';
import { createTestDatabase, type TestDatabase } from '@edgepress/db/testing';
import { createGateway, seedPlatform, type Gateway } from '@edgepress/gateway';
import { seedBuiltinPlugins } from '../../src/builtin-plugins';
import { REPO_ROOT, startGateway, startKernelServer, startWorker, type AppProcess } from './app-process';
import { GatewayApi } from './gateway-api';
import { ocrLinesJsonl } from './ocr-lines';

export const CLASSIFIER = path.join(REPO_ROOT, 'node_modules', '@gutenye', 'ocr-models', 'assets', 'ch_ppocr_mobile_v2.0_cls_infer.onnx');

/** Shared by every test file: bundles are keyed by a hash of their sources. */
const BUNDLE_CACHE = path.join(tmpdir(), 'edgepress-test-plugin-bundles');

const SIGNING_SECRET = 'e2e-signing-secret-0123456789';

export interface TestPlatformOptions {
  kernelServers?: number;
  workers?: number;
  /** 'postgres' keeps blobs in the database, as workers on other machines need (default: a folder). */
  blobs?: 'folder' | 'postgres';
  workerEnv?: Record<string, string>;
  /** Gateway processes (apps/gateway's main.ts) on the one database; 0 (default) runs one gateway in this process. */
  gatewayProcesses?: number;
}

export interface TestPlatform {
  /** The first gateway's API. */
  readonly api: GatewayApi;
  /** One API per gateway, the same demo token on each. */
  readonly apis: GatewayApi[];
  readonly databaseUrl: string;
  readonly db: Database;
  readonly blobs: BlobStore;
  readonly kernelServers: AppProcess[];
  readonly workers: AppProcess[];
  readonly gateways: AppProcess[];
  readonly workerEnv: Record<string, string>;
  close(): Promise<void>;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const database: TestDatabase = await createTestDatabase();
  const db = openDatabase(database.url, { max: 10 });
  const blobRoot = await mkdtemp(path.join(tmpdir(), 'edgepress-e2e-blobs-'));
  const blobs: BlobStore = options.blobs === 'postgres' ? new PostgresBlobStore({ pool: db.pool }) : new LocalFolderBlobStore({ root: blobRoot });
  const kernelServers: AppProcess[] = [];
  const workers: AppProcess[] = [];
  const gateways: AppProcess[] = [];
  let gateway: Gateway | undefined;
  const close = async () => {
    await Promise.all(gateways.map((server) => server.stop('SIGKILL')));
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await Promise.all(kernelServers.map((server) => server.stop('SIGKILL')));
    await gateway?.close();
    await db.close();
    await database.drop();
    await rm(blobRoot, { recursive: true, force: true });
  };
  try {
    const silent = pino({ level: 'silent' });
    const seeded = await seedBuiltinPlugins(db, blobs, BUNDLE_CACHE, silent);
    if (seeded.skipped.length > 0) throw new Error(`built-in plugins not registered: ${JSON.stringify(seeded.skipped)}`);
    const { demoToken } = await seedPlatform(db);
    if (!demoToken) throw new Error('seeding made no demo token');
    for (let i = 0; i < (options.kernelServers ?? 1); i++) kernelServers.push(await startKernelServer(`kernel-server-${i + 1}`));
    const workerEnv = {
      DATABASE_URL: database.url,
      EDGEPRESS_BLOBS: options.blobs === 'postgres' ? 'postgres' : blobRoot,
      EDGEPRESS_KERNELS: kernelServers.map((server) => server.ready).join(','),
      WORKER_RANDOM_CALIBRATION: '8',
      ...options.workerEnv,
    };
    for (let i = 0; i < (options.workers ?? 1); i++) workers.push(await startWorker(`worker-${i + 1}`, workerEnv));
    const gatewayEnv = { DATABASE_URL: database.url, EDGEPRESS_BLOBS: workerEnv.EDGEPRESS_BLOBS, EDGEPRESS_GATEWAY_SECRET: SIGNING_SECRET, GATEWAY_RATE_LIMIT: 'off' };
    for (let i = 0; i < (options.gatewayProcesses ?? 0); i++) gateways.push(await startGateway(`gateway-${i + 1}`, gatewayEnv));
    if (gateways.length === 0) gateway = await createGateway({ databaseUrl: database.url, db, blobs, port: 0, logger: silent, signingSecret: SIGNING_SECRET, rateLimit: false });
    const urls = gateway ? [gateway.url] : gateways.map((server) => server.ready);
    const apis = urls.map((url) => new GatewayApi(url, demoToken.secret));
    return { api: apis[0], apis, databaseUrl: database.url, db, blobs, kernelServers, workers, gateways, workerEnv, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/** Uploads the PP-OCR direction classifier and registers it under `name`, with values of its symbolic dimensions if given. */
export async function registerClassifier(api: GatewayApi, name: string, dimensions?: Record<string, number>): Promise<string> {
  const blob = await api.upload(CLASSIFIER);
  const { registerModel } = await api.query<{ registerModel: { id: string } }>('mutation ($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
    input: { name, blobSha256: blob.sha256, uploadReceipt: blob.uploadReceipt, dimensions: dimensions && Object.entries(dimensions).map(([dimension, value]) => ({ name: dimension, value })) },
  });
  return registerModel.id;
}

/** Registers `count` real OCR text lines as a JSON-lines calibration dataset. */
export async function registerOcrCalibration(api: GatewayApi, name: string, count: number): Promise<string> {
  const blob = await api.upload(Buffer.from(ocrLinesJsonl(count)));
  const { registerDataset } = await api.query<{ registerDataset: { id: string } }>('mutation ($input: RegisterDatasetInput!) { registerDataset(input: $input) { id } }', {
    input: { name, purpose: 'CALIBRATION', format: 'JSONL', blobSha256: blob.sha256, uploadReceipt: blob.uploadReceipt, sampleCount: count, inputNames: ['x'] },
  });
  return registerDataset.id;
}

export interface RunRequest {
  stages: { plugin: string; params?: Record<string, unknown> }[];
  targetId?: string;
  calibrationDatasetId?: string;
}

export async function createRun(api: GatewayApi, modelId: string, request: RunRequest): Promise<string> {
  const { createRun: run } = await api.query<{ createRun: { id: string } }>('mutation ($input: CreateRunInput!) { createRun(input: $input) { id } }', {
    input: { modelId, spec: { targetId: request.targetId ?? 'raspberry-pi-4', stages: request.stages, calibrationDatasetId: request.calibrationDatasetId ?? null } },
  });
  return run.id;
}
