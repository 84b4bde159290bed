/** `ctx.tensors.*` on the host: copies of tensor values into and out of the sandbox. Tests: tensor-methods.test.ts. */
import type { HostMethods } from '@edgepress/plugin-sdk/sandbox';
import { describeValue, invalidArgument, MAX_NAME_LIST } from './arguments';
import { tensorFromSdk, tensorToSdk } from './sdk-tensors';
import type { TensorTable } from './tensor-table';

type TensorMethods = { [K in keyof HostMethods as K extends `tensors.${string}` ? K : never]: HostMethods[K] };

export function createTensorMethods(table: TensorTable): TensorMethods {
  return {
    'tensors.read': async (handle: unknown) => tensorToSdk(table.tensor(handle, 'read(tensor)')),
    'tensors.write': async (data: unknown) => table.add(tensorFromSdk(data, 'write(data)')),
    'tensors.release': async (handles: unknown) => {
      if (!Array.isArray(handles) || handles.length > MAX_NAME_LIST) throw invalidArgument(`Expected an array of tensor handles for release(tensors) but received ${describeValue(handles)}`);
      const ids = handles.map((handle, index) => {
        const id = (handle as { id?: unknown } | null)?.id;
        if (typeof id !== 'string') throw invalidArgument(`Expected a tensor handle for release(tensors)[${index}] but received ${describeValue(handle)}`);
        return id;
      });
      table.release(ids);
    },
  };
}
