'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { CreateTargetDocument, TargetDefinitionDocument, TargetDefinitionsDocument, UpdateTargetDocument } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { formatBytes, formatSi } from '../../lib/format';
import type { GatewayError } from '../../lib/gateway-error';
import type { TeamSession } from '../../lib/session-store';
import { DEFINITION_PRECISIONS, definitionFromForm, formFromDefinition, placeIssues, type TargetForm, type TargetFormErrors } from '../../lib/target-form';

function echo(value: string, format: (n: number) => string): string | undefined {
  const n = Number(value.replace(/[_\s]/g, ''));
  return value.trim() && Number.isFinite(n) ? `= ${format(n)}` : undefined;
}

function serverErrors(error: GatewayError | null): { fields: TargetFormErrors; unplaced: string[] } {
  if (!error) return { fields: {}, unplaced: [] };
  if (error.issues.length > 0) return { fields: placeIssues(error.issues), unplaced: [] };
  if (error.field === 'definition.id' || error.code === 'CONFLICT') return { fields: { id: error.message }, unplaced: [] };
  return { fields: {}, unplaced: error.code === 'BAD_USER_INPUT' ? [error.message] : [] };
}

function PrecisionFields({ form, errors, update }: { form: TargetForm; errors: TargetFormErrors; update(patch: Partial<TargetForm>): void }) {
  const legendId = useId();
  return (
    <fieldset aria-describedby={errors.precisions ? `${legendId}-error` : undefined}>
      <legend>Accelerated precisions and their peaks</legend>
      <div className="checkbox-row">
        {DEFINITION_PRECISIONS.map((precision) => (
          <label key={precision}>
            <input
              type="checkbox"
              checked={form.precisions.includes(precision)}
              onChange={(event) =>
                update({ precisions: event.target.checked ? [...form.precisions, precision] : form.precisions.filter((p) => p !== precision) })
              }
            />
            {precision}
          </label>
        ))}
      </div>
      {errors.precisions && (
        <p className="error" id={`${legendId}-error`}>
          {errors.precisions}
        </p>
      )}
      <div className="form-grid">
        {form.precisions.map((precision) => (
          <TextField
            key={precision}
            label={`Peak MAC/s at ${precision}`}
            inputMode="decimal"
            value={form.peaks[precision] ?? ''}
            onChange={(value) => update({ peaks: { ...form.peaks, [precision]: value } })}
            error={errors[`peak.${precision}`]}
            help={echo(form.peaks[precision] ?? '', (n) => formatSi(n, 'MAC/s'))}
          />
        ))}
      </div>
    </fieldset>
  );
}

