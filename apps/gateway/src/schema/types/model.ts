import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, SafeIntScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('SymbolicDimensionValue', { description: 'The value given to a symbolic input dimension (e.g. batch = 1)' })
export class SymbolicDimensionValueType {
  @Field(() => String)
  name!: string;

  @Field(() => SafeIntScalar)
  value!: number;
}

/** An uploaded ONNX model. summary, dimensions, compatibility, estimate, runs and downloadUrl: resolvers/model-resolver.ts. */
@ObjectType('Model')
export class ModelType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: 'onnx' })
  format!: string;

  @Field(() => String, { description: 'sha256 of the model bytes (its blob address)' })
  blobSha256!: string;

  @Field(() => SafeIntScalar)
  sizeBytes!: number;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const ModelConnectionType = connectionType('Model', () => ModelType);
