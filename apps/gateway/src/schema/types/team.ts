import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../enums';
import { DateTimeScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('Account', { description: 'A person who can belong to several teams' })
export class AccountType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  displayName!: string;
}

@ObjectType('Member')
export class MemberType {
  @Field(() => AccountType)
  account!: AccountType;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const MemberConnectionType = connectionType('Member', () => MemberType);

/** A team; members: resolvers/team-resolver.ts. */
@ObjectType('Team')
export class TeamType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType('TeamMembership', { description: 'A team the signed-in account belongs to (switch by using a token of that team)' })
export class TeamMembershipType {
  @Field(() => TeamType)
  team!: TeamType;

  @Field(() => RoleEnum)
  role!: string;
}
