import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { z } from '@edgepress/plugin-sdk';
import { defineTarget, hardwareTargetSchema } from '@edgepress/targets';
import { requirePermission } from '../../auth/roles';
import type { GatewayContext } from '../../context';
import { paginateList } from '../../services/list-pagination';
import { isCatalogId, listVisibleTargets, resolveTarget, teamTargetView } from '../../services/target-directory';
import { TargetFilterInput } from '../inputs/filters';
import { JsonObjectScalar } from '../scalars';
import { HardwareTargetType } from '../types/hardware-target';
import { connectionType, PageArgs } from '../types/page';

const HardwareTargetConnectionType = connectionType('HardwareTarget', () => HardwareTargetType);

let definitionJsonSchema: Record<string, unknown> | undefined;

/** A definition is validated by libs/targets (BAD_USER_INPUT naming every bad field). */
function validatedDefinition(definition: Record<string, unknown>) {
  const target = defineTarget(definition);
  return { target, spec: JSON.parse(JSON.stringify(target)) as Record<string, unknown> };
}

@Resolver(() => HardwareTargetType)
export class TargetResolver {
  @Query(() => HardwareTargetConnectionType, { description: 'The catalog, then the team\'s own targets (newest first), filtered' })
  async targets(
    @Arg('filter', () => TargetFilterInput, { nullable: true }) filter: TargetFilterInput | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    const views = await listVisibleTargets(ctx.services.db, ctx.viewer.teamId, filter ?? {});
    return paginateList(views, (view) => view.id, page);
  }

  @Query(() => HardwareTargetType, { description: 'A catalog target or one of the team\'s own, by id (slug)' })
  async target(@Arg('id', () => String) id: string, @Ctx() ctx: GatewayContext): Promise<unknown> {
    return resolveTarget(ctx.services.db, ctx.viewer.teamId, id);
  }

  @Query(() => JsonObjectScalar, {
    description: 'JSON Schema (draft 2020-12, one branch per kind) of the definition createTarget and updateTarget accept: build the target form from it',
  })
  targetDefinitionSchema(): Record<string, unknown> {
    definitionJsonSchema ??= z.toJSONSchema(hardwareTargetSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return definitionJsonSchema;
  }

  @Mutation(() => HardwareTargetType, {
    description: 'Defines a team target from a definition in the shape of HardwareTarget.definition; its id may not be a catalog id',
  })
  async createTarget(@Arg('definition', () => JsonObjectScalar) definition: Record<string, unknown>, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-targets');
    const { target, spec } = validatedDefinition(definition);
    if (isCatalogId(target.id)) {
      throw new EdgepressError(ErrorCode.CONFLICT, `The id ${target.id} belongs to a catalog target; choose another id`, { details: { field: 'definition.id' } });
    }
    const row = await ctx.services.db.targets.create(ctx.viewer.teamId, { slug: target.id, kind: target.kind, name: target.name, spec, createdBy: ctx.viewer.accountId });
    return teamTargetView(row);
  }

  @Mutation(() => HardwareTargetType, { description: 'Replaces a team target\'s definition (its id cannot change: runs and pipelines refer to it)' })
  async updateTarget(
    @Arg('id', () => String) id: string,
    @Arg('definition', () => JsonObjectScalar) definition: Record<string, unknown>,
    @Ctx() ctx: GatewayContext,
  ): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-targets');
    const existing = await this.teamTarget(ctx, id);
    const { target, spec } = validatedDefinition({ ...definition, id: definition.id ?? existing.slug });
    if (target.id !== existing.slug) {
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected definition.id to be ${existing.slug} (a target's id cannot change) but received ${target.id}`, {
        details: { field: 'definition.id' },
      });
    }
    const row = await ctx.services.db.targets.update(ctx.viewer.teamId, existing.id, { kind: target.kind, name: target.name, spec });
    return teamTargetView(row);
  }

  @Mutation(() => String, { description: 'Deletes a team target; returns its id. Runs keep the snapshot they were created with.' })
  async deleteTarget(@Arg('id', () => String) id: string, @Ctx() ctx: GatewayContext): Promise<string> {
    requirePermission(ctx.viewer, 'manage-targets');
    const existing = await this.teamTarget(ctx, id);
    await ctx.services.db.targets.delete(ctx.viewer.teamId, existing.id);
    return existing.slug;
  }

  private async teamTarget(ctx: GatewayContext, id: string) {
    if (isCatalogId(id)) throw new EdgepressError(ErrorCode.FORBIDDEN, `${id} is a catalog target; catalog targets are read-only`);
    const row = /^[a-z0-9][a-z0-9-]{0,62}$/.test(id) ? await ctx.services.db.targets.findBySlug(ctx.viewer.teamId, id) : null;
    if (!row) throw new EdgepressError(ErrorCode.NOT_FOUND, `No target ${JSON.stringify(id.slice(0, 64))} exists in this team`, { details: { entity: 'target' } });
    return row;
  }
}
