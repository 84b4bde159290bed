import { queryOne, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireInteger, requireOneOf, requireSha256 } from '../sql/validate';

export const ARTIFACT_KINDS = ['model', 'report', 'report-html'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/**
 * A stored output of a run: a stage's model, or the run's report as report.json ('report') and as
 * a standalone HTML page ('report-html'); reports have stageIndex null.
 */
export interface Artifact {
  id: string;
  teamId: string;
  runId: string;
  stageIndex: number | null;
  kind: ArtifactKind;
  blobSha256: string;
  sizeBytes: number;
  createdAt: Date;
}

interface ArtifactRow {
  id: string;
  team_id: string;
  run_id: string;
  stage_index: number | null;
  kind: ArtifactKind;
  blob_sha256: string;
  size_bytes: number;
  created_at: Date;
}

function toArtifact(row: ArtifactRow): Artifact {
  return {
    id: row.id,
    teamId: row.team_id,
    runId: row.run_id,
    stageIndex: row.stage_index,
    kind: row.kind,
    blobSha256: row.blob_sha256,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
  };
}

export class ArtifactRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Records an artifact once per (run, stage, kind): recording it again returns the first row.
   * Stage models are recorded by StageRepository.complete; this is for the reports.
   */
  async record(
    teamId: string,
    runId: string,
    input: { stageIndex: number | null; kind: ArtifactKind; blobSha256: string; sizeBytes: number },
  ): Promise<Artifact> {
    const team = requireId(teamId, 'team');
    const run = requireId(runId, 'run');
    const stageIndex = input.stageIndex === null ? null : requireInteger(input.stageIndex, 'stageIndex', 0, 10_000);
    const kind = requireOneOf(input.kind, 'kind', ARTIFACT_KINDS);
    await queryOne(
      this.db,
      `INSERT INTO artifacts (team_id, run_id, stage_index, kind, blob_sha256, size_bytes) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (run_id, stage_index, kind) DO NOTHING`,
      [team, run, stageIndex, kind, requireSha256(input.blobSha256, 'blobSha256'), requireInteger(input.sizeBytes, 'sizeBytes', 0)],
    );
    const row = await queryOne<ArtifactRow>(
      this.db,
      'SELECT * FROM artifacts WHERE team_id = $1 AND run_id = $2 AND stage_index IS NOT DISTINCT FROM $3 AND kind = $4',
      [team, run, stageIndex, kind],
    );
    if (!row) throw notFound('run');
    return toArtifact(row);
  }

  async get(teamId: string, artifactId: string): Promise<Artifact> {
    const row = await queryOne<ArtifactRow>(this.db, 'SELECT * FROM artifacts WHERE team_id = $1 AND id = $2', [
      requireId(teamId, 'team'),
      requireId(artifactId, 'artifact'),
    ]);
    if (!row) throw notFound('artifact');
    return toArtifact(row);
  }

  /** A run's artifacts, stage order first, the run's own report last. */
  async listForRun(teamId: string, runId: string): Promise<Artifact[]> {
    const team = requireId(teamId, 'team');
    const run = requireId(runId, 'run');
    const exists = await queryOne(this.db, 'SELECT 1 FROM runs WHERE team_id = $1 AND id = $2', [team, run]);
    if (!exists) throw notFound('run');
    const rows = await queryRows<ArtifactRow>(
      this.db,
      'SELECT * FROM artifacts WHERE team_id = $1 AND run_id = $2 ORDER BY stage_index NULLS LAST, kind, created_at',
      [team, run],
    );
    return rows.map(toArtifact);
  }

  /** The artifacts of several runs in one query; runs of other teams are absent from the map. */
  async listForRuns(teamId: string, runIds: readonly string[]): Promise<Map<string, Artifact[]>> {
    const team = requireId(teamId, 'team');
    const ids = [...new Set(runIds.map((id) => requireId(id, 'run')))];
    const byRun = new Map<string, Artifact[]>();
    if (ids.length === 0) return byRun;
    const rows = await queryRows<ArtifactRow>(
      this.db,
      'SELECT * FROM artifacts WHERE team_id = $1 AND run_id = ANY($2::uuid[]) ORDER BY run_id, stage_index NULLS LAST, kind, created_at',
      [team, ids],
    );
    for (const artifact of rows.map(toArtifact)) {
      const list = byRun.get(artifact.runId) ?? [];
      list.push(artifact);
      byRun.set(artifact.runId, list);
    }
    return byRun;
  }
}
