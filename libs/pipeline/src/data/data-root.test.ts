import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { temporaryFolder } from '../../test/python';
import { DATA_DIR_ENV, findDataRoot, requireDataRoot } from './data-root';

describe('findDataRoot', () => {
  const { folder, remove } = temporaryFolder('root');
  afterAll(remove);

  it('finds ../shared/data above the starting folder (a clone next to shared/)', () => {
    mkdirSync(path.join(folder, 'shared', 'data'), { recursive: true });
    const deep = path.join(folder, 'clone', 'libs', 'pipeline');
    mkdirSync(deep, { recursive: true });
    expect(findDataRoot({ from: deep, env: {} })).toBe(path.join(folder, 'shared', 'data'));
  });

  it('prefers EDGEPRESS_DATA_DIR', () => {
    const custom = path.join(folder, 'custom');
    mkdirSync(custom);
    expect(findDataRoot({ from: '/', env: { [DATA_DIR_ENV]: custom } })).toBe(custom);
  });

  it('says where it looked when nothing is found', () => {
    expect(findDataRoot({ from: '/', env: {} })).toBeUndefined();
    let caught: unknown;
    try {
      requireDataRoot({ from: '/', env: { [DATA_DIR_ENV]: path.join(folder, 'missing') } });
    } catch (error) {
      caught = error;
    }
    expect((caught as EdgepressError).code).toBe(ErrorCode.FILE_NOT_FOUND);
    expect((caught as Error).message).toMatch(/EDGEPRESS_DATA_DIR='.*missing' is not a folder/);
  });

  it('finds the shared OCR data from this repository', () => {
    expect(findDataRoot()).toBeDefined();
  });
});
