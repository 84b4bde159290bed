import { createHash } from 'node:crypto';
import { openDatabase, type Database } from '../database';
import type { Model } from '../repositories/model-repository';
import type { Run } from '../repositories/run-repository';
import type { Team } from '../repositories/team-repository';
import { createTestDatabase, type TestDatabase } from './test-database';

/** Internal helpers for this package's tests (not exported). */

export function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'EdgepressError', code });
}

/** A migrated database of its own and the repositories over it, for one test file. */
export function useDatabase(): { readonly db: Database; readonly url: string } {
  let database: TestDatabase | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = openDatabase(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useDatabase() values are available inside tests only');
    return value;
  };
  return {
    get db() {
      return ready(db);
    },
    get url() {
      return ready(database).url;
    },
  };
}

let counter = 0;
function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export async function seedTeam(db: Database, name = 'team'): Promise<Team> {
  return db.teams.create({ slug: unique(name), name });
}

export async function seedModel(db: Database, teamId: string, name = unique('model')): Promise<Model> {
  return db.models.create(teamId, { name, blobSha256: sha256Of(name), sizeBytes: 1234, summary: { operators: ['Conv'] } });
}

export async function seedRun(db: Database, teamId: string, options: { modelId?: string; stageCount?: number; targetId?: string } = {}): Promise<Run> {
  const modelId = options.modelId ?? (await seedModel(db, teamId)).id;
  const stages = Array.from({ length: options.stageCount ?? 2 }, (_, index) => ({
    pluginName: index % 2 === 0 ? 'prune-channels' : 'quantize-int8',
    pluginVersion: '1.0.0',
    params: { step: index },
  }));
  const targetId = options.targetId ?? 'raspberry-pi-4';
  return db.runs.create(teamId, { modelId, targetId, target: { id: targetId, kind: 'cpu' }, spec: { stages: stages.length }, stages });
}
