'use client';
import { useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useState, type FormEvent } from 'react';
import { SelectField } from '../../components/form-fields';
import { ParamsForm } from '../../components/params-form';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { CreateTargetDocument, TargetDefinitionDocument, TargetDefinitionsDocument, UpdateTargetDocument } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import type { GatewayError } from '../../lib/gateway-error';
import type { FormValues, ParamField } from '../../lib/json-schema-form';
import type { TeamSession } from '../../lib/session-store';
import { definitionFromValues, placeIssues, targetFields, valuesFromDefinition } from '../../lib/target-definition-form';

interface EditorProps {
  schema: Record<string, unknown>;
  definition: Record<string, unknown>;
  mode: 'create' | 'edit';
}

function Editor({ schema, definition, mode }: EditorProps) {
  const router = useRouter();
  const kind = String(definition.kind ?? '');
  const fields = useMemo(() => targetFields(schema, kind), [schema, kind]);
  const [values, setValues] = useState<FormValues>(() => valuesFromDefinition(fields, definition));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const create = useMutation(CreateTargetDocument);
  const updateTarget = useMutation(UpdateTargetDocument);
  const mutation = mode === 'create' ? create : updateTarget;
  const server = serverErrors(mutation.error, fields);
  const errors = { ...server.errors, ...localErrors };

  async function submit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    const result = definitionFromValues(fields, values);
    if (!result.ok) {
      setLocalErrors(result.errors);
      return;
    }
    setLocalErrors({});
    const saved =
      mode === 'create'
        ? (await create.run({ definition: result.definition }))?.createTarget
        : (await updateTarget.run({ id: String(definition.id), definition: result.definition }))?.updateTarget;
    if (saved) router.push(`/targets/${saved.id}`);
  }

  if (fields.length === 0) {
    return (
      <EmptyState title={`The gateway has no form for ${kind || 'this'} targets`}>
        <p>Its target definition schema has no branch for this kind; update the gateway or start from another target.</p>
      </EmptyState>
    );
  }
  const errorCount = Object.keys(errors).length + server.unplaced.length;
  return (
    <form className="form" onSubmit={submit} noValidate aria-describedby="editor-help">
      <p id="editor-help" className="muted">
        Kind: <strong>{kind.toUpperCase()}</strong>. Fields marked * are required; every figure needs a source. The gateway checks the whole definition and names each
        field it refuses.
      </p>
      {errorCount > 0 && (
        <p className="form-error" role="alert">
          {errorCount} field{errorCount === 1 ? ' needs' : 's need'} attention: see the messages below.
        </p>
      )}
      <FormError error={server.errors && Object.keys(server.errors).length > 0 ? null : mutation.error} unplaced={server.unplaced} />
      <ParamsForm fields={fields} values={values} errors={errors} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} readOnly={mode === 'edit' ? ['id'] : []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={mutation.pending}>
          {mutation.pending ? 'Saving…' : mode === 'create' ? 'Create target' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

function serverErrors(error: GatewayError | null, fields: readonly ParamField[]): { errors: Record<string, string>; unplaced: string[] } {
  if (!error) return { errors: {}, unplaced: [] };
  if (error.issues.length > 0) return placeIssues(fields, error.issues);
  if (error.field === 'definition.id' || error.code === 'CONFLICT') return { errors: { id: error.message }, unplaced: [] };
  return { errors: {}, unplaced: [] };
}

function CreateTarget() {
  const params = useSearchParams();
  const router = useRouter();
  const from = params.get('from') ?? 'raspberry-pi-4';
  const { data, error, reload } = useQuery(TargetDefinitionsDocument, {});
  const templates = data?.targets.nodes ?? [];
  const template = templates.find((target) => target.id === from) ?? templates[0];
  const definition = useMemo(
    () => (template ? { ...template.definition, id: template.builtin ? `my-${template.id}` : `${template.id}-copy`, name: `${template.name} (team copy)` } : null),
    [template],
  );
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (!data || !definition) return <Loading what="target templates" />;
  return (
    <>
      <SelectField
        label="Start from"
        value={template?.id ?? ''}
        onChange={(id) => router.replace(`/targets/new?from=${encodeURIComponent(id)}`)}
        options={templates.map((target) => ({ value: target.id, label: `${target.name} (${target.kind.toLowerCase()})` }))}
        help="The new target starts as a copy of this one, with its kind: change what differs on your hardware."
      />
      <Editor key={template?.id} schema={data.targetDefinitionSchema} definition={definition} mode="create" />
    </>
  );
}

function EditTarget({ id }: { id: string }) {
  const { data, error, reload } = useQuery(TargetDefinitionDocument, { id });
  if (error) return <ErrorState error={error} onRetry={reload} context={`Target ${id}`} />;
  if (!data) return <Loading what={`target ${id}`} />;
  if (data.target.builtin) {
    return (
      <EmptyState title="Catalog targets are read-only">
        <p>Copy it as a team target and edit the copy.</p>
      </EmptyState>
    );
  }
  return <Editor schema={data.targetDefinitionSchema} definition={data.target.definition} mode="edit" />;
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
