import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { containsPattern } from '../sql/filters';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireInteger, requireOneOf, requireSha256, requireText } from '../sql/validate';

export const DATASET_PURPOSES = ['calibration', 'evaluation'] as const;
export type DatasetPurpose = (typeof DATASET_PURPOSES)[number];
export const DATASET_FORMATS = ['npy-folder', 'jsonl', 'onnx-tensors', 'mnist-builtin'] as const;
export type DatasetFormat = (typeof DATASET_FORMATS)[number];

/** Calibration or evaluation data: an uploaded blob, or the MNIST set that ships with the code. */
export interface Dataset {
  id: string;
  teamId: string;
  name: string;
  description: string;
  purpose: DatasetPurpose;
  format: DatasetFormat;
  blobSha256: string | null;
  sampleCount: number;
  inputNames: string[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface DatasetRow {
  id: string;
  team_id: string;
  name: string;
  description: string;
  purpose: DatasetPurpose;
  format: DatasetFormat;
  blob_sha256: string | null;
  sample_count: number;
  input_names: string[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    purpose: row.purpose,
    format: row.format,
    blobSha256: row.blob_sha256,
    sampleCount: row.sample_count,
    inputNames: row.input_names,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewDataset {
  name: string;
  description?: string;
  purpose: DatasetPurpose;
  format: DatasetFormat;
  /** Required for every format except mnist-builtin, which must not have one. */
  blobSha256?: string | null;
  sampleCount: number;
  inputNames?: string[];
  createdBy?: string | null;
}

function requireInputNames(value: unknown): string[] {
  if (!Array.isArray(value) || value.length > 1000) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected an array of at most 1000 names for inputNames', { details: { field: 'inputNames' } });
  }
  return value.map((name, index) => requireText(name, `inputNames[${index}]`, 1, 500));
}

export class DatasetRepository {
  constructor(private readonly db: Queryable) {}

  async create(teamId: string, input: NewDataset): Promise<Dataset> {
    const format = requireOneOf(input.format, 'format', DATASET_FORMATS);
    const builtin = format === 'mnist-builtin';
    if (builtin !== (input.blobSha256 === undefined || input.blobSha256 === null)) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        builtin ? 'Expected no blobSha256 for the mnist-builtin format' : `Expected a blobSha256 for the ${format} format`,
        { details: { field: 'blobSha256' } },
      );
    }
    const row = await queryRow<DatasetRow>(
      this.db,
      `INSERT INTO datasets (team_id, name, description, purpose, format, blob_sha256, sample_count, input_names, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        requireId(teamId, 'team'),
        requireText(input.name, 'name', 1, 200),
        requireText(input.description ?? '', 'description', 0, 10000),
        requireOneOf(input.purpose, 'purpose', DATASET_PURPOSES),
        format,
        builtin ? null : requireSha256(input.blobSha256, 'blobSha256'),
        requireInteger(input.sampleCount, 'sampleCount', 0, 2_147_483_647),
        requireInputNames(input.inputNames ?? []),
        input.createdBy ? requireId(input.createdBy, 'account') : null,
      ],
    );
    return toDataset(row);
  }

  async get(teamId: string, datasetId: string): Promise<Dataset> {
    const row = await queryOne<DatasetRow>(this.db, 'SELECT * FROM datasets WHERE team_id = $1 AND id = $2', [
      requireId(teamId, 'team'),
      requireId(datasetId, 'dataset'),
    ]);
    if (!row) throw notFound('dataset');
    return toDataset(row);
  }

  async list(teamId: string, filter: { purpose?: DatasetPurpose; search?: string } = {}, page?: PageArgs): Promise<Connection<Dataset>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = ['d.team_id = $1'];
    if (filter.purpose !== undefined) {
      values.push(requireOneOf(filter.purpose, 'purpose', DATASET_PURPOSES));
      conditions.push(`d.purpose = $${values.length}`);
    }
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`d.name ILIKE $${values.length}`);
    }
    const window = pageQuery(page, 'd', values);
    const rows = await queryRows<DatasetRow & CursorRow>(
      this.db,
      `SELECT d.*, ${cursorColumn('d')} FROM datasets d WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toDataset);
  }

  async delete(teamId: string, datasetId: string): Promise<void> {
    const row = await queryOne(this.db, 'DELETE FROM datasets WHERE team_id = $1 AND id = $2 RETURNING id', [
      requireId(teamId, 'team'),
      requireId(datasetId, 'dataset'),
    ]);
    if (!row) throw notFound('dataset');
  }
}
