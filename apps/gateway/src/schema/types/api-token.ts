import { Field, ID, ObjectType } from 'type-graphql';
import { RoleEnum } from '../enums';
import { DateTimeScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('ApiToken', { description: 'An API token of the team. Its secret is shown once, by createApiToken.' })
export class ApiTokenType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RoleEnum)
  role!: string;

  @Field(() => String, { description: 'Public part (ep_<prefix>_...), to tell tokens apart' })
  prefix!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const ApiTokenConnectionType = connectionType('ApiToken', () => ApiTokenType);

@ObjectType('CreatedApiToken')
export class CreatedApiTokenType {
  @Field(() => ApiTokenType)
  token!: ApiTokenType;

  @Field(() => String, { description: 'ep_<prefix>_<secret>: shown this once, never stored; send it as "Authorization: Bearer <secret>"' })
  secret!: string;
}
