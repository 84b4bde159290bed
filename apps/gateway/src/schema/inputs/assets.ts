import { Field, InputType, Int } from 'type-graphql';
import { DatasetFormatEnum, DatasetPurposeEnum } from '../enums';
import { SafeIntScalar } from '../scalars';

@InputType('DimensionValue', { description: 'A value for a symbolic dimension (e.g. batch = 1), so MACs and activations can be counted' })
export class DimensionValueInput {
  @Field(() => String)
  name!: string;

  @Field(() => SafeIntScalar)
  value!: number;
}

@InputType('RegisterModelInput')
export class RegisterModelInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: 'The sha256 PUT /v1/blobs returned' })
  blobSha256!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The uploadReceipt PUT /v1/blobs returned; not needed for a blob the team already references (e.g. a run artifact)',
  })
  uploadReceipt?: string | null;

  @Field(() => [DimensionValueInput], { nullable: true, description: 'Values of symbolic input dimensions for the summary' })
  dimensions?: DimensionValueInput[] | null;
}

@InputType('UpdateModelInput')
export class UpdateModelInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType('RegisterDatasetInput')
export class RegisterDatasetInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => DatasetPurposeEnum)
  purpose!: (typeof DatasetPurposeEnum)[keyof typeof DatasetPurposeEnum];

  @Field(() => DatasetFormatEnum)
  format!: (typeof DatasetFormatEnum)[keyof typeof DatasetFormatEnum];

  @Field(() => String, { nullable: true, description: 'Required for every format except MNIST_BUILTIN' })
  blobSha256?: string | null;

  @Field(() => String, { nullable: true })
  uploadReceipt?: string | null;

  @Field(() => Int)
  sampleCount!: number;

  @Field(() => [String], { nullable: true })
  inputNames?: string[] | null;
}

