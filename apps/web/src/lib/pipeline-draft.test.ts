import { GatewayError } from './gateway-error';
import { countErrors, draftFromSpec, emptyDraft, errorsFromGateway, moveStage, newStage, specFromDraft, type PluginOption } from './pipeline-draft';

const plugins: PluginOption[] = [
  {
    name: 'prune-channels',
    version: '0.1.0',
    paramsSchema: { type: 'object', properties: { ratio: { type: 'number', minimum: 0, maximum: 0.95, default: 0.25 } } },
  },
  {
    name: 'quantize-int8',
    version: '0.1.0',
    paramsSchema: { type: 'object', properties: { mode: { type: 'string', enum: ['static', 'dynamic'], default: 'static' } } },
  },
];

describe('specFromDraft', () => {
  it('builds the spec the gateway takes, with only changed params and set constraints', () => {
    const draft = emptyDraft('raspberry-pi-4');
    const prune = newStage(plugins, 'prune-channels');
    draft.stages = [{ ...prune, values: { ratio: '0.5' } }, newStage(plugins, 'quantize-int8')];
    draft.constraints.maxSizeBytes = '400000';
    draft.calibrationDatasetId = 'c1';
    expect(specFromDraft(draft, plugins)).toEqual({
      ok: true,
      spec: {
        targetId: 'raspberry-pi-4',
        stages: [
          { plugin: 'prune-channels', versionRange: '*', params: { ratio: 0.5 } },
          { plugin: 'quantize-int8', versionRange: '*', params: {} },
        ],
        constraints: { maxSizeBytes: 400000 },
        calibrationDatasetId: 'c1',
        evaluationDatasetId: null,
      },
    });
  });

  it('collects every problem: no target, a bad param, a bad constraint, a bad range', () => {
    const draft = emptyDraft('');
    const stage = { ...newStage(plugins, 'prune-channels'), versionRange: 'not a range!' };
    draft.stages = [{ ...stage, values: { ratio: '2' } }];
    draft.constraints.maxSizeBytes = '1.5';
    const result = specFromDraft(draft, plugins);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.targetId).toBe('Choose the hardware target to compress for.');
    expect(result.errors.params[stage.key]).toEqual({ ratio: 'Must be at most 0.95' });
    expect(result.errors.stage[stage.key]).toMatch(/semver range/);
    expect(result.errors.constraints.maxSizeBytes).toBe('Enter a whole number, 0 or more.');
    expect(countErrors(result.errors)).toBe(4);
    expect(specFromDraft(emptyDraft('x'), plugins)).toMatchObject({ ok: false, errors: { stages: 'Add at least one stage.' } });
  });
});

describe('errorsFromGateway', () => {
  const draft = { ...emptyDraft('raspberry-pi-4'), stages: [newStage(plugins, 'prune-channels'), newStage(plugins, 'quantize-int8')] };

  it('puts parameter issues on the stage and parameter they name', () => {
    const error = new GatewayError('BAD_USER_INPUT', 'Invalid params', { field: 'input.spec.stages[1].params', issues: [{ path: 'mode', message: 'must be equal to one of the allowed values' }] });
    expect(errorsFromGateway(error, draft)?.params).toEqual({ [draft.stages[1].key]: { mode: 'must be equal to one of the allowed values' } });
  });

  it('puts stage, constraint and dataset errors where they belong', () => {
    const stage = errorsFromGateway(new GatewayError('BAD_USER_INPUT', 'No published version', { field: 'input.spec.stages[0].versionRange' }), draft);
    expect(stage?.stage).toEqual({ [draft.stages[0].key]: 'No published version' });
    expect(errorsFromGateway(new GatewayError('BAD_USER_INPUT', 'bad', { field: 'input.spec.constraints.maxFidelityDrop' }), draft)?.constraints).toEqual({ maxFidelityDrop: 'bad' });
    expect(errorsFromGateway(new GatewayError('BAD_USER_INPUT', 'wrong purpose', { field: 'input.spec.evaluationDatasetId' }), draft)?.evaluationDatasetId).toBe('wrong purpose');
    expect(errorsFromGateway(new GatewayError('NOT_FOUND', 'no model'), draft)).toBeNull();
  });
});

describe('draftFromSpec and moveStage', () => {
  it('round-trips a saved pipeline', () => {
    const draft = draftFromSpec(
      { targetId: 't', stages: [{ plugin: 'prune-channels', versionRange: '^0.1.0', params: { ratio: 0.4 } }], constraints: { maxAccuracyDrop: 0.01, maxSizeBytes: null }, calibrationDatasetId: null, evaluationDatasetId: 'e' },
      plugins,
    );
    expect(draft.stages[0]).toMatchObject({ plugin: 'prune-channels', versionRange: '^0.1.0', values: { ratio: '0.4' } });
    expect(draft.constraints).toEqual({ maxSizeBytes: '', maxAccuracyDrop: '0.01', maxFidelityDrop: '', maxEstimatedLatencyMs: '' });
    expect(specFromDraft(draft, plugins)).toMatchObject({ ok: true, spec: { stages: [{ params: { ratio: 0.4 }, versionRange: '^0.1.0' }], constraints: { maxAccuracyDrop: 0.01 }, evaluationDatasetId: 'e' } });
  });

  it('moves a stage within bounds only', () => {
    const stages = [newStage(plugins, 'prune-channels'), newStage(plugins, 'quantize-int8')];
    expect(moveStage(stages, 1, -1).map((s) => s.plugin)).toEqual(['quantize-int8', 'prune-channels']);
    expect(moveStage(stages, 0, -1).map((s) => s.plugin)).toEqual(['prune-channels', 'quantize-int8']);
  });
});
