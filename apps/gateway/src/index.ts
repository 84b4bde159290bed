/**
 * @edgepress/gateway: the GraphQL gateway (Apollo Server 5 + type-graphql 2 over Express 5, with
 * graphql-ws subscriptions and streamed blob routes). `npm start` uses createGateway and
 * seedPlatform; the SDL is committed as apps/gateway/schema.graphql.
 */
export { createGateway } from './server';
export type { Gateway } from './server';
export { DEFAULT_LIMITS } from './config';
export type { GatewayConfig, GatewayLimits } from './config';
export { seedPlatform } from './seed/seed-platform';
export type { BuiltInPlugin, SeedOptions, SeedResult, SeededPlugin } from './seed/seed-platform';
export { buildGatewaySchema, printGatewaySchema } from './schema/build-schema';
