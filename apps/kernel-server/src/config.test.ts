import { readConfig } from './config';

describe('readConfig', () => {
  it('uses defaults when nothing is set', () => {
    expect(readConfig([], {})).toEqual({
      host: '127.0.0.1',
      port: 50051,
      threads: undefined,
      maxTensorBytes: 2 ** 30,
      maxCallBytes: undefined,
      maxInflightBytes: undefined,
      drainDelayMs: 0,
      gracePeriodMs: 30_000,
      logLevel: 'info',
      sharedMemory: true,
    });
  });

  it('takes flags over environment variables', () => {
    const config = readConfig(['--port', '0', '--threads=2', '--max-tensor-bytes', '1024'], { KERNEL_SERVER_PORT: '7000', KERNEL_SERVER_THREADS: '1', KERNEL_SERVER_HOST: '::1' });
    expect(config).toMatchObject({ port: 0, threads: 2, maxTensorBytes: 1024, host: '::1' });
    expect(readConfig(['--shared-memory', 'off'], { KERNEL_SERVER_SHARED_MEMORY: 'on' }).sharedMemory).toBe(false);
    expect(readConfig([], { KERNEL_SERVER_SHARED_MEMORY: 'off' }).sharedMemory).toBe(false);
  });

  it('refuses bad values naming the flag and the variable', () => {
    expect(() => readConfig(['--port', '70000'], {})).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringContaining('--port (KERNEL_SERVER_PORT)') }));
    expect(() => readConfig([], { KERNEL_SERVER_THREADS: '2.5' })).toThrow(expect.objectContaining({ message: expect.stringContaining('--threads') }));
    expect(() => readConfig(['--grace-period-ms', '-1'], {})).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(() => readConfig(['--log-level', 'loud'], {})).toThrow(expect.objectContaining({ message: expect.stringContaining('--log-level') }));
    expect(() => readConfig(['--shared-memory', 'yes'], {})).toThrow(expect.objectContaining({ message: expect.stringContaining('--shared-memory (KERNEL_SERVER_SHARED_MEMORY)') }));
    expect(() => readConfig(['--unknown'], {})).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'argv' } }));
  });
});