function Editor({ initial, mode, targetId }: { initial: TargetForm; mode: 'create' | 'edit'; targetId?: string }) {
  const router = useRouter();
  const [form, setForm] = useState(initial);
  const [localErrors, setLocalErrors] = useState<TargetFormErrors>({});
  const create = useMutation(CreateTargetDocument);
  const updateTarget = useMutation(UpdateTargetDocument);
  const mutation = mode === 'create' ? create : updateTarget;
  const server = serverErrors(mutation.error);
  const errors = { ...server.fields, ...localErrors };
  const update = (patch: Partial<TargetForm>) => setForm((previous) => ({ ...previous, ...patch }));

  useEffect(() => setForm(initial), [initial]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    const result = definitionFromForm(form);
    if (!result.ok) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    const saved =
      mode === 'create'
        ? (await create.run({ definition: result.definition }))?.createTarget
        : (await updateTarget.run({ id: targetId ?? form.id, definition: result.definition }))?.updateTarget;
    if (saved) router.push(`/targets/${saved.id}`);
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="editor-help">
      <p id="editor-help" className="muted">
        Kind: <strong>{form.kind.toUpperCase()}</strong>. Fields marked * are required; every figure needs a source. The gateway checks the whole definition and names each
        field it refuses.
      </p>
      {errorCount > 0 && (
        <p className="form-error" role="alert">
          {errorCount} field{errorCount === 1 ? ' needs' : 's need'} attention.
        </p>
      )}
      <FormError error={mutation.error} unplaced={server.unplaced} />
      <div className="form-grid">
        <TextField
          label="Id"
          required
          value={form.id}
          onChange={(id) => update({ id })}
          readOnly={mode === 'edit'}
          error={errors.id}
          help={mode === 'edit' ? 'A target keeps its id: runs and pipelines refer to it.' : 'kebab-case, e.g. my-board-v2; not a catalog id'}
        />
        <TextField label="Name" required value={form.name} onChange={(name) => update({ name })} error={errors.name} />
        <TextField label="Vendor" required value={form.vendor} onChange={(vendor) => update({ vendor })} error={errors.vendor} />
      </div>
      <TextAreaField label="Description" required rows={2} value={form.description} onChange={(description) => update({ description })} error={errors.description} />
      <PrecisionFields form={form} errors={errors} update={update} />
      <div className="form-grid">
        <TextField
          label="Working memory (bytes)"
          required
          inputMode="numeric"
          value={form.ramBytes}
          onChange={(ramBytes) => update({ ramBytes })}
          error={errors.ramBytes}
          help={echo(form.ramBytes, formatBytes)}
        />
        <TextField
          label="Memory bandwidth (bytes/s)"
          required
          inputMode="decimal"
          value={form.bandwidthBytesPerSecond}
          onChange={(bandwidthBytesPerSecond) => update({ bandwidthBytesPerSecond })}
          error={errors.bandwidthBytesPerSecond}
          help={echo(form.bandwidthBytesPerSecond, (n) => formatSi(n, 'B/s'))}
        />
        <TextField label="Active power (W)" required inputMode="decimal" value={form.activeWatts} onChange={(activeWatts) => update({ activeWatts })} error={errors.activeWatts} />
        <TextField label="Idle power (W)" required inputMode="decimal" value={form.idleWatts} onChange={(idleWatts) => update({ idleWatts })} error={errors.idleWatts} />
      </div>
      <TextAreaField
        label="Sources"
        required
        rows={3}
        value={form.sources}
        onChange={(sources) => update({ sources })}
        error={errors.sources}
        help="One per line: title | https://link (spec sheet, manual)."
      />
      <TextAreaField
        label={`Other ${form.kind.toUpperCase()} fields (JSON)`}
        rows={12}
        value={form.rest}
        onChange={(rest) => update({ rest })}
        error={errors.rest}
        help="Kind-specific fields (e.g. cores, clockHz, isaFeatures for a CPU), sparsity, fallback, quantization, runtime notes."
      />
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.pending}>
          {mutation.pending ? 'Saving…' : mode === 'create' ? 'Create target' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function CreateTarget() {
  const params = useSearchParams();
  const router = useRouter();
  const from = params.get('from') ?? 'raspberry-pi-4';
  const { data, error, reload } = useQuery(TargetDefinitionsDocument, {});
  const [initial, setInitial] = useState<TargetForm | null>(null);
  const templates = data?.targets.nodes ?? [];
  const template = templates.find((target) => target.id === from) ?? templates[0];

  useEffect(() => {
    if (!template) return;
    const form = formFromDefinition(template.definition);
    setInitial({ ...form, id: template.builtin ? `my-${template.id}` : `${template.id}-copy`, name: `${form.name} (team copy)` });
  }, [template]);

  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data || !initial) return <Loading what="target templates" />;
  return (
    <>
      <SelectField
        label="Start from"
        value={template?.id ?? ''}
        onChange={(id) => router.replace(`/targets/new?from=${encodeURIComponent(id)}`)}
        options={templates.map((target) => ({ value: target.id, label: `${target.name} (${target.kind.toLowerCase()})` }))}
        help="The new target starts as a copy of this one: change what differs on your hardware."
      />
      <Editor initial={initial} mode="create" />
    </>
  );
}

function EditTarget({ id }: { id: string }) {
  const { data, error, reload } = useQuery(TargetDefinitionDocument, { id });
  const [initial, setInitial] = useState<TargetForm | null>(null);
  useEffect(() => {
    if (data) setInitial(formFromDefinition(data.target.definition));
  }, [data]);
  if (error) return <ErrorState error={error} onRetry={reload} context={`Target ${id}`} />;
  if (!data || !initial) return <Loading what={`target ${id}`} />;
  if (data.target.builtin) {
    return (
      <EmptyState title="Catalog targets are read-only">
        <p>Copy it as a team target and edit the copy.</p>
      </EmptyState>
    );
  }
  return <Editor initial={initial} mode="edit" targetId={id} />;
}

function requireManage(session: TeamSession, content: React.ReactNode) {
  if (session.permissions.includes('MANAGE_TARGETS')) return content;
  return (
    <EmptyState title="Your token may not manage targets">
      <p>Targets are managed by admins and owners. Sign in with an admin token of {session.teamName} to define or edit targets.</p>
    </EmptyState>
  );
}

export function TargetEditorView({ id }: { id?: string }) {
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/targets', label: 'Targets' }, ...(id ? [{ href: `/targets/${id}`, label: id }] : [])]}
        title={id ? `Edit ${id}` : 'Define a team target'}
        description="A team target describes hardware the catalog lacks: its compute, memory, power and what its runtime can run. Compatibility checks and estimates use it like any catalog target."
      />
      <RequireSession>{(session) => requireManage(session, id ? <EditTarget id={id} /> : <CreateTarget />)}</RequireSession>
    </>
  );
}
