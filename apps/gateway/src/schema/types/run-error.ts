import { Field, ObjectType } from 'type-graphql';

@ObjectType('RunError', { description: 'Why a run or stage failed: a public error code and a message for people' })
export class RunErrorType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  message!: string;
}
