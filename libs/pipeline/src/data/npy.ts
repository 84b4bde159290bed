/**
 * NumPy .npy parsing (format versions 1.0, 2.0 and 3.0), written here rather than taken from a
 * package so that every byte of an untrusted file is checked before it is believed.
 *
 * Threat model: the file comes from a user (an uploaded calibration set). A hostile header may be
 * huge, may not be the dict literal numpy writes, may declare a shape whose element count
 * overflows or whose bytes exceed memory, or may promise more data than the file holds. Each
 * case is an EdgepressError BAD_USER_INPUT naming the file, raised before anything is allocated
 * from header values. Fortran-ordered and big-endian arrays are refused (not silently misread).
 * Tests: npy.test.ts (files written by Debian's numpy for every dtype, and a malformed corpus).
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { bytesPerElement, elementCount, type SampleData, type SampleDataType, type SampleTensor } from './sample';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
/** numpy itself refuses headers above 10000 bytes by default (max_header_size). */
const MAX_HEADER_BYTES = 10_000;
export const DEFAULT_MAX_NPY_BYTES = 1024 * 1024 * 1024;

const DTYPES: Record<string, SampleDataType> = {
  f4: 'float32',
  f8: 'float64',
  f2: 'float16',
  i8: 'int64',
  i4: 'int32',
  i1: 'int8',
  u1: 'uint8',
  b1: 'bool',
};

export interface NpyOptions {
  /** Largest data section accepted, in bytes (default 1 GiB). */
  readonly maxBytes?: number;
}

function bad(source: string, problem: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `NumPy file '${source}' ${problem}`, { details: { file: source } });
}

/** Parses one .npy file's bytes; `source` names the file in errors. */
export function parseNpy(bytes: Uint8Array, source: string, options: NpyOptions = {}): SampleTensor {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_NPY_BYTES;
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) throw bad(source, 'does not start with the .npy magic "\\x93NUMPY"');
  const major = bytes[6];
  const lengthBytes = major === 1 ? 2 : major === 2 || major === 3 ? 4 : 0;
  if (lengthBytes === 0) throw bad(source, `has format version ${major}.${bytes[7]}; expected 1.0, 2.0 or 3.0`);
  if (bytes.length < 8 + lengthBytes) throw bad(source, 'ends inside its header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = lengthBytes === 2 ? view.getUint16(8, true) : view.getUint32(8, true);
  if (headerLength > MAX_HEADER_BYTES) throw bad(source, `declares a ${headerLength}-byte header; at most ${MAX_HEADER_BYTES} are accepted`);
  const headerStart = 8 + lengthBytes;
  const dataStart = headerStart + headerLength;
  if (bytes.length < dataStart) throw bad(source, `declares a ${headerLength}-byte header but only ${bytes.length - headerStart} bytes follow`);
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(headerBytes);
  const { descr, fortranOrder, shape } = parseHeader(header, source);
  if (fortranOrder) throw bad(source, "is stored in Fortran (column-major) order; save it with fortran_order False (np.ascontiguousarray) first");
  const dataType = parseDescr(descr, source);
  const count = elementCount(shape);
  if (count === undefined) throw bad(source, `has shape (${shape.join(', ')}) whose element count is not a safe integer`);
  const itemSize = bytesPerElement(dataType);
  const byteLength = count * itemSize;
  if (!Number.isSafeInteger(byteLength) || byteLength > maxBytes) {
    throw bad(source, `has shape (${shape.join(', ')}) of ${byteLength} bytes, above the ${maxBytes}-byte limit (maxBytes)`);
  }
  const available = bytes.length - dataStart;
  if (available < byteLength) throw bad(source, `has shape (${shape.join(', ')}) of ${dataType} needing ${byteLength} bytes of data but holds ${available}`);
  if (available > byteLength) throw bad(source, `holds ${available - byteLength} bytes after the ${byteLength} bytes its shape (${shape.join(', ')}) needs`);
  // Copy: the data starts at an arbitrary offset, and typed arrays need aligned buffers we own.
  const copy = bytes.slice(dataStart, dataStart + byteLength);
  return { dataType, dims: shape, data: typedView(dataType, copy.buffer, count) };
}

function typedView(dataType: SampleDataType, buffer: ArrayBuffer, count: number): SampleData {
  switch (dataType) {
    case 'float32':
      return new Float32Array(buffer, 0, count);
    case 'float64':
      return new Float64Array(buffer, 0, count);
    case 'float16':
      return new Uint16Array(buffer, 0, count);
    case 'int64':
      return new BigInt64Array(buffer, 0, count);
    case 'int32':
      return new Int32Array(buffer, 0, count);
    case 'int8':
      return new Int8Array(buffer, 0, count);
    case 'uint8':
      return new Uint8Array(buffer, 0, count);
    case 'bool': {
      const values = new Uint8Array(buffer, 0, count);
      if (values.some((value) => value > 1)) return values.map((value) => (value === 0 ? 0 : 1));
      return values;
    }
  }
}

