import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Dataset } from '@edgepress/db';
import { requirePermission } from '../../auth/roles';
import { signedDownloadPath } from '../../auth/signed-links';
import type { GatewayContext } from '../../context';
import { requireClaimableBlob } from '../../services/blob-claims';
import { RegisterDatasetInput } from '../inputs/assets';
import { DatasetFilterInput } from '../inputs/filters';
import { DatasetConnectionType, DatasetType } from '../types/dataset';
import { PageArgs, withNodes } from '../types/page';

@Resolver(() => DatasetType)
export class DatasetResolver {
  @Query(() => DatasetConnectionType, { description: 'The team\'s calibration and evaluation datasets, newest first' })
  async datasets(
    @Arg('filter', () => DatasetFilterInput, { nullable: true }) filter: DatasetFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    const repositoryFilter = { ...(filter?.purpose ? { purpose: filter.purpose } : {}), ...(filter?.name ? { search: filter.name } : {}) };
    return withNodes(await ctx.services.db.datasets.list(ctx.viewer.teamId, repositoryFilter, page));
  }

  @Query(() => DatasetType)
  async dataset(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Dataset> {
    return ctx.services.db.datasets.get(ctx.viewer.teamId, id);
  }

  @Mutation(() => DatasetType, { description: 'Registers an uploaded dataset (PUT /v1/blobs first), or the built-in MNIST set (no blob)' })
  async registerDataset(@Arg('input', () => RegisterDatasetInput) input: RegisterDatasetInput, @Ctx() ctx: GatewayContext): Promise<Dataset> {
    requirePermission(ctx.viewer, 'upload');
    if (input.format !== 'mnist-builtin' && input.blobSha256) {
      await requireClaimableBlob(ctx, input.blobSha256, input.uploadReceipt, 'input.blobSha256');
    }
    const dataset = await ctx.services.db.datasets.create(ctx.viewer.teamId, {
      name: input.name,
      description: input.description ?? '',
      purpose: input.purpose,
      format: input.format,
      blobSha256: input.blobSha256 ?? null,
      sampleCount: input.sampleCount,
      inputNames: input.inputNames ?? [],
      createdBy: ctx.viewer.accountId,
    });
    ctx.log.info({ datasetId: dataset.id }, 'dataset registered');
    return dataset;
  }

  @Mutation(() => ID, { description: 'Deletes a dataset; returns its id' })
  async deleteDataset(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<string> {
    requirePermission(ctx.viewer, 'upload');
    await ctx.services.db.datasets.delete(ctx.viewer.teamId, id);
    return id;
  }

  @FieldResolver(() => String, { nullable: true, description: 'A signed download path for the data (null for MNIST_BUILTIN)' })
  downloadUrl(@Root() dataset: Dataset, @Ctx() ctx: GatewayContext): string | null {
    return dataset.blobSha256 ? signedDownloadPath(ctx.services.signer, ctx.viewer.teamId, dataset.blobSha256, dataset.name) : null;
  }
}
