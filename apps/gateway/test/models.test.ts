import { readModel, summarizeModel } from '@edgepress/onnx';
import { checkCompatibility, estimate, getTarget, listTargets } from '@edgepress/targets';
import { graphql, ok, codes } from './support/graphql-client';
import { classifierModelBytes, uploadBlob } from './support/fixtures';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const REGISTER = `mutation($input: RegisterModelInput!) { registerModel(input: $input) { id name sizeBytes blobSha256
  summary { parameters weightBytes nodeCount operators { opType count } inputs { name elemType shape { size symbol } } } } }`;

describe('models', () => {
  it('uploads a real model, registers it and reports the summary libs/onnx computes', async () => {
    const bytes = classifierModelBytes();
    const upload = await uploadBlob(h.url, h.a.tokens.member, bytes);
    expect(upload.status).toBe(201);
    expect(upload.body.sizeBytes).toBe(bytes.length);
    const data = await ok(h.url, h.a.tokens.member, REGISTER, {
      input: { name: 'cls', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt, dimensions: [{ name: 'batch', value: 1 }] },
    });
    const reference = summarizeModel(readModel(bytes), { dims: { batch: 1 } });
    const model = data.registerModel;
    expect(model.sizeBytes).toBe(bytes.length);
    expect(model.summary.parameters).toBe(reference.parameters);
    expect(model.summary.weightBytes).toBe(reference.weightBytes);
    expect(Object.fromEntries(model.summary.operators.map((row: { opType: string; count: number }) => [row.opType, row.count]))).toEqual(reference.ops);
    expect(model.summary.inputs[0].name).toBe(reference.inputs[0].name);

    const query = `query($id: ID!) { model(id: $id) {
      compatibility(targetId: "raspberry-pi-4") { fits compatible issues { code severity } target { id } }
      estimate(targetId: "raspberry-pi-4") { latencyMs energyMj complete }
      compatibilityMatrix { target { id kind } fits compatible estimatedLatencyMs needsInt8 }
      downloadUrl } }`;
    const result = (await ok(h.url, h.a.tokens.viewer, query, { id: model.id })).model;
    const stored = summarizeModel(readModel(bytes), { dims: { batch: 1 } });
    const pi = getTarget('raspberry-pi-4');
    const expected = checkCompatibility(stored, pi);
    expect(result.compatibility.fits).toBe(expected.fits);
    expect(result.compatibility.compatible).toBe(expected.compatible);
    expect(result.compatibility.issues.map((issue: { code: string }) => issue.code)).toEqual(expected.issues.map((issue) => issue.code));
    expect(result.estimate.latencyMs).toBeCloseTo(estimate(stored, pi).latencyMs, 9);
    expect(result.compatibilityMatrix).toHaveLength(listTargets().length);

    const download = await fetch(`${h.url}${result.downloadUrl}`);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses a claim on a blob without the receipt, and a viewer registering models', async () => {
    const upload = await uploadBlob(h.url, h.a.tokens.member, new TextEncoder().encode('not a model'));
    const noReceipt = await graphql(h.url, h.a.tokens.member, REGISTER, { input: { name: 'x', blobSha256: upload.body.sha256 } });
    expect(codes(noReceipt)).toEqual(['NOT_FOUND']);
    const viewer = await graphql(h.url, h.a.tokens.viewer, REGISTER, { input: { name: 'x', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt } });
    expect(codes(viewer)).toEqual(['FORBIDDEN']);
    const malformed = await graphql(h.url, h.a.tokens.member, REGISTER, { input: { name: 'x', blobSha256: upload.body.sha256, uploadReceipt: upload.body.uploadReceipt } });
    expect(codes(malformed)).toEqual(['INVALID_MODEL']);
  });
});
