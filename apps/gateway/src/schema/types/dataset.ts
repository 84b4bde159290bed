import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DatasetFormatEnum, DatasetPurposeEnum } from '../enums';
import { DateTimeScalar } from '../scalars';
import { connectionType } from './page';

@ObjectType('Dataset', { description: 'Calibration or evaluation data: an uploaded blob, or the MNIST set that ships with Edgepress' })
export class DatasetType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => DatasetPurposeEnum)
  purpose!: string;

  @Field(() => DatasetFormatEnum)
  format!: string;

  @Field(() => String, { nullable: true, description: 'null for MNIST_BUILTIN' })
  blobSha256!: string | null;

  @Field(() => Int)
  sampleCount!: number;

  @Field(() => [String], { description: 'Model input names the samples feed' })
  inputNames!: string[];

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const DatasetConnectionType = connectionType('Dataset', () => DatasetType);
