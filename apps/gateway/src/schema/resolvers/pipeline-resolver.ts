import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Pipeline } from '@edgepress/db';
import { requirePermission } from '../../auth/roles';
import type { GatewayContext } from '../../context';
import { planPipeline, specDocument } from '../../services/pipeline-planner';
import { resolveTarget } from '../../services/target-directory';
import { PipelineFilterInput } from '../inputs/filters';
import { SavePipelineInput, UpdatePipelineInput } from '../inputs/pipelines';
import { DatasetType } from '../types/dataset';
import { HardwareTargetType } from '../types/hardware-target';
import { PageArgs, withNodes } from '../types/page';
import { PipelineConnectionType, PipelineSpecType, PipelineType } from '../types/pipeline';

/** A stored pipeline document (pipelines.spec or runs.spec) in the shape of PipelineSpec. */
export function toSpecView(document: Record<string, unknown>) {
  const stages = Array.isArray(document.stages) ? (document.stages as Record<string, unknown>[]) : [];
  const constraints = (typeof document.constraints === 'object' && document.constraints !== null ? document.constraints : {}) as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    targetId: text(document.targetId) ?? '',
    stages: stages.map((stage) => ({
      plugin: text(stage.plugin) ?? '',
      versionRange: text(stage.versionRange) ?? '*',
      version: text(stage.version),
      params: typeof stage.params === 'object' && stage.params !== null ? stage.params : {},
    })),
    calibrationDatasetId: text(document.calibrationDatasetId),
    evaluationDatasetId: text(document.evaluationDatasetId),
    constraints: {
      maxSizeBytes: number(constraints.maxSizeBytes),
      maxAccuracyDrop: number(constraints.maxAccuracyDrop),
      maxFidelityDrop: number(constraints.maxFidelityDrop),
      maxEstimatedLatencyMs: number(constraints.maxEstimatedLatencyMs),
    },
    inputShapes: (Array.isArray(document.inputShapes) ? (document.inputShapes as Record<string, unknown>[]) : [])
      .filter((shape) => typeof shape?.name === 'string' && Array.isArray(shape.dims))
      .map((shape) => ({ name: shape.name as string, dims: (shape.dims as unknown[]).filter((dim): dim is number => typeof dim === 'number') })),
  };
}

@Resolver(() => PipelineType)
export class PipelineResolver {
  @Query(() => PipelineConnectionType, { description: 'The team\'s saved pipelines, newest first' })
  async pipelines(
    @Arg('filter', () => PipelineFilterInput, { nullable: true }) filter: PipelineFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    return withNodes(await ctx.services.db.pipelines.list(ctx.viewer.teamId, filter?.name ? { search: filter.name } : {}, page), toPipelineView);
  }

  @Query(() => PipelineType)
  async pipeline(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return toPipelineView(await ctx.services.db.pipelines.get(ctx.viewer.teamId, id));
  }

  @Mutation(() => PipelineType, { description: 'Saves a pipeline after checking it fully (plugins, version ranges, params, datasets, constraints)' })
  async savePipeline(@Arg('input', () => SavePipelineInput) input: SavePipelineInput, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-pipelines');
    const plan = await planPipeline(ctx.services.db, ctx.viewer.teamId, ctx.services.params, input.spec, 'input.spec');
    const pipeline = await ctx.services.db.pipelines.create(ctx.viewer.teamId, {
      name: input.name,
      description: input.description ?? '',
      spec: specDocument(plan, false),
      createdBy: ctx.viewer.accountId,
    });
    return toPipelineView(pipeline);
  }

  @Mutation(() => PipelineType)
  async updatePipeline(@Arg('id', () => ID) id: string, @Arg('input', () => UpdatePipelineInput) input: UpdatePipelineInput, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-pipelines');
    await ctx.services.db.pipelines.get(ctx.viewer.teamId, id);
    const spec = input.spec ? specDocument(await planPipeline(ctx.services.db, ctx.viewer.teamId, ctx.services.params, input.spec, 'input.spec'), false) : undefined;
    if (input.name == null && input.description == null && spec === undefined) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected at least one of name, description or spec to change');
    }
    const pipeline = await ctx.services.db.pipelines.update(ctx.viewer.teamId, id, { name: input.name ?? undefined, description: input.description ?? undefined, spec });
    return toPipelineView(pipeline);
  }

  @Mutation(() => ID, { description: 'Deletes a saved pipeline; runs made from it keep their own copy. Returns its id.' })
  async deletePipeline(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<string> {
    requirePermission(ctx.viewer, 'manage-pipelines');
    await ctx.services.db.pipelines.delete(ctx.viewer.teamId, id);
    return id;
  }
}

export function toPipelineView(pipeline: Pipeline) {
  return { ...pipeline, spec: toSpecView(pipeline.spec) };
}

@Resolver(() => PipelineSpecType)
export class PipelineSpecResolver {
  @FieldResolver(() => HardwareTargetType, { nullable: true, description: 'The target as it is now (null if the team target was deleted)' })
  async target(@Root() spec: { targetId: string }, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return resolveTarget(ctx.services.db, ctx.viewer.teamId, spec.targetId).catch((error: unknown) => {
      if (error instanceof EdgepressError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    });
  }

  @FieldResolver(() => DatasetType, { nullable: true })
  async calibrationDataset(@Root() spec: { calibrationDatasetId: string | null }, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return datasetOrNull(ctx, spec.calibrationDatasetId);
  }

  @FieldResolver(() => DatasetType, { nullable: true })
  async evaluationDataset(@Root() spec: { evaluationDatasetId: string | null }, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return datasetOrNull(ctx, spec.evaluationDatasetId);
  }
}

async function datasetOrNull(ctx: GatewayContext, id: string | null): Promise<unknown> {
  if (!id) return null;
  return ctx.services.db.datasets.get(ctx.viewer.teamId, id).catch((error: unknown) => {
    if (error instanceof EdgepressError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  });
}
