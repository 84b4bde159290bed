import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DICTIONARY, RECOGNIZER } from '../../test/ocr-assets';
import { requireDataRoot } from '../data/data-root';
import { openTensorFolder } from '../data/tensor-folder';
import { loadCtcDictionary } from './ctc-decode';
import { ctcTextAccuracy } from './ctc-text-accuracy';
import { evaluateModel } from './evaluate-model';
import { OrtModelSession } from './ort-session';
import { ReferenceRecorder } from './reference-outputs';

// ../shared/data/ocr/README.md: the fp32 PP-OCRv4 recognizer with onnxruntime-node 1.30 reads 40
// of 48 lines exactly and 98.5 % of characters (here 9 edits over 595 characters).
describe('the PP-OCRv4 recognizer on the shared OCR lines', () => {
  let session: OrtModelSession;
  let dictionary: string[];
  const lines = path.join(requireDataRoot(), 'ocr', 'lines');

  beforeAll(async () => {
    session = await OrtModelSession.create(new Uint8Array(readFileSync(RECOGNIZER)));
    dictionary = await loadCtcDictionary(DICTIONARY);
  });
  afterAll(() => session.release());

  it('reproduces the documented fp32 accuracy, one line per run, and is identical to itself', async () => {
    const dataset = await openTensorFolder(lines);
    const recorder = new ReferenceRecorder();
    const baseline = await evaluateModel(session, dataset, { taskMetric: ctcTextAccuracy({ dictionary }), recorder });
    expect(baseline.samples).toBe(48);
    expect(baseline.task?.figures.exactLines).toBe(40);
    expect(baseline.task?.figures.characters).toBe(595);
    expect(baseline.task?.figures.editDistance).toBe(9);
    expect(baseline.task?.value).toBeCloseTo(0.985, 3);
    const reference = recorder.reference();
    expect(reference).toBeDefined();
    const again = await evaluateModel(session, dataset, { reference });
    expect(again.fidelity).toMatchObject({ cosine: 1, sqnrDb: Infinity, top1Agreement: 1, maxAbsError: 0, samples: 48, positions: 48 * 40 });
    await expect(evaluateModel(session, dataset, { reference, batchSize: 8 })).rejects.toThrow(/same data and batch size/);
  }, 60_000);

});
