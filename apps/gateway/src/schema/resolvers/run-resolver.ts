import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { publishRunEvent, type Run } from '@edgepress/db';
import type { ModelSummary } from '@edgepress/onnx';
import { defineTarget } from '@edgepress/targets';
import { requirePermission } from '../../auth/roles';
import type { GatewayContext } from '../../context';
import { runInputShapes } from '../../services/input-shapes';
import { planPipeline, requestFromDocument, specDocument, type PipelineRequest } from '../../services/pipeline-planner';
import { toTargetView } from '../../services/target-view';
import { RunFilterInput } from '../inputs/filters';
import { CreateRunInput } from '../inputs/pipelines';
import { ArtifactType } from '../types/artifact';
import { HardwareTargetType } from '../types/hardware-target';
import { ModelType } from '../types/model';
import { PageArgs, withNodes } from '../types/page';
import { PipelineSpecType, PipelineType } from '../types/pipeline';
import { RunConnectionType, RunType } from '../types/run';
import { StageType } from '../types/stage';
import { toPipelineView, toSpecView } from './pipeline-resolver';

function isNotFound(error: unknown): boolean {
  return error instanceof EdgepressError && error.code === ErrorCode.NOT_FOUND;
}

@Resolver(() => RunType)
export class RunResolver {
  @Query(() => RunConnectionType, { description: 'The team\'s runs, newest first, filtered by state, target or model' })
  async runs(
    @Arg('filter', () => RunFilterInput, { nullable: true }) filter: RunFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    return withNodes(
      await ctx.services.db.runs.list(
        ctx.viewer.teamId,
        {
          ...(filter?.states?.length ? { states: filter.states } : {}),
          ...(filter?.targetId ? { targetId: filter.targetId } : {}),
          ...(filter?.modelId ? { modelId: filter.modelId } : {}),
          ...(filter?.modelName ? { search: filter.modelName } : {}),
        },
        page,
      ),
    );
  }

