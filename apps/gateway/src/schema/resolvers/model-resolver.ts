import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Model } from '@edgepress/db';
import type { ModelSummary } from '@edgepress/onnx';
import { requirePermission } from '../../auth/roles';
import { signedDownloadPath } from '../../auth/signed-links';
import type { GatewayContext } from '../../context';
import { requireClaimableBlob } from '../../services/blob-claims';
import { compatibilityReport, matrixRow, rooflineEstimate } from '../../services/compatibility-view';
import { dimensionValues, readBlob, summarizeModelBytes } from '../../services/model-inspector';
import { toSummaryView } from '../../services/summary-view';
import { listVisibleTargets, resolveTarget } from '../../services/target-directory';
import { RegisterModelInput, UpdateModelInput } from '../inputs/assets';
import { ModelFilterInput, TargetFilterInput } from '../inputs/filters';
import { CompatibilityReportType, RooflineEstimateType, TargetCompatibilityType } from '../types/compatibility';
import { ModelConnectionType, ModelType, SymbolicDimensionValueType } from '../types/model';
import { ModelSummaryType } from '../types/model-summary';
import { PageArgs, withNodes } from '../types/page';
import { RunConnectionType } from '../types/run';

function summaryOf(model: Model): ModelSummary {
  return model.summary as unknown as ModelSummary;
}

@Resolver(() => ModelType)
export class ModelResolver {
  @Query(() => ModelConnectionType, { description: 'The team\'s models, newest first' })
  async models(
    @Arg('filter', () => ModelFilterInput, { nullable: true }) filter: ModelFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    return withNodes(await ctx.services.db.models.list(ctx.viewer.teamId, filter?.name ? { search: filter.name } : {}, page));
  }

  @Query(() => ModelType)
  async model(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Model> {
    return ctx.services.db.models.get(ctx.viewer.teamId, id);
  }

  @Mutation(() => ModelType, {
    description: 'Registers an uploaded model (PUT /v1/blobs first): the gateway reads and summarizes it; a malformed file is INVALID_MODEL',
  })
  async registerModel(@Arg('input', () => RegisterModelInput) input: RegisterModelInput, @Ctx() ctx: GatewayContext): Promise<Model> {
    requirePermission(ctx.viewer, 'upload');
    await requireClaimableBlob(ctx, input.blobSha256, input.uploadReceipt, 'input.blobSha256');
    const dims = dimensionValues(input.dimensions, 'input.dimensions');
    const bytes = await readBlob(ctx.services.blobs, input.blobSha256, ctx.services.maxModelBytes);
    const summary = summarizeModelBytes(bytes, dims);
    const model = await ctx.services.db.models.create(ctx.viewer.teamId, {
      name: input.name,
      description: input.description ?? '',
      blobSha256: input.blobSha256,
      sizeBytes: bytes.length,
      summary: summary as unknown as Record<string, unknown>,
      dimensions: dims,
      createdBy: ctx.viewer.accountId,
    });
    ctx.log.info({ modelId: model.id, sizeBytes: model.sizeBytes }, 'model registered');
    return model;
  }

  @Mutation(() => ModelType)
  async updateModel(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateModelInput) input: UpdateModelInput, @Ctx() ctx: GatewayContext): Promise<Model> {
    requirePermission(ctx.viewer, 'upload');
    return ctx.services.db.models.update(ctx.viewer.teamId, id, { name: input.name ?? undefined, description: input.description ?? undefined });
  }

  @Mutation(() => ID, { description: 'Deletes a model no run uses (CONFLICT otherwise); returns its id' })
  async deleteModel(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<string> {
    requirePermission(ctx.viewer, 'upload');
    await ctx.services.db.models.delete(ctx.viewer.teamId, id);
    return id;
  }

  @FieldResolver(() => ModelSummaryType)
  summary(@Root() model: Model): unknown {
    return toSummaryView(summaryOf(model));
  }

  @FieldResolver(() => [SymbolicDimensionValueType], {
    description: 'Values of symbolic input dimensions given at registration: the summary counts with them, and runs without datasets are measured at them',
  })
  dimensions(@Root() model: Model): SymbolicDimensionValueType[] {
    return Object.entries(model.dimensions).map(([name, value]) => ({ name, value }));
  }

  @FieldResolver(() => CompatibilityReportType, { description: 'Can this target run the model, does it fit, and what must change' })
  async compatibility(@Root() model: Model, @Arg('targetId', () => String) targetId: string, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return compatibilityReport(summaryOf(model), await resolveTarget(ctx.services.db, ctx.viewer.teamId, targetId));
  }

  @FieldResolver(() => RooflineEstimateType, { description: 'Roofline latency and energy per inference on the target' })
  async estimate(@Root() model: Model, @Arg('targetId', () => String) targetId: string, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return rooflineEstimate(summaryOf(model), await resolveTarget(ctx.services.db, ctx.viewer.teamId, targetId));
  }

  @FieldResolver(() => [TargetCompatibilityType], { description: 'The model against every visible target (or those matching the filter)' })
  async compatibilityMatrix(
    @Root() model: Model,
    @Arg('filter', () => TargetFilterInput, { nullable: true }) filter: TargetFilterInput | null,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown[]> {
    const targets = await listVisibleTargets(ctx.services.db, ctx.viewer.teamId, filter ?? {});
    return targets.map((target) => matrixRow(summaryOf(model), target));
  }

  @FieldResolver(() => RunConnectionType, { description: 'Runs of this model, newest first' })
  async runs(@Root() model: Model, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return withNodes(await ctx.services.db.runs.list(ctx.viewer.teamId, { modelId: model.id }, page));
  }

  @FieldResolver(() => String, { description: 'A signed download path for the model bytes (relative to the gateway; valid for an hour)' })
  downloadUrl(@Root() model: Model, @Ctx() ctx: GatewayContext): string {
    if (model.teamId !== ctx.viewer.teamId) throw new EdgepressError(ErrorCode.NOT_FOUND, 'No model with this id exists in this team');
    return signedDownloadPath(ctx.services.signer, ctx.viewer.teamId, model.blobSha256, `${model.name}.onnx`);
  }
}
