/**
 * Chunking and reassembly: a tensor of every boundary size relative to the chunk size (0, 1,
 * chunk - 1, chunk, chunk + 1, many chunks) goes through TensorWriter -> frameSequence ->
 * FrameReceiver and comes back byte-identical, aligned, and in as many chunks as expected.
 */
import { FrameReceiver, frameSequence, frameTypes } from './frames';
import { TensorWriter } from './tensor-writer';
import type { WireChunk } from './wire-tensor';

const CHUNK = 64;
const caps = { maxTensorBytes: 1 << 20, maxTotalBytes: 1 << 21 };

function bytes(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

/** Sends a HuffmanCode args frame (one uint8 tensor) and returns what the receiver assembled. */
function roundTrip(stream: Uint8Array, inlineBudget: number) {
  const writer = new TensorWriter(inlineBudget);
  const message = { stream: writer.array('stream', stream) };
  const frames = [...frameSequence('args', message, writer, CHUNK)] as { frame?: string; chunk?: WireChunk }[];
  // The transport delivers oneof frames with their case name.
  const receiver = new FrameReceiver<{ stream: never }>('args', frameTypes('HuffmanCode').args, caps);
  for (const frame of frames) receiver.accept({ ...frame, frame: 'chunk' in frame ? 'chunk' : 'args' });
  const { message: received, tensors } = receiver.finish();
  return { frames, data: tensors.array(received.stream) as Uint8Array };
}

describe('chunking and reassembly', () => {
  it.each([
    [0, 0],
    [1, 1],
    [CHUNK - 1, 1],
    [CHUNK, 1],
    [CHUNK + 1, 2],
    [CHUNK * 37 + 5, 38],
  ])('streams %i bytes in %i chunks and reassembles them', (size, chunks) => {
    const sent = bytes(size, size);
    const { frames, data } = roundTrip(sent, 0);
    expect(frames.length - 1).toBe(size === 0 ? 0 : chunks);
    expect(frames.slice(1).every((f) => (f.chunk as WireChunk).data.byteLength <= CHUNK)).toBe(true);
    expect(Buffer.from(data).equals(Buffer.from(sent))).toBe(true);
  });

  it('sends a tensor inline when it fits the inline budget, and streams it when it does not', () => {
    expect(roundTrip(bytes(CHUNK, 1), CHUNK).frames).toHaveLength(1);
    expect(roundTrip(bytes(CHUNK + 1, 1), CHUNK).frames).toHaveLength(3);
  });

  it('shares the inline budget between the tensors of a frame, in order', () => {
    const writer = new TensorWriter(100);
    const first = writer.array('a', new Float32Array(20));
    const second = writer.array('b', new Float32Array(10));
    const third = writer.array('c', new Float32Array(5));
    expect([first.data.byteLength, second.data.byteLength, third.data.byteLength]).toEqual([80, 0, 20]);
    expect(writer.streamed.map((t) => t.id)).toEqual([1]);
  });

  it('hands back views aligned for their element type even when the bytes arrived at odd offsets', () => {
    const values = Float64Array.from({ length: 40 }, (_, i) => i / 3);
    const writer = new TensorWriter(0);
    const message = { counts: writer.array('counts', values), lengths: writer.array('lengths', new Uint8Array(3)), totalBits: 1 };
    const receiver = new FrameReceiver<typeof message>('result', frameTypes('HuffmanCode').result, caps);
    receiver.accept({ frame: 'result', result: message });
    for (const frame of [...frameSequence('result', message, writer, 7)].slice(1) as { chunk: WireChunk }[]) {
      // Copy each chunk to an odd offset, as a transport buffer may hold it.
      const shifted = new Uint8Array(frame.chunk.data.byteLength + 1).subarray(1);
      shifted.set(frame.chunk.data);
      receiver.accept({ frame: 'chunk', chunk: { tensorId: frame.chunk.tensorId, data: shifted } });
    }
    const { message: received, tensors } = receiver.finish();
    const counts = tensors.array(received.counts) as Float64Array;
    expect(counts).toBeInstanceOf(Float64Array);
    expect(counts.byteOffset % 8).toBe(0);
    expect(Array.from(counts)).toEqual(Array.from(values));
  });

  it('re-iterates the same frames for a retry', () => {
    const writer = new TensorWriter(0);
    const message = { stream: writer.array('stream', bytes(200, 3)) };
    const frames = frameSequence('args', message, writer, CHUNK);
    expect([...frames]).toEqual([...frames]);
  });
});

describe('frame order', () => {
  const receiver = () => new FrameReceiver('args', frameTypes('HuffmanCode').args, caps);

  it('refuses a chunk before the args frame', () => {
    expect(() => receiver().accept({ frame: 'chunk', chunk: { tensorId: 0, data: new Uint8Array(1) } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('first frame to be args') }),
    );
  });

  it('refuses a second args frame', () => {
    const r = receiver();
    r.accept({ frame: 'args', args: {} });
    expect(() => r.accept({ frame: 'args', args: {} })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('refuses a stream that ends before its args frame', () => {
    expect(() => receiver().finish()).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('before its args frame') }));
  });
});
