import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Dim, ModelSummary } from '@edgepress/onnx';
import { sampleTypeOfOnnxName, SUPPORTED_ONNX_NAMES } from './element-types';
import type { SampleDataType } from './sample';

/** A graph input as a dataset must feed it: name, element type, declared shape (symbolic dims by name). */
export interface ModelInput {
  readonly name: string;
  readonly dataType: SampleDataType;
  readonly shape: readonly Dim[] | null;
}

/** The inputs of a summarized model (libs/onnx's summary lists graph inputs that are not initializers). */
export function modelInputsOf(summary: Pick<ModelSummary, 'inputs'>): ModelInput[] {
  return summary.inputs.map((input) => {
    const dataType = sampleTypeOfOnnxName(input.elemType);
    if (dataType === undefined) {
      throw new EdgepressError(
        ErrorCode.BAD_USER_INPUT,
        `Model input '${input.name}' has element type ${input.elemType}; datasets can feed ${SUPPORTED_ONNX_NAMES.join(', ')}`,
      );
    }
    return { name: input.name, dataType, shape: input.shape };
  });
}
