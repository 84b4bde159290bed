// @edgepress/db: the persistence layer. Schema and migrations, team-scoped repositories, the
// content-addressed blob stores, the run queue (pg-boss), run events (LISTEN/NOTIFY) and the
// embedded PostgreSQL used by `npm start`. Test helpers live in '@edgepress/db/testing'.

// Connecting, migrating, transactions
export { openDatabase } from './database';
export type { Database, Repositories, Transaction } from './database';
export { migrate } from './migrate';
export type { MigrateOptions, MigrateResult } from './migrate';
export { createDatabaseIfMissing } from './database-admin';
export type { PoolOptions } from './pool';
export type { Connection, Edge, PageArgs, PageInfo } from './sql/pagination';

// Rows and their vocabularies
export { ROLES } from './repositories/roles';
export type { Role } from './repositories/roles';
export type { Account, AccountRepository } from './repositories/account-repository';
export type { Member, Team, TeamRepository } from './repositories/team-repository';
export type { ApiToken, TokenIdentity, TokenRepository } from './repositories/token-repository';
export { TARGET_KINDS } from './repositories/target-repository';
export type { TargetFilter, TargetKind, TargetRepository, TeamTarget } from './repositories/target-repository';
export { MAX_MODEL_DIMENSIONS, MODEL_FORMATS } from './repositories/model-repository';
export type { Model, ModelFormat, ModelRepository, NewModel } from './repositories/model-repository';
export { DATASET_FORMATS, DATASET_PURPOSES } from './repositories/dataset-repository';
export type { Dataset, DatasetFormat, DatasetPurpose, DatasetRepository, NewDataset } from './repositories/dataset-repository';
export type { NewPluginVersion, Plugin, PluginRepository, PluginVersion } from './repositories/plugin-repository';
export type { Pipeline, PipelineRepository } from './repositories/pipeline-repository';
export { FINISHED_RUN_STATES, RUN_STATES } from './repositories/run-repository';
export type { NewRun, NewStage, Run, RunError, RunFilter, RunRepository, RunState, RunTransition } from './repositories/run-repository';
export { STAGE_STATES } from './repositories/stage-repository';
export type { Stage, StageRepository, StageResult, StageState } from './repositories/stage-repository';
export { ARTIFACT_KINDS } from './repositories/artifact-repository';
export type { Artifact, ArtifactKind, ArtifactRepository } from './repositories/artifact-repository';
export type { BlobReferenceRepository } from './repositories/blob-reference-repository';

// Blobs
export { DEFAULT_MAX_BLOB_BYTES } from './blobs/blob-store';
export type { BlobInfo, BlobSource, BlobStore, PutOptions, PutResult } from './blobs/blob-store';
export { LocalFolderBlobStore } from './blobs/local-folder-store';
export type { LocalFolderBlobStoreOptions } from './blobs/local-folder-store';
export { PostgresBlobStore } from './blobs/postgres-store';
export type { PostgresBlobStoreOptions } from './blobs/postgres-store';

// Queue and events
export { RunQueue } from './queue/run-queue';
export type { QueueDepth, RunJob, RunJobContext, RunQueueOptions } from './queue/run-queue';
export { publishRunEvent, RUN_EVENT_KINDS, subscribeRunEvents } from './events/run-events';
export type { RunEvent, RunEventKind, RunEventSubscription, SubscribeOptions } from './events/run-events';

// Embedded PostgreSQL for `npm start`
export { startEmbeddedPostgres } from './embedded/embedded-postgres';
export type { EmbeddedPostgres, EmbeddedPostgresOptions } from './embedded/embedded-postgres';
