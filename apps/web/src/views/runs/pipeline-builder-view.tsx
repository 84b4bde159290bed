'use client';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { BuilderOptionsDocument, CreateRunDocument, PipelineDocument, SavePipelineDocument, UpdatePipelineDocument, type BuilderOptionsQuery } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { formatBytes } from '../../lib/format';
import type { GatewayError } from '../../lib/gateway-error';
import {
  CONSTRAINTS,
  countErrors,
  draftFromSpec,
  emptyDraft,
  emptyErrors,
  errorsFromGateway,
  moveStage,
  newStage,
  specFromDraft,
  type DraftErrors,
  type PipelineDraft,
  type PluginOption,
} from '../../lib/pipeline-draft';
import type { TeamSession } from '../../lib/session-store';
import { StageEditor } from './stage-editor';

type Options = BuilderOptionsQuery;

interface Loaded {
  pipeline: { id: string; name: string } | null;
  draft: PipelineDraft;
}

function Builder({ options, loaded, initialModelId, session }: { options: Options; loaded: Loaded; initialModelId: string; session: TeamSession }) {
  const router = useRouter();
  const plugins: PluginOption[] = useMemo(
    () => options.plugins.nodes.map((plugin) => ({ name: plugin.name, version: plugin.latestVersion?.version ?? null, paramsSchema: plugin.latestVersion?.paramsSchema ?? null })),
    [options],
  );
  const [draft, setDraft] = useState<PipelineDraft>(loaded.draft);
  const [modelId, setModelId] = useState(initialModelId);
  const [modelError, setModelError] = useState<string | null>(null);
  const [pipelineName, setPipelineName] = useState(loaded.pipeline?.name ?? '');
  const [savedAs, setSavedAs] = useState<{ id: string; name: string } | null>(loaded.pipeline);
  const [nameError, setNameError] = useState<string | null>(null);
  const [addPlugin, setAddPlugin] = useState(plugins.find((plugin) => plugin.version)?.name ?? '');
  const [errors, setErrors] = useState<DraftErrors>(emptyErrors());
  const [failure, setFailure] = useState<GatewayError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const focusAfterRender = useRef<string | null>(null);
  const createRun = useMutation(CreateRunDocument);
  const savePipeline = useMutation(SavePipelineDocument);
  const updatePipeline = useMutation(UpdatePipelineDocument);
  const pending = createRun.pending || savePipeline.pending || updatePipeline.pending;

  useEffect(() => {
    if (focusAfterRender.current) document.getElementById(focusAfterRender.current)?.focus();
    focusAfterRender.current = null;
  });

  const calibration = options.datasets.nodes.filter((dataset) => dataset.purpose === 'CALIBRATION');
  const evaluation = options.datasets.nodes.filter((dataset) => dataset.purpose === 'EVALUATION');

  function handleGatewayError(error: GatewayError | null) {
    if (!error) return;
    const placed = errorsFromGateway(error, draft, plugins);
    if (placed) {
      setErrors(placed);
      setFailure(error);
    } else if (error.code === 'NOT_FOUND' && /model/i.test(error.message)) {
      setModelError(error.message);
    } else {
      setFailure(error);
    }
  }

  function validated(requireModel: boolean) {
    setFailure(null);
    setNotice(null);
    setModelError(requireModel && !modelId ? 'Choose the model to compress.' : null);
    const result = specFromDraft(draft, plugins);
    setErrors(result.ok ? emptyErrors() : result.errors);
    if (!result.ok || (requireModel && !modelId)) return null;
    return result.spec;
  }

  async function startRun(event: FormEvent) {
    event.preventDefault();
    const spec = validated(true);
    if (!spec) return;
    const result = await createRun.run({ input: { modelId, spec } });
    if (result) router.push(`/runs/${result.createRun.id}`);
  }

  async function save(asNew: boolean) {
    const spec = validated(false);
    if (!pipelineName.trim()) setNameError('Enter a name to save the pipeline under.');
    else setNameError(null);
    if (!spec || !pipelineName.trim()) return;
    if (savedAs && !asNew) {
      const result = await updatePipeline.run({ id: savedAs.id, input: { name: pipelineName.trim(), spec } });
      if (result) setNotice(`Saved the pipeline ${result.updatePipeline.name}.`);
    } else {
      const result = await savePipeline.run({ input: { name: pipelineName.trim(), spec } });
      if (result) {
        // Later saves update this pipeline (the form stays as it is).
        setSavedAs(result.savePipeline);
        setNotice(`Saved the pipeline ${result.savePipeline.name}.`);
      }
    }
  }

  useEffect(() => handleGatewayError(createRun.error ?? savePipeline.error ?? updatePipeline.error), [createRun.error, savePipeline.error, updatePipeline.error]); // eslint-disable-line react-hooks/exhaustive-deps

  const total = countErrors(errors) + (modelError ? 1 : 0) + (nameError ? 1 : 0);
  const canRun = session.permissions.includes('RUN');
  return (
    <form className="form" onSubmit={startRun} noValidate aria-label="Pipeline builder">
      {notice && (
        <p className="notice ok" role="status">
          {notice}
        </p>
      )}
      {total > 0 && (
        <p className="form-error" role="alert">
          {total} field{total === 1 ? ' needs' : 's need'} attention: see the messages below.
        </p>
      )}
      <FormError error={failure && countErrors(errors) === 0 && !modelError ? failure : null} />
      <section className="panel" aria-labelledby="what">
        <h2 id="what" className="card-title">
          Model and target
        </h2>
        <div className="form-grid">
          <SelectField
            label="Model"
            value={modelId}
            onChange={setModelId}
            error={modelError}
            options={[{ value: '', label: options.models.nodes.length ? 'Choose a model' : 'No models: upload one first' }, ...options.models.nodes.map((model) => ({ value: model.id, label: `${model.name} (${formatBytes(model.sizeBytes)})` }))]}
            help={
              <>
                Not needed to save a pipeline. <Link href="/models/new">Upload a model</Link>
              </>
            }
          />
          <SelectField
            label="Target"
            required
            value={draft.targetId}
            onChange={(targetId) => setDraft({ ...draft, targetId })}
            error={errors.targetId}
            options={[{ value: '', label: 'Choose a target' }, ...options.targets.nodes.map((target) => ({ value: target.id, label: `${target.name} (${target.kind.toLowerCase()}${target.builtin ? '' : ', team'})` }))]}
            help={
              <>
                Stages honour its requirements. <Link href="/targets">Compare targets</Link>
              </>
            }
          />
        </div>
      </section>

      <section aria-labelledby="stages">
        <h2 id="stages">Stages</h2>
        <p className="muted">Stages run in order; each one is checked with ONNX Runtime and measured before the next starts.</p>
        {errors.stages && (
          <p className="form-error" role="alert">
            {errors.stages}
          </p>
        )}
        {draft.stages.length === 0 ? (
          <p className="state">No stages yet: add the first one below (for example prune-channels, then quantize-int8).</p>
        ) : (
          <ol className="stage-list">
            {draft.stages.map((stage, index) => (
              <StageEditor
                key={stage.key}
                stage={stage}
                index={index}
                count={draft.stages.length}
                plugins={plugins}
                stageError={errors.stage[stage.key]}
                paramErrors={errors.params[stage.key] ?? {}}
                onChange={(changed) => setDraft({ ...draft, stages: draft.stages.map((s) => (s.key === changed.key ? changed : s)) })}
                onMove={(offset) => {
                  const moved = moveStage(draft.stages, index, offset);
                  // Keep focus on the moved stage: on the same button unless it just became disabled.
                  const newIndex = index + offset;
                  const atEdge = newIndex === 0 || newIndex === moved.length - 1;
                  focusAfterRender.current = `${stage.key}-${(offset < 0) !== atEdge ? 'up' : 'down'}`;
                  setDraft({ ...draft, stages: moved });
                }}
                onRemove={() => {
                  focusAfterRender.current = 'add-stage-button';
                  setDraft({ ...draft, stages: draft.stages.filter((s) => s.key !== stage.key) });
                }}
              />
            ))}
          </ol>
        )}
        <div className="form-grid">
          <SelectField
            label="Plugin for a new stage"
            value={addPlugin}
            onChange={setAddPlugin}
            options={plugins.filter((plugin) => plugin.version).map((plugin) => ({ value: plugin.name, label: `${plugin.name} ${plugin.version}` }))}
          />
        </div>
        <div className="actions">
          <button
            type="button"
            id="add-stage-button"
            disabled={!addPlugin}
            onClick={() => {
              const stage = newStage(plugins, addPlugin);
              focusAfterRender.current = `${stage.key}-title`;
              setDraft({ ...draft, stages: [...draft.stages, stage] });
            }}
          >
            Add stage
          </button>
        </div>
      </section>

      <section className="panel" aria-labelledby="data">
        <h2 id="data" className="card-title">
          Data
        </h2>
        <div className="form-grid">
          <SelectField
            label="Calibration dataset"
            value={draft.calibrationDatasetId}
            onChange={(calibrationDatasetId) => setDraft({ ...draft, calibrationDatasetId })}
            error={errors.calibrationDatasetId}
            options={[{ value: '', label: 'None (synthetic inputs)' }, ...calibration.map((dataset) => ({ value: dataset.id, label: `${dataset.name} (${dataset.sampleCount} samples)` }))]}
            help="Activations for calibration and channel importance."
          />
          <SelectField
            label="Evaluation dataset"
            value={draft.evaluationDatasetId}
            onChange={(evaluationDatasetId) => setDraft({ ...draft, evaluationDatasetId })}
            error={errors.evaluationDatasetId}
            options={[{ value: '', label: 'None (fidelity only)' }, ...evaluation.map((dataset) => ({ value: dataset.id, label: `${dataset.name} (${dataset.sampleCount} samples)` }))]}
            help={
              <>
                Labelled data for task accuracy. <Link href="/datasets">Manage datasets</Link>
              </>
            }
          />
        </div>
      </section>

      <section className="panel" aria-labelledby="constraints">
        <h2 id="constraints" className="card-title">
          Constraints
        </h2>
        <p className="muted">Optional limits the final model must meet; a run that misses one is reported as such.</p>
        <div className="form-grid">
          {CONSTRAINTS.map((constraint) => (
            <TextField
              key={constraint.name}
              label={constraint.label}
              inputMode={constraint.integer ? 'numeric' : 'decimal'}
              value={draft.constraints[constraint.name]}
              onChange={(value) => setDraft({ ...draft, constraints: { ...draft.constraints, [constraint.name]: value } })}
              error={errors.constraints[constraint.name]}
              help={constraint.help}
            />
          ))}
        </div>
      </section>

      <section className="panel" aria-labelledby="go">
        <h2 id="go" className="card-title">
          Run or save
        </h2>
        <div className="form-grid">
          <TextField label="Pipeline name" value={pipelineName} onChange={setPipelineName} error={nameError} help="To save this target and stages for reuse on other models." />
        </div>
        <div className="actions">
          {canRun && (
            <button type="submit" className="primary" disabled={pending}>
              {createRun.pending ? 'Starting…' : 'Start run'}
            </button>
          )}
          {session.permissions.includes('MANAGE_PIPELINES') && (
            <>
              <button type="button" disabled={pending} onClick={() => save(false)}>
                {savedAs ? 'Update saved pipeline' : 'Save pipeline'}
              </button>
              {savedAs && (
                <button type="button" disabled={pending} onClick={() => save(true)}>
                  Save as a new pipeline
                </button>
              )}
            </>
          )}
        </div>
        {!canRun && <p className="muted">Your token may not start runs (role {session.role.toLowerCase()}).</p>}
      </section>
    </form>
  );
}

