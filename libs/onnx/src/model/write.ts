import { toBinary } from '@bufbuild/protobuf';
import { promises as fs } from 'node:fs';
import { ModelProtoSchema } from '../gen/onnx_pb';
import type { OnnxModel } from './onnx-model';

/** Serializes the model. An unchanged model gives back the bytes it was read from. */
export function writeModel(model: OnnxModel): Uint8Array {
  return toBinary(ModelProtoSchema, model.proto);
}

/** Writes the model file. External data files are not written: inline them first (inlineExternalData) or keep them next to it. */
export async function writeModelFile(model: OnnxModel, file: string): Promise<void> {
  await fs.writeFile(file, writeModel(model));
}
