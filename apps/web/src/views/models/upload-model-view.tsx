'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, FormError } from '../../components/states';
import { RegisterModelDocument, type DimensionValue } from '../../gen/graphql';
import { uploadBlob } from '../../lib/blob-upload';
import { formatBytes, formatPercent } from '../../lib/format';
import { GatewayError, toGatewayError } from '../../lib/gateway-error';
import { executeGraphQL } from '../../lib/graphql-client';
import type { TeamSession } from '../../lib/session-store';

/** "batch = 1" lines -> dimension values; errors name the line. */
export function parseDimensions(text: string): { values: DimensionValue[]; error: string | null } {
  const values: DimensionValue[] = [];
  const lines = text.split('\n').map((line) => line.trim());
  for (let index = 0; index < lines.length; index += 1) {
    if (!lines[index]) continue;
    const match = /^([A-Za-z_][\w.:-]*)\s*=\s*(\d+)$/.exec(lines[index]);
    if (!match || Number(match[2]) < 1) return { values, error: `Line ${index + 1}: expected name = positive whole number (e.g. batch = 1)` };
    values.push({ name: match[1], value: Number(match[2]) });
  }
  return { values, error: null };
}

type Phase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'registering' };

function UploadForm({ session }: { session: TeamSession }) {
  const router = useRouter();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [dimensions, setDimensions] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<GatewayError | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);

  if (!session.permissions.includes('UPLOAD')) {
    return (
      <EmptyState title="Your token may not upload">
        <p>Viewers read only. Sign in with a member token of {session.teamName} to upload models.</p>
      </EmptyState>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const dims = parseDimensions(dimensions);
    const found: Record<string, string> = {};
    if (!file) found.file = 'Choose an .onnx file to upload.';
    if (!name.trim()) found.name = 'Enter a name for the model.';
    if (dims.error) found.dimensions = dims.error;
    setErrors(found);
    if (!file || Object.keys(found).length > 0) return;
    const controller = new AbortController();
    abort.current = controller;
    try {
      setPhase({ kind: 'uploading', loaded: 0, total: file.size });
      const blob = await uploadBlob(file, {
        token: session.token,
        signal: controller.signal,
        onProgress: (loaded, total) => setPhase({ kind: 'uploading', loaded, total }),
      });
      setPhase({ kind: 'registering' });
      const { registerModel } = await executeGraphQL(
        RegisterModelDocument,
        { input: { name: name.trim(), description: description.trim() || null, blobSha256: blob.sha256, uploadReceipt: blob.uploadReceipt, dimensions: dims.values.length ? dims.values : null } },
        { token: session.token },
      );
      router.push(`/models/${registerModel.id}`);
    } catch (caught) {
      const error = toGatewayError(caught);
      if (error.code === 'CONFLICT') setErrors({ name: `${error.message}: choose another name.` });
      else if (error.code === 'INVALID_MODEL') setErrors({ file: `The gateway could not read this file as an ONNX model: ${error.message}` });
      else if (error.code !== 'CANCELLED') setFailure(error);
      setPhase({ kind: 'idle' });
    } finally {
      abort.current = null;
    }
  }

  const busy = phase.kind !== 'idle';
  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={fileId}>
          ONNX model file<span aria-hidden="true"> *</span>
        </label>
        <input
          id={fileId}
          type="file"
          accept=".onnx,application/octet-stream"
          disabled={busy}
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={errors.file ? `${fileId}-error` : `${fileId}-help`}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            if (chosen && !name) setName(chosen.name.replace(/\.onnx$/i, ''));
          }}
        />
        <p className="help" id={`${fileId}-help`}>
          {file ? `${file.name}, ${formatBytes(file.size)}` : 'The bytes stream to the gateway, which hashes and summarizes them.'}
        </p>
        {errors.file && (
          <p className="error" id={`${fileId}-error`}>
            {errors.file}
          </p>
        )}
      </div>
      <TextField label="Name" required value={name} onChange={setName} error={errors.name} help="Unique in your team." />
      <TextAreaField label="Description" rows={2} value={description} onChange={setDescription} />
      <TextAreaField
        label="Symbolic dimension values"
        rows={2}
        value={dimensions}
        onChange={setDimensions}
        error={errors.dimensions}
        help="Optional, one per line: batch = 1. Lets the summary count MACs and activations of inputs with symbolic sizes."
      />
      <FormError error={failure} />
      {phase.kind === 'uploading' && (
        <div className="field" aria-live="polite">
          <label htmlFor={`${fileId}-progress`}>Uploading</label>
          <progress id={`${fileId}-progress`} className="progress" max={phase.total || 1} value={phase.loaded} />
          <p className="help">
            {formatBytes(phase.loaded)} of {formatBytes(phase.total)} ({formatPercent(phase.total ? phase.loaded / phase.total : 0, 0)})
          </p>
        </div>
      )}
      {phase.kind === 'registering' && (
        <p role="status" className="notice">
          Uploaded. The gateway is reading and summarizing the model…
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Uploading…' : 'Upload and register'}
        </button>
        {phase.kind === 'uploading' && (
          <button type="button" onClick={() => abort.current?.abort()}>
            Cancel upload
          </button>
        )}
      </div>
    </form>
  );
}

export function UploadModelView() {
  return (
    <>
      <PageHeader
        crumbs={[{ href: '/models', label: 'Models' }]}
        title="Upload a model"
        description="An ONNX model file (weights inside the file). The gateway checks it and summarizes operators, parameters and sizes."
      />
      <RequireSession>{(session) => <UploadForm session={session} />}</RequireSession>
    </>
  );
}