function parseDescr(descr: string, source: string): SampleDataType {
  const order = descr[0];
  const dataType = DTYPES[descr.slice(1)];
  if (descr.length !== 3 || dataType === undefined) {
    throw bad(source, `has dtype '${descr}'; expected one of ${Object.keys(DTYPES).map((code) => (code.endsWith('1') ? `|${code}` : `<${code}`)).join(', ')}`);
  }
  const singleByte = bytesPerElement(dataType) === 1;
  if (order === '>' && !singleByte) throw bad(source, `has big-endian dtype '${descr}'; convert it with .astype('<${descr.slice(1)}')`);
  if (!['<', '|', '=', '>'].includes(order) || (order === '|' && !singleByte)) throw bad(source, `has dtype '${descr}' with an unknown byte order`);
  return dataType;
}

interface NpyHeader {
  descr: string;
  fortranOrder: boolean;
  shape: number[];
}

/**
 * Reads the Python dict literal numpy writes, e.g. `{'descr': '<f4', 'fortran_order': False,
 * 'shape': (1, 3), }` followed by space padding and a newline. Exactly the three keys, nothing else.
 */
function parseHeader(header: string, source: string): NpyHeader {
  const reader = new LiteralReader(header, source);
  reader.expect('{');
  const found: Partial<NpyHeader> = {};
  while (!reader.peekIs('}')) {
    const key = reader.string();
    reader.expect(':');
    if (key === 'descr') found.descr = reader.string();
    else if (key === 'fortran_order') found.fortranOrder = reader.boolean();
    else if (key === 'shape') found.shape = reader.intTuple();
    else throw bad(source, `has an unexpected header key '${key}'; expected descr, fortran_order and shape`);
    if (!reader.peekIs('}')) reader.expect(',');
  }
  reader.expect('}');
  reader.end();
  if (found.descr === undefined || found.fortranOrder === undefined || found.shape === undefined) {
    throw bad(source, "has a header without all of 'descr', 'fortran_order' and 'shape'");
  }
  return found as NpyHeader;
}

class LiteralReader {
  private position = 0;

  constructor(
    private readonly text: string,
    private readonly source: string,
  ) {}

  private skipSpace(): void {
    while (this.position < this.text.length && ' \t'.includes(this.text[this.position])) this.position++;
  }

  private fail(expected: string): never {
    const near = JSON.stringify(this.text.slice(this.position, this.position + 20));
    throw bad(this.source, `has a malformed header: expected ${expected} at offset ${this.position} near ${near}`);
  }

  peekIs(char: string): boolean {
    this.skipSpace();
    return this.text[this.position] === char;
  }

  expect(char: string): void {
    if (!this.peekIs(char)) this.fail(`'${char}'`);
    this.position++;
  }

  string(): string {
    this.skipSpace();
    const quote = this.text[this.position];
    if (quote !== "'" && quote !== '"') this.fail('a quoted string');
    const end = this.text.indexOf(quote, this.position + 1);
    if (end < 0) this.fail('a closing quote');
    const value = this.text.slice(this.position + 1, end);
    this.position = end + 1;
    return value;
  }

  boolean(): boolean {
    this.skipSpace();
    for (const [word, value] of [['True', true], ['False', false]] as const) {
      if (this.text.startsWith(word, this.position)) {
        this.position += word.length;
        return value;
      }
    }
    return this.fail('True or False');
  }

  intTuple(): number[] {
    this.expect('(');
    const values: number[] = [];
    while (!this.peekIs(')')) {
      const match = /^\d+/.exec(this.text.slice(this.position, this.position + 32));
      if (match === null) this.fail('a non-negative integer dimension');
      const value = Number(match[0]);
      if (!Number.isSafeInteger(value)) throw bad(this.source, `has a dimension ${match[0]} that is not a safe integer`);
      values.push(value);
      this.position += match[0].length;
      if (!this.peekIs(')')) this.expect(',');
    }
    this.expect(')');
    return values;
  }

  /** After the dict: only the space padding and the terminating newline numpy writes. */
  end(): void {
    if (!/^[ \t]*\n?[ \t]*$/.test(this.text.slice(this.position))) this.fail('only padding after the header dict');
  }
}
