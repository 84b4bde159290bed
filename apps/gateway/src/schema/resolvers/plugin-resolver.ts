import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Plugin, PluginVersion } from '@edgepress/db';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { GatewayContext } from '../../context';
import { PluginKindEnum } from '../enums';
import { PluginFilterInput } from '../inputs/filters';
import { PageArgs, withNodes } from '../types/page';
import { PluginConnectionType, PluginType, PluginVersionType } from '../types/plugin';

const KINDS: readonly string[] = Object.values(PluginKindEnum);

/** A plugin version in the shape of the GraphQL PluginVersion (manifest fields lifted out). */
export function toPluginVersionView(version: PluginVersion) {
  const manifest = version.manifest;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: version.id,
    version: version.version,
    kind: typeof manifest.kind === 'string' && KINDS.includes(manifest.kind) ? manifest.kind : null,
    description: text(manifest.description) ?? '',
    engines: text(manifest.engines),
    sdkVersion: text(manifest.sdkVersion),
    paramsSchema: version.paramsSchema,
    manifest,
    bundleSha256: version.bundleSha256,
    signed: version.signature !== null,
    yanked: version.yanked,
    createdAt: version.createdAt,
  };
}

@Resolver(() => PluginType)
export class PluginResolver {
  @Query(() => PluginConnectionType, { description: 'Built-in plugins and the team\'s own, newest first' })
  async plugins(
    @Arg('filter', () => PluginFilterInput, { nullable: true }) filter: PluginFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    const repositoryFilter = { ...(filter?.search ? { search: filter.search } : {}), ...(typeof filter?.builtin === 'boolean' ? { builtin: filter.builtin } : {}) };
    return withNodes(await ctx.services.db.plugins.list(ctx.viewer.teamId, repositoryFilter, page));
  }

  @Query(() => PluginType)
  async plugin(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<Plugin> {
    return ctx.services.db.plugins.get(ctx.viewer.teamId, id);
  }

  @Query(() => PluginType, { description: 'A built-in or team plugin by name (what stages name)' })
  async pluginByName(@Arg('name', () => String) name: string, @Ctx() ctx: GatewayContext): Promise<Plugin> {
    const plugin = /^[a-z0-9][a-z0-9-]{0,63}$/.test(name) ? await ctx.services.db.plugins.findByName(ctx.viewer.teamId, name) : null;
    if (!plugin) throw new EdgepressError(ErrorCode.NOT_FOUND, `No plugin named ${JSON.stringify(name.slice(0, 64))} is visible to this team`, { details: { entity: 'plugin' } });
    return plugin;
  }

  @FieldResolver(() => PluginVersionType, { nullable: true, description: 'The highest version that is not yanked' })
  async latestVersion(@Root() plugin: Plugin, @Ctx() ctx: GatewayContext): Promise<unknown> {
    const versions = await this.versionsOf(plugin, false, ctx);
    return versions[0] ?? null;
  }

  @FieldResolver(() => [PluginVersionType], { description: 'Highest first' })
  async versions(
    @Root() plugin: Plugin,
    @Arg('includeYanked', () => Boolean, { defaultValue: false }) includeYanked: boolean,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown[]> {
    return this.versionsOf(plugin, includeYanked, ctx);
  }

  @FieldResolver(() => PluginKindEnum, { nullable: true, description: 'The kind of the latest version' })
  async kind(@Root() plugin: Plugin, @Ctx() ctx: GatewayContext): Promise<string | null> {
    const [latest] = await this.versionsOf(plugin, false, ctx);
    return latest?.kind ?? null;
  }

  private versionsOf(plugin: Plugin, includeYanked: boolean, ctx: GatewayContext) {
    return ctx.memo(`plugin-versions:${plugin.id}:${includeYanked}`, async () =>
      (await ctx.services.db.plugins.listVersions(ctx.viewer.teamId, plugin.id, { includeYanked })).map(toPluginVersionView),
    );
  }
}
