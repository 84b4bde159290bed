import { Field, InputType } from 'type-graphql';
import { RoleEnum } from '../enums';
import { DateTimeScalar } from '../scalars';

@InputType('CreateApiTokenInput')
export class CreateApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => RoleEnum, { description: 'At most the role of the token that creates it' })
  role!: (typeof RoleEnum)[keyof typeof RoleEnum];

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt?: Date | null;
}