  @Query(() => RunType)
  async run(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Run> {
    return ctx.services.db.runs.get(ctx.viewer.teamId, id);
  }

  @Mutation(() => RunType, {
    description: 'Checks the whole pipeline (model, target, plugins, versions, params, datasets, constraints), then stores the run and queues it in one transaction',
  })
  async createRun(@Arg('input', () => CreateRunInput) input: CreateRunInput, @Ctx() ctx: GatewayContext): Promise<Run> {
    requirePermission(ctx.viewer, 'run');
    const { db, params } = ctx.services;
    const teamId = ctx.viewer.teamId;
    if ((input.pipelineId == null) === (input.spec == null)) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected either input.pipelineId (a saved pipeline) or input.spec (target and stages), not both or neither', {
        details: { field: 'input' },
      });
    }
    const model = await db.models.get(teamId, input.modelId);
    const pipeline = input.pipelineId ? await db.pipelines.get(teamId, input.pipelineId) : null;
    const request: PipelineRequest = pipeline ? requestFromDocument(pipeline.spec) : (input.spec as PipelineRequest);
    const field = pipeline ? 'pipeline.spec' : 'input.spec';
    const plan = await planPipeline(db, teamId, params, request, field);
    const inputs = (model.summary as unknown as Pick<ModelSummary, 'inputs'>).inputs ?? [];
    plan.inputShapes = runInputShapes({ inputs, dimensions: model.dimensions }, plan.inputShapes, plan.calibrationDatasetId !== null || plan.evaluationDatasetId !== null, `${field}.inputShapes`);
    const run = await db.transaction(async (tx) => {
      const created = await tx.runs.create(teamId, {
        modelId: model.id,
        targetId: plan.target.id,
        target: JSON.parse(JSON.stringify(plan.target.definition)) as Record<string, unknown>,
        pipelineId: pipeline?.id ?? null,
        spec: specDocument(plan, true),
        stages: plan.stages.map((stage) => ({ pluginName: stage.plugin, pluginVersion: stage.version, params: stage.params })),
        createdBy: ctx.viewer.accountId,
      });
      await ctx.services.queue.enqueue({ runId: created.id, teamId }, { client: tx.client });
      return created;
    });
    ctx.log.info({ runId: run.id, modelId: model.id, targetId: run.targetId }, 'run created');
    return run;
  }

  @Mutation(() => RunType, { description: 'Stops a run: a queued run is cancelled at once; a running one becomes CANCELLING until its worker stops' })
  async cancelRun(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Run> {
    requirePermission(ctx.viewer, 'run');
    const { db, queue } = ctx.services;
    const { changed, run } = await db.runs.requestCancel(ctx.viewer.teamId, id);
    if (changed && run.state === 'cancelled') {
      await queue.cancelQueued(run.id).catch((error: unknown) => ctx.log.warn({ err: error, runId: run.id }, 'could not remove the queued job'));
      await publishRunEvent(db.pool, { runId: run.id, teamId: run.teamId, kind: 'run-finished', state: run.state });
    }
    ctx.log.info({ runId: run.id, state: run.state, changed }, 'run cancel requested');
    return run;
  }

  @Mutation(() => RunType, { description: 'A new queued run with the same model, target, pinned stages and params' })
  async rerun(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Run> {
    requirePermission(ctx.viewer, 'run');
    const teamId = ctx.viewer.teamId;
    const run = await ctx.services.db.transaction(async (tx) => {
      const created = await tx.runs.rerun(teamId, id, ctx.viewer.accountId);
      await ctx.services.queue.enqueue({ runId: created.id, teamId }, { client: tx.client });
      return created;
    });
    ctx.log.info({ runId: run.id, rerunOf: id }, 'run re-run');
    return run;
  }

  @FieldResolver(() => ModelType)
  async model(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return ctx.memo(`model:${run.modelId}`, () => ctx.services.db.models.get(ctx.viewer.teamId, run.modelId));
  }

  @FieldResolver(() => HardwareTargetType, { nullable: true, description: 'The target as it was when the run was created' })
  target(@Root() run: Run): unknown {
    try {
      return toTargetView(defineTarget(run.target), null);
    } catch {
      return null;
    }
  }

  @FieldResolver(() => PipelineSpecType, { description: 'What the run executes: target, pinned stages, datasets, constraints' })
  spec(@Root() run: Run): unknown {
    return toSpecView(run.spec);
  }

  @FieldResolver(() => PipelineType, { nullable: true, description: 'The saved pipeline it was created from, if any' })
  async pipeline(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown> {
    if (!run.pipelineId) return null;
    return ctx.services.db.pipelines.get(ctx.viewer.teamId, run.pipelineId).then(toPipelineView, (error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
  }

  @FieldResolver(() => [StageType])
  async stages(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown[]> {
    return (await ctx.loaders.stagesOfRun.load(run.id)) ?? [];
  }

  @FieldResolver(() => [ArtifactType], { description: 'Stage models in stage order, then the run\'s reports (JSON, then HTML)' })
  async artifacts(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown[]> {
    return (await ctx.loaders.artifactsOfRun.load(run.id)) ?? [];
  }

  @FieldResolver(() => ArtifactType, { nullable: true, description: 'The run\'s report (report.json), once written' })
  async report(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return this.runArtifact(run, 'report', ctx);
  }

  @FieldResolver(() => ArtifactType, {
    nullable: true,
    description: 'The run\'s report as a standalone HTML page (stage table, constraints, charts; no script), once written',
  })
  async reportHtml(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return this.runArtifact(run, 'report-html', ctx);
  }

  private async runArtifact(run: Run, kind: 'report' | 'report-html', ctx: GatewayContext): Promise<unknown> {
    const artifacts = (await ctx.loaders.artifactsOfRun.load(run.id)) ?? [];
    return artifacts.find((artifact) => artifact.kind === kind && artifact.stageIndex === null) ?? null;
  }

  @FieldResolver(() => RunType, { nullable: true, description: 'The run this one re-ran' })
  async rerunOf(@Root() run: Run, @Ctx() ctx: GatewayContext): Promise<unknown> {
    if (!run.rerunOf) return null;
    return ctx.services.db.runs.get(ctx.viewer.teamId, run.rerunOf).catch((error: unknown) => {
      if (isNotFound(error)) return null;
      throw error;
    });
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Milliseconds from start to finish (or to now while running)' })
  durationMs(@Root() run: Run): number | null {
    if (!run.startedAt) return null;
    return (run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime();
  }
}
