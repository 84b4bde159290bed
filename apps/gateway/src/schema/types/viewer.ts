import { Field, ObjectType } from 'type-graphql';
import { PermissionEnum, RoleEnum } from '../enums';
import { AccountType, TeamMembershipType, TeamType } from './team';
import { ApiTokenType } from './api-token';

@ObjectType('Viewer', { description: 'Who the request speaks for: the API token, its team and role' })
export class ViewerType {
  @Field(() => TeamType)
  team!: TeamType;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => [PermissionEnum], { description: 'What this token may do (derived from its role)' })
  permissions!: string[];

  @Field(() => ApiTokenType)
  token!: ApiTokenType;

  @Field(() => AccountType, { nullable: true, description: 'The account that created the token, if accounts are in use' })
  account!: AccountType | null;

  @Field(() => [TeamMembershipType], { description: 'Teams the account belongs to (empty without an account)' })
  teams!: TeamMembershipType[];
}
