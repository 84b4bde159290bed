/**
 * A pre-parse pass over protobuf wire bytes, guided by the ONNX schema, run before the real parser.
 *
 * Threat model (trust boundary 2: model bytes come from users). The protobuf parser builds one
 * JavaScript object per message, array element and bigint, so a few input bytes can cost a
 * hundred bytes of heap (an empty NodeProto is 2 bytes on the wire); nesting can recurse; lengths
 * and varints can lie. This scan walks the bytes iteratively (no recursion, O(bytes) time, O(depth)
 * memory) and refuses, with INVALID_MODEL, before anything is allocated:
 * - truncated input, lengths past the end of their message, bad tags, unknown wire types,
 *   unterminated varints, groups that do not close, packed fields of the wrong length;
 * - known fields with a wire type the schema does not allow (so the parser cannot go astray);
 * - nesting deeper than `limits.maxNestingDepth`, more than `limits.maxNodes` NodeProtos, and an
 *   estimated parsed size above `limits.maxParseMemoryBytes`.
 * Tests: wire-scan.test.ts, model/malformed-models.test.ts, model/mutation.test.ts.
 */
import { ScalarType, type DescField, type DescMessage } from '@bufbuild/protobuf';
import { invalidModel } from '../errors';
import { NodeProtoSchema } from '../gen/onnx_pb';
import type { Limits } from '../limits';

const enum Wire {
  Varint = 0,
  Bit64 = 1,
  LengthDelimited = 2,
  StartGroup = 3,
  EndGroup = 4,
  Bit32 = 5,
}

type Kind = 'message' | 'varint' | 'fixed32' | 'fixed64' | 'string' | 'bytes';

interface FieldPlan {
  readonly name: string;
  readonly kind: Kind;
  readonly repeated: boolean;
  /** Heap cost of one element: bigints cost far more than numbers. */
  readonly elementCost: number;
  readonly child?: DescMessage;
}

interface MessagePlan {
  readonly desc: DescMessage;
  readonly fields: Map<number, FieldPlan>;
  readonly objectCost: number;
}

/** Rough V8 costs in bytes; deliberately generous so that the estimate bounds the real heap. */
const COST = {
  objectHeader: 80,
  property: 8,
  emptyArray: 32,
  number: 16,
  bigint: 48,
  bytesView: 128,
  stringHeader: 32,
  unknownField: 192,
};

export interface WireScanResult {
  readonly messages: number;
  readonly nodes: number;
  readonly maxDepth: number;
  readonly estimatedHeapBytes: number;
}

const plans = new WeakMap<DescMessage, MessagePlan>();

function planOf(desc: DescMessage): MessagePlan {
  let plan = plans.get(desc);
  if (plan !== undefined) return plan;
  const fields = new Map<number, FieldPlan>();
  let repeatedCount = 0;
  for (const field of desc.fields) {
    const fieldPlan = planField(field);
    if (fieldPlan.repeated) repeatedCount++;
    fields.set(field.number, fieldPlan);
  }
  plan = {
    desc,
    fields,
    objectCost: COST.objectHeader + COST.property * desc.fields.length + COST.emptyArray * repeatedCount,
  };
  plans.set(desc, plan);
  return plan;
}

function planField(field: DescField): FieldPlan {
  switch (field.fieldKind) {
    case 'message':
      return { name: field.name, kind: 'message', repeated: false, elementCost: 0, child: field.message };
    case 'enum':
      return { name: field.name, kind: 'varint', repeated: false, elementCost: 0 };
    case 'scalar':
      return { name: field.name, repeated: false, ...scalarPlan(field.scalar) };
    case 'list':
      if (field.listKind === 'message') return { name: field.name, kind: 'message', repeated: true, elementCost: 0, child: field.message };
      if (field.listKind === 'enum') return { name: field.name, kind: 'varint', repeated: true, elementCost: COST.number };
      return { name: field.name, repeated: true, ...scalarPlan(field.scalar) };
    case 'map':
      throw new Error(`map field ${field.name} is not part of the ONNX schema`);
  }
}

