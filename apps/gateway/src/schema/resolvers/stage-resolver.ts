import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { Artifact, Stage } from '@edgepress/db';
import type { GatewayContext } from '../../context';
import { toStageMetricsView } from '../../services/stage-metrics-view';
import { ArtifactType } from '../types/artifact';
import { PluginType } from '../types/plugin';
import { StageType } from '../types/stage';
import { StageMetricsType } from '../types/stage-metrics';

@Resolver(() => StageType)
export class StageResolver {
  @FieldResolver(() => StageMetricsType, { nullable: true, description: 'What was measured after the stage (null until it succeeded)' })
  metrics(@Root() stage: Stage): unknown {
    return stage.metrics ? toStageMetricsView(stage.metrics) : null;
  }

  @FieldResolver(() => ArtifactType, { nullable: true, description: 'The model this stage produced' })
  async artifact(@Root() stage: Stage, @Ctx() ctx: GatewayContext): Promise<Artifact | null> {
    const artifacts = (await ctx.loaders.artifactsOfRun.load(stage.runId)) ?? [];
    return artifacts.find((artifact) => artifact.stageIndex === stage.index && artifact.kind === 'model') ?? null;
  }

  @FieldResolver(() => PluginType, { nullable: true, description: 'The plugin, if it is still visible to the team' })
  async plugin(@Root() stage: Stage, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return ctx.memo(`plugin-by-name:${stage.pluginName}`, () => ctx.services.db.plugins.findByName(ctx.viewer.teamId, stage.pluginName));
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Milliseconds from start to finish (or to now while running)' })
  durationMs(@Root() stage: Stage): number | null {
    if (!stage.startedAt) return null;
    return (stage.finishedAt ?? new Date()).getTime() - stage.startedAt.getTime();
  }
}
