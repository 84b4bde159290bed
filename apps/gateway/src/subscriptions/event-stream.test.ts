import { EventStream } from './event-stream';

describe('EventStream', () => {
  it('hands pushed values to a waiting reader, then buffers in order', async () => {
    const stream = new EventStream<number>(10, () => undefined);
    const waiting = stream.next();
    stream.push(1);
    stream.push(2);
    stream.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 3, done: false });
  });

  it('drops the oldest events of a slow reader instead of growing', async () => {
    const stream = new EventStream<number>(3, () => undefined);
    for (let value = 0; value < 10; value += 1) stream.push(value);
    expect(stream.dropped).toBe(7);
    const values = [(await stream.next()).value, (await stream.next()).value, (await stream.next()).value];
    expect(values).toEqual([7, 8, 9]);
  });

  it('return() detaches once, ends a waiting reader and ignores later pushes', async () => {
    const onClose = jest.fn();
    const stream = new EventStream<number>(3, onClose);
    const waiting = stream.next();
    await stream.return();
    await stream.return();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(await waiting).toEqual({ value: undefined, done: true });
    stream.push(1);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });
});
