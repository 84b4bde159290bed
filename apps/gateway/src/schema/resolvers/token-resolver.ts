import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requireGrantableRole, requirePermission } from '../../auth/roles';
import type { GatewayContext } from '../../context';
import { CreateApiTokenInput } from '../inputs/access';
import { ApiTokenConnectionType, ApiTokenType, CreatedApiTokenType } from '../types/api-token';
import { PageArgs, withNodes } from '../types/page';

@Resolver(() => ApiTokenType)
export class TokenResolver {
  @Query(() => ApiTokenConnectionType, { description: 'The team\'s API tokens, newest first (admins and owners)' })
  async apiTokens(@Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-tokens');
    return withNodes(await ctx.services.db.tokens.list(ctx.viewer.teamId, page));
  }

  @Mutation(() => CreatedApiTokenType, { description: 'Creates a token with at most this token\'s role; the secret is returned this once' })
  async createApiToken(@Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-tokens');
    requireGrantableRole(ctx.viewer, input.role);
    const { token, secret } = await ctx.services.db.tokens.create(ctx.viewer.teamId, {
      name: input.name,
      role: input.role,
      createdBy: ctx.viewer.accountId,
      expiresAt: input.expiresAt ?? null,
    });
    ctx.log.info({ tokenId: token.id, role: token.role }, 'API token created');
    return { token, secret };
  }

  @Mutation(() => ApiTokenType, { description: 'Revokes a token of the team at once (revoking twice keeps the first time)' })
  async revokeApiToken(@Arg('id', () => ID) id: string, @Ctx() ctx: GatewayContext): Promise<unknown> {
    requirePermission(ctx.viewer, 'manage-tokens');
    const token = await ctx.services.db.tokens.revoke(ctx.viewer.teamId, id);
    ctx.log.info({ tokenId: token.id }, 'API token revoked');
    return token;
  }
}