function BuilderLoader({ session }: { session: TeamSession }) {
  const params = useSearchParams();
  const pipelineId = params.get('pipeline');
  const options = useQuery(BuilderOptionsDocument, {});
  const saved = useQuery(PipelineDocument, { id: pipelineId ?? '' }, { skip: !pipelineId });
  const loaded = useMemo<Loaded | null>(() => {
    if (!options.data) return null;
    const plugins = options.data.plugins.nodes.map((plugin) => ({ name: plugin.name, version: plugin.latestVersion?.version ?? null, paramsSchema: plugin.latestVersion?.paramsSchema ?? null }));
    if (pipelineId) {
      if (!saved.data) return null;
      const { pipeline } = saved.data;
      return { pipeline: { id: pipeline.id, name: pipeline.name }, draft: draftFromSpec(pipeline.spec, plugins) };
    }
    const draft = emptyDraft(params.get('target') ?? '');
    const stage = params.get('stage');
    if (stage && plugins.some((plugin) => plugin.name === stage)) draft.stages = [newStage(plugins, stage)];
    return { pipeline: null, draft };
  }, [options.data, saved.data, pipelineId, params]);

  const error = options.error ?? saved.error;
  if (error) return <ErrorState error={error} onRetry={() => (options.error ? options.reload() : saved.reload())} />;
  if (!loaded || !options.data) return <Loading what="models, targets and plugins" />;
  if (options.data.plugins.nodes.length === 0) {
    return (
      <EmptyState title="No plugins are available">
        <p>npm start publishes the built-in plugins; check that the platform was seeded.</p>
      </EmptyState>
    );
  }
  return <Builder key={loaded.pipeline?.id ?? 'new'} options={options.data} loaded={loaded} initialModelId={params.get('model') ?? ''} session={session} />;
}

export function PipelineBuilderView() {
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/runs', label: 'Runs' }]}
        title="Build a pipeline"
        description="Pick a model and a target, add compression stages with their parameters, then start a run and watch it live, or save the pipeline for later."
      />
      <RequireSession>{(session) => <BuilderLoader session={session} />}</RequireSession>
    </>
  );
}