function scalarPlan(scalar: ScalarType): { kind: Kind; elementCost: number } {
  switch (scalar) {
    case ScalarType.STRING:
      return { kind: 'string', elementCost: COST.stringHeader };
    case ScalarType.BYTES:
      return { kind: 'bytes', elementCost: COST.bytesView };
    case ScalarType.FLOAT:
    case ScalarType.FIXED32:
    case ScalarType.SFIXED32:
      return { kind: 'fixed32', elementCost: COST.number };
    case ScalarType.DOUBLE:
      return { kind: 'fixed64', elementCost: COST.number };
    case ScalarType.FIXED64:
    case ScalarType.SFIXED64:
      return { kind: 'fixed64', elementCost: COST.bigint };
    case ScalarType.INT64:
    case ScalarType.UINT64:
    case ScalarType.SINT64:
      return { kind: 'varint', elementCost: COST.bigint };
    default:
      return { kind: 'varint', elementCost: COST.number };
  }
}

interface Frame {
  readonly plan: MessagePlan | undefined;
  /** Offset where the enclosing bytes end: the message's end, or for a group its parent's end. */
  readonly end: number;
  /** Field number of an (unknown) group, which must close with a matching EndGroup tag; 0 otherwise. */
  readonly groupField: number;
  readonly via: string;
}

class ScanError extends Error {}

