import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ArtifactKindEnum } from '../enums';
import { DateTimeScalar, SafeIntScalar } from '../scalars';

/** A stored output of a run; downloadUrl and run: resolvers/artifact-resolver.ts. */
@ObjectType('Artifact', { description: 'A stored output of a run: a stage\'s model, or the run\'s report' })
export class ArtifactType {
  @Field(() => ID)
  id!: string;

  @Field(() => ArtifactKindEnum)
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'The stage that produced it; null for the run\'s report' })
  stageIndex!: number | null;

  @Field(() => String)
  blobSha256!: string;

  @Field(() => SafeIntScalar)
  sizeBytes!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
