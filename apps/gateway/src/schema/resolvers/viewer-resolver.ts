import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Team } from '@edgepress/db';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { permissionsOf } from '../../auth/roles';
import type { GatewayContext } from '../../context';
import { PageArgs, withNodes } from '../types/page';
import { MemberConnectionType, TeamType } from '../types/team';
import { ViewerType } from '../types/viewer';

/** The account may be deleted between token verification and this read. */
function nullWhenNotFound(error: unknown): null {
  if (error instanceof EdgepressError && error.code === ErrorCode.NOT_FOUND) return null;
  throw error;
}

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, { description: 'The API token of this request, its team, role and permissions' })
  async viewer(@Ctx() ctx: GatewayContext): Promise<ViewerType> {
    const { db } = ctx.services;
    const { viewer } = ctx;
    const [team, token, account, teams] = await Promise.all([
      db.teams.get(viewer.teamId),
      db.tokens.get(viewer.teamId, viewer.tokenId),
      viewer.accountId ? db.accounts.get(viewer.accountId).catch(nullWhenNotFound) : Promise.resolve(null),
      viewer.accountId ? db.teams.listTeamsOfAccount(viewer.accountId) : Promise.resolve([]),
    ]);
    return { team, role: viewer.role, permissions: permissionsOf(viewer.role), token, account, teams } as unknown as ViewerType;
  }
}

@Resolver(() => TeamType)
export class TeamResolver {
  @FieldResolver(() => MemberConnectionType, { description: 'People in the team (accounts), newest first' })
  async members(@Root() team: Team, @Args(() => PageArgs) page: PageArgs, @Ctx() ctx: GatewayContext): Promise<unknown> {
    // viewer.teams lists other teams of the account too; their members need a token of that team.
    if (team.id !== ctx.viewer.teamId) {
      throw new EdgepressError(ErrorCode.FORBIDDEN, `Use a token of team ${team.slug} to read its members`);
    }
    return withNodes(await ctx.services.db.teams.listMembers(team.id, page));
  }
}