/** Walks `bytes` as a `root` message. Throws INVALID_MODEL naming the byte offset and field path. */
export function scanWire(bytes: Uint8Array, root: DescMessage, limits: Limits): WireScanResult {
  const stack: Frame[] = [{ plan: planOf(root), end: bytes.length, groupField: 0, via: root.name }];
  let pos = 0;
  let messages = 1;
  let nodes = 0;
  let maxDepth = 1;
  let heap = planOf(root).objectCost;

  const fail = (message: string): never => {
    throw new ScanError(message);
  };
  const readVarint = (limit: number): number => {
    // Returns the value for small varints and -1 for anything above 2^32; callers only need lengths and tags.
    let result = 0;
    let shift = 0;
    let above32 = false;
    for (let i = 0; i < 10; i++) {
      if (pos >= limit) fail('a varint runs past the end of its message');
      const byte = bytes[pos++];
      if (shift < 32) result += (byte & 0x7f) * 2 ** shift;
      else if ((byte & 0x7f) !== 0) above32 = true;
      shift += 7;
      if ((byte & 0x80) === 0) return above32 || result > 0xffffffff ? -1 : result;
    }
    return fail('a varint is longer than 10 bytes');
  };

  try {
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const limit = frame.end;
      if (pos === limit) {
        if (frame.groupField !== 0) fail('a group is not closed');
        stack.pop();
        continue;
      }
      const tagStart = pos;
      const tag = readVarint(limit);
      if (tag < 0 || pos - tagStart > 5) fail('a tag overflows 32 bits');
      const fieldNumber = Math.floor(tag / 8);
      const wire = tag & 7;
      if (fieldNumber === 0) fail('a tag has field number 0');
      if (wire === Wire.EndGroup) {
        if (frame.groupField !== fieldNumber) fail(`an end-group tag for field ${fieldNumber} has no matching start`);
        stack.pop();
        continue;
      }
      const field = frame.plan?.fields.get(fieldNumber);
      if (field === undefined) {
        heap += COST.unknownField;
        if (wire === Wire.StartGroup) {
          pushFrame({ plan: undefined, end: limit, groupField: fieldNumber, via: `unknown group ${fieldNumber}` });
        } else {
          skipValue(wire, limit);
        }
        continue;
      }
      checkWireType(field, wire);
      if (field.kind === 'message') {
        const length = readVarint(limit);
        if (length < 0 || pos + length > limit) fail(`field '${field.name}' is ${length < 0 ? 'too long' : `${length} bytes long`} but only ${limit - pos} remain`);
        const plan = planOf(field.child as DescMessage);
        messages++;
        if (plan.desc.typeName === NodeProtoSchema.typeName) {
          nodes++;
          if (nodes > limits.maxNodes) {
            throw invalidModel(`Model has more than limits.maxNodes (${limits.maxNodes}) nodes; raise it with { limits: { maxNodes } } if the model is trusted`, {
              limit: 'maxNodes',
            });
          }
        }
        heap += plan.objectCost;
        pushFrame({ plan, end: pos + length, groupField: 0, via: field.name });
        continue;
      }
      if (wire === Wire.LengthDelimited) {
        const length = readVarint(limit);
        if (length < 0 || pos + length > limit) fail(`field '${field.name}' is ${length < 0 ? 'too long' : `${length} bytes long`} but only ${limit - pos} remain`);
        if (field.kind === 'string') heap += field.elementCost + 2 * length;
        else if (field.kind === 'bytes') heap += field.elementCost;
        else heap += countPacked(field, pos, pos + length) * field.elementCost;
        pos += length;
      } else {
        skipValue(wire, limit);
        heap += field.elementCost;
      }
      if (heap > limits.maxParseMemoryBytes) overMemory();
    }
  } catch (error) {
    if (error instanceof ScanError) {
      const path = stack.map((f) => f.via).join('.');
      throw invalidModel(`Malformed protobuf at byte ${pos} (in ${path}): ${error.message}`, { offset: pos });
    }
    throw error;
  }
  if (heap > limits.maxParseMemoryBytes) overMemory();
  return { messages, nodes, maxDepth, estimatedHeapBytes: heap };

  function pushFrame(next: Frame): void {
    stack.push(next);
    if (stack.length > maxDepth) maxDepth = stack.length;
    if (stack.length > limits.maxNestingDepth) {
      throw invalidModel(
        `Model nests messages deeper than limits.maxNestingDepth (${limits.maxNestingDepth}) at byte ${pos} (in ${stack.map((f) => f.via).join('.')})`,
        { limit: 'maxNestingDepth', offset: pos },
      );
    }
  }

  function overMemory(): never {
    throw invalidModel(
      `Model would take more than limits.maxParseMemoryBytes (${limits.maxParseMemoryBytes}) bytes once parsed; raise it with { limits: { maxParseMemoryBytes } } if the model is trusted`,
      { limit: 'maxParseMemoryBytes' },
    );
  }

  function skipValue(wire: number, limit: number): void {
    switch (wire) {
      case Wire.Varint:
        readVarint(limit);
        return;
      case Wire.Bit64:
        if (pos + 8 > limit) fail('a fixed64 value runs past the end of its message');
        pos += 8;
        return;
      case Wire.Bit32:
        if (pos + 4 > limit) fail('a fixed32 value runs past the end of its message');
        pos += 4;
        return;
      case Wire.LengthDelimited: {
        const length = readVarint(limit);
        if (length < 0 || pos + length > limit) fail(`a length-delimited value of ${length < 0 ? 'over 2^32' : length} bytes runs past the end of its message`);
        pos += length;
        return;
      }
      default:
        fail(`invalid wire type ${wire}`);
    }
  }

  function checkWireType(field: FieldPlan, wire: number): void {
    const expected = expectedWire(field.kind);
    if (wire === expected) return;
    if (field.repeated && wire === Wire.LengthDelimited && field.kind !== 'message' && field.kind !== 'string' && field.kind !== 'bytes') return;
    fail(`field '${field.name}' has wire type ${wire}, expected ${expected}`);
  }

  function countPacked(field: FieldPlan, start: number, end: number): number {
    const length = end - start;
    if (field.kind === 'fixed32') {
      if (length % 4 !== 0) fail(`packed field '${field.name}' has ${length} bytes, not a multiple of 4`);
      return length / 4;
    }
    if (field.kind === 'fixed64') {
      if (length % 8 !== 0) fail(`packed field '${field.name}' has ${length} bytes, not a multiple of 8`);
      return length / 8;
    }
    let count = 0;
    let run = 0;
    for (let i = start; i < end; i++) {
      run++;
      if ((bytes[i] & 0x80) === 0) {
        count++;
        run = 0;
      } else if (run >= 10) {
        fail(`packed field '${field.name}' holds a varint longer than 10 bytes`);
      }
    }
    if (run !== 0) fail(`packed field '${field.name}' ends inside a varint`);
    return count;
  }
}

function expectedWire(kind: Kind): number {
  switch (kind) {
    case 'varint':
      return Wire.Varint;
    case 'fixed32':
      return Wire.Bit32;
    case 'fixed64':
      return Wire.Bit64;
    default:
      return Wire.LengthDelimited;
  }
}
