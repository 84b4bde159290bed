import type { Pool, PoolClient } from 'pg';
import { createPool, withTransaction, type PoolOptions } from './pool';
import type { Queryable } from './sql/query';
import { AccountRepository } from './repositories/account-repository';
import { ArtifactRepository } from './repositories/artifact-repository';
import { BlobReferenceRepository } from './repositories/blob-reference-repository';
import { DatasetRepository } from './repositories/dataset-repository';
import { ModelRepository } from './repositories/model-repository';
import { PipelineRepository } from './repositories/pipeline-repository';
import { PluginRepository } from './repositories/plugin-repository';
import { RunRepository } from './repositories/run-repository';
import { StageRepository } from './repositories/stage-repository';
import { TargetRepository } from './repositories/target-repository';
import { TeamRepository } from './repositories/team-repository';
import { TokenRepository } from './repositories/token-repository';

export interface Repositories {
  accounts: AccountRepository;
  teams: TeamRepository;
  tokens: TokenRepository;
  targets: TargetRepository;
  models: ModelRepository;
  datasets: DatasetRepository;
  plugins: PluginRepository;
  pipelines: PipelineRepository;
  runs: RunRepository;
  stages: StageRepository;
  artifacts: ArtifactRepository;
  blobReferences: BlobReferenceRepository;
}

/** Repositories bound to one transaction, plus its client (e.g. for RunQueue.enqueue). */
export interface Transaction extends Repositories {
  client: PoolClient;
}

export interface Database extends Repositories {
  pool: Pool;
  /** Runs fn in one transaction: everything it does through `tx` commits or rolls back together. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function repositoriesOn(db: Queryable): Repositories {
  return {
    accounts: new AccountRepository(db),
    teams: new TeamRepository(db),
    tokens: new TokenRepository(db),
    targets: new TargetRepository(db),
    models: new ModelRepository(db),
    datasets: new DatasetRepository(db),
    plugins: new PluginRepository(db),
    pipelines: new PipelineRepository(db),
    runs: new RunRepository(db),
    stages: new StageRepository(db),
    artifacts: new ArtifactRepository(db),
    blobReferences: new BlobReferenceRepository(db),
  };
}

/** Opens a pool on an already migrated database (see migrate) and the repositories over it. */
export function openDatabase(databaseUrl: string, options: PoolOptions = {}): Database {
  const pool = createPool(databaseUrl, options);
  let closed: Promise<void> | undefined;
  return {
    ...repositoriesOn(pool),
    pool,
    transaction: (fn) => withTransaction(pool, (client) => fn({ ...repositoriesOn(client), client })),
    close: () => (closed ??= pool.end()),
  };
}
