import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { buildSchema } from 'type-graphql';
import { ArtifactResolver } from './resolvers/artifact-resolver';
import { DatasetResolver } from './resolvers/dataset-resolver';
import { ModelResolver } from './resolvers/model-resolver';
import { PipelineResolver, PipelineSpecResolver } from './resolvers/pipeline-resolver';
import { PluginResolver } from './resolvers/plugin-resolver';
import { RunResolver } from './resolvers/run-resolver';
import { StageResolver } from './resolvers/stage-resolver';
import { SubscriptionResolver } from './resolvers/subscription-resolver';
import { TargetResolver } from './resolvers/target-resolver';
import { TokenResolver } from './resolvers/token-resolver';
import { TeamResolver, ViewerResolver } from './resolvers/viewer-resolver';
import { HARDWARE_TARGET_IMPLEMENTATIONS } from './types/hardware-target';

const RESOLVERS = [
  ViewerResolver,
  TeamResolver,
  TokenResolver,
  TargetResolver,
  ModelResolver,
  DatasetResolver,
  PluginResolver,
  PipelineResolver,
  PipelineSpecResolver,
  RunResolver,
  StageResolver,
  ArtifactResolver,
  SubscriptionResolver,
] as const;

/**
 * The gateway's schema, built from the type-graphql classes. Every decorator names its GraphQL
 * type explicitly, so no decorator metadata is needed (tsx/esbuild does not emit it). Input
 * validation is ours (services, libs/targets, libs/db), not class-validator's. Subscriptions read
 * from RunEventHub through their own `subscribe` functions; type-graphql still insists on a pubSub.
 */
export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, orphanedTypes: HARDWARE_TARGET_IMPLEMENTATIONS, validate: false, emitSchemaFile: false, pubSub: createPubSub() });
}

/** The SDL committed as apps/gateway/schema.graphql (sorted, so the file only changes with the API). */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
