import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Artifact } from '@edgepress/db';
import { signedDownloadPath } from '../../auth/signed-links';
import type { GatewayContext } from '../../context';
import { artifactFile } from '../../services/artifact-files';
import { ArtifactType } from '../types/artifact';
import { RunType } from '../types/run';

@Resolver(() => ArtifactType)
export class ArtifactResolver {
  @Query(() => ArtifactType)
  async artifact(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Artifact> {
    return ctx.services.db.artifacts.get(ctx.viewer.teamId, id);
  }

  @FieldResolver(() => String, {
    description: 'A signed download path (relative to the gateway, valid for an hour); GET /v1/artifacts/{id} with the bearer token works too',
  })
  downloadUrl(@Root() artifact: Artifact, @Ctx() ctx: GatewayContext): string {
    return signedDownloadPath(ctx.services.signer, ctx.viewer.teamId, artifact.blobSha256, artifactFile(artifact).filename);
  }

  @FieldResolver(() => RunType)
  async run(@Root() artifact: Artifact, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return ctx.services.db.runs.get(ctx.viewer.teamId, artifact.runId);
  }
}
