/**
 * Finds every Tensor header inside a decoded message by walking the message's descriptor (not
 * the object's keys), so an unexpected key in a decoded object can never be taken for a tensor.
 * Paths are the TypeScript argument names ("params.scale", "tensors[2]") used in error messages.
 */
import { messageFields, shortTypeName, type FieldDescriptor } from '../proto';
import type { WireTensor } from './wire-tensor';

export interface LocatedTensor {
  readonly path: string;
  readonly header: WireTensor;
}

const plans = new Map<string, readonly FieldDescriptor[]>();

/** Message-typed fields of typeName (the only ones that can hold tensors). */
function messageFieldsOf(typeName: string): readonly FieldDescriptor[] {
  let plan = plans.get(typeName);
  if (plan === undefined) {
    plan = messageFields(typeName).filter((field) => field.type === 'TYPE_MESSAGE');
    plans.set(typeName, plan);
  }
  return plan;
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

/** Every Tensor in `message` (of type `typeName`), in field order. */
export function locateTensors(typeName: string, message: unknown, prefix = ''): LocatedTensor[] {
  const found: LocatedTensor[] = [];
  if (typeof message !== 'object' || message === null) return found;
  for (const field of messageFieldsOf(shortTypeName(typeName))) {
    const value = (message as Record<string, unknown>)[field.name];
    const items = field.label === 'LABEL_REPEATED' && Array.isArray(value) ? value : [value];
    items.forEach((item, i) => {
      if (item === null || item === undefined) return;
      const path = field.label === 'LABEL_REPEATED' ? `${join(prefix, field.name)}[${i}]` : join(prefix, field.name);
      if (shortTypeName(field.typeName) === 'Tensor') found.push({ path, header: item as WireTensor });
      else found.push(...locateTensors(field.typeName, item, path));
    });
  }
  return found;
}
