import { queryRow, type Queryable } from '../sql/query';
import { requireId, requireSha256 } from '../sql/validate';

/**
 * Which rows point at a blob. Blobs are content-addressed and shared by all teams, so the blob
 * store itself has no owner: the gateway lets a team read a blob only when one of the team's
 * models, datasets, artifacts or visible plugin bundles names it.
 */
export class BlobReferenceRepository {
  constructor(private readonly db: Queryable) {}

  async isVisibleToTeam(teamId: string, sha256: string): Promise<boolean> {
    const row = await queryRow<{ visible: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM models WHERE team_id = $1 AND blob_sha256 = $2)
           OR EXISTS (SELECT 1 FROM datasets WHERE team_id = $1 AND blob_sha256 = $2)
           OR EXISTS (SELECT 1 FROM artifacts WHERE team_id = $1 AND blob_sha256 = $2)
           OR EXISTS (SELECT 1 FROM stages WHERE team_id = $1 AND artifact_sha256 = $2)
           OR EXISTS (SELECT 1 FROM plugin_versions v JOIN plugins p ON p.id = v.plugin_id
                      WHERE v.bundle_sha256 = $2 AND (p.owner_team_id IS NULL OR p.owner_team_id = $1)) AS visible`,
      [requireId(teamId, 'team'), requireSha256(sha256, 'sha256')],
    );
    return row.visible;
  }

  /**
   * Whether any row of any team names the blob. A caller that deletes unreferenced blobs must
   * accept the race with an upload that registers the same content at the same moment.
   */
  async isReferenced(sha256: string): Promise<boolean> {
    const row = await queryRow<{ referenced: boolean }>(
      this.db,
      `SELECT EXISTS (SELECT 1 FROM models WHERE blob_sha256 = $1)
           OR EXISTS (SELECT 1 FROM datasets WHERE blob_sha256 = $1)
           OR EXISTS (SELECT 1 FROM artifacts WHERE blob_sha256 = $1)
           OR EXISTS (SELECT 1 FROM stages WHERE artifact_sha256 = $1)
           OR EXISTS (SELECT 1 FROM plugin_versions WHERE bundle_sha256 = $1) AS referenced`,
      [requireSha256(sha256, 'sha256')],
    );
    return row.referenced;
  }
}
