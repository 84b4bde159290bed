'use client';
import { useId, useState, type FormEvent } from 'react';
import { Tag } from '../../components/badges';
import { SelectField, TextAreaField, TextField } from '../../components/form-fields';
import { PageHeader } from '../../components/page-header';
import { RequireSession } from '../../components/require-session';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { TableScroll } from '../../components/table-scroll';
import { DatasetsDocument, DeleteDatasetDocument, RegisterDatasetDocument, type DatasetFormat, type DatasetPurpose } from '../../gen/graphql';
import { useMutation, useQuery } from '../../hooks/use-graphql';
import { uploadBlob } from '../../lib/blob-upload';
import { formatBytes, formatDate, formatPercent } from '../../lib/format';
import { GatewayError, toGatewayError } from '../../lib/gateway-error';
import type { TeamSession } from '../../lib/session-store';

const FORMATS: { value: DatasetFormat; label: string; help: string }[] = [
  { value: 'JSONL', label: 'JSON lines', help: 'One sample per line: an object of input name → nested number arrays, with an optional "label".' },
  { value: 'NPY_FOLDER', label: '.npy folder (archive)', help: 'NumPy tensors, one file per sample, with an optional labels.jsonl.' },
  { value: 'ONNX_TENSORS', label: 'ONNX tensors', help: 'Serialized TensorProto samples.' },
  { value: 'MNIST_BUILTIN', label: 'Built-in MNIST', help: 'The 10,000 labelled MNIST test digits that ship with Edgepress: no upload.' },
];

function RegisterForm({ session, onDone }: { session: TeamSession; onDone(): void }) {
  const fileId = useId();
  const register = useMutation(RegisterDatasetDocument);
  const [format, setFormat] = useState<DatasetFormat>('MNIST_BUILTIN');
  const [purpose, setPurpose] = useState<DatasetPurpose>('EVALUATION');
  const [name, setName] = useState('');
  const [sampleCount, setSampleCount] = useState('10000');
  const [inputNames, setInputNames] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<GatewayError | null>(null);
  const needsFile = format !== 'MNIST_BUILTIN';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Enter a name.';
    const count = Number(sampleCount);
    if (!Number.isInteger(count) || count < 1) found.sampleCount = 'Enter a whole number of samples, 1 or more.';
    if (needsFile && !file) found.file = 'Choose the data file to upload.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      let blob: { sha256: string; uploadReceipt: string } | null = null;
      if (needsFile && file) {
        setProgress(0);
        blob = await uploadBlob(file, { token: session.token, onProgress: (loaded, total) => setProgress(total ? loaded / total : 0) });
      }
      const names = inputNames.split(/[\n,]/).map((value) => value.trim()).filter(Boolean);
      const result = await register.run({
        input: { name: name.trim(), purpose, format, sampleCount: count, inputNames: names.length ? names : null, blobSha256: blob?.sha256 ?? null, uploadReceipt: blob?.uploadReceipt ?? null },
      });
      if (result) {
        setName('');
        setFile(null);
        onDone();
      }
    } catch (caught) {
      setFailure(toGatewayError(caught));
    } finally {
      setProgress(null);
    }
  }

  const serverField = register.error?.field;
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="register-dataset">
      <h2 id="register-dataset" className="card-title">
        Register a dataset
      </h2>
      <div className="form-grid">
        <SelectField label="Format" value={format} onChange={(value) => setFormat(value as DatasetFormat)} options={FORMATS.map((f) => ({ value: f.value, label: f.label }))} help={FORMATS.find((f) => f.value === format)?.help} />
        <SelectField
          label="Purpose"
          value={purpose}
          onChange={(value) => setPurpose(value as DatasetPurpose)}
          options={[
            { value: 'CALIBRATION', label: 'Calibration (inputs for quantization and pruning)' },
            { value: 'EVALUATION', label: 'Evaluation (labelled, for task accuracy)' },
          ]}
        />
        <TextField label="Name" required value={name} onChange={setName} error={errors.name ?? (register.error?.code === 'CONFLICT' ? register.error.message : undefined)} />
        <TextField label="Samples" required inputMode="numeric" value={sampleCount} onChange={setSampleCount} error={errors.sampleCount ?? (serverField?.endsWith('sampleCount') ? register.error?.message : undefined)} />
      </div>
      <TextAreaField label="Model input names" rows={2} value={inputNames} onChange={setInputNames} help="The inputs the samples feed, comma or line separated (empty: the model's only input)." />
      {needsFile && (
        <div className="field">
          <label htmlFor={fileId}>
            Data file<span aria-hidden="true"> *</span>
          </label>
          <input id={fileId} type="file" aria-invalid={errors.file ? true : undefined} aria-describedby={errors.file ? `${fileId}-error` : undefined} onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          {file && <p className="help">{`${file.name}, ${formatBytes(file.size)}`}</p>}
          {errors.file && (
            <p className="error" id={`${fileId}-error`}>
              {errors.file}
            </p>
          )}
        </div>
      )}
      {progress !== null && (
        <p role="status">
          Uploading… {formatPercent(progress, 0)}
        </p>
      )}
      <FormError error={failure ?? (register.error && register.error.code !== 'CONFLICT' ? register.error : null)} />
      <div className="actions">
        <button type="submit" className="primary" disabled={register.pending || progress !== null}>
          Register dataset
        </button>
      </div>
    </form>
  );
}

function DatasetList({ session }: { session: TeamSession }) {
  const { data, error, reload } = useQuery(DatasetsDocument, { first: 100 });
  const remove = useMutation(DeleteDatasetDocument);
  return (
    <>
      {session.permissions.includes('UPLOAD') && <RegisterForm session={session} onDone={reload} />}
      <h2 id="team-datasets">Your team&apos;s datasets</h2>
      <FormError error={remove.error} />
      {error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : !data ? (
        <Loading what="datasets" />
      ) : data.datasets.nodes.length === 0 ? (
        <EmptyState title="No datasets yet">
          <p>Runs work without data (synthetic calibration, fidelity only); register a calibration set for better quantization and an evaluation set to measure task accuracy.</p>
        </EmptyState>
      ) : (
        <TableScroll label="Datasets">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Purpose</th>
                <th scope="col">Format</th>
                <th scope="col" className="num">
                  Samples
                </th>
                <th scope="col">Registered</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {data.datasets.nodes.map((dataset) => (
                <tr key={dataset.id}>
                  <td>
                    {dataset.name}
                    {dataset.inputNames.length > 0 && <div className="muted">inputs {dataset.inputNames.join(', ')}</div>}
                  </td>
                  <td>
                    <Tag tone={dataset.purpose === 'CALIBRATION' ? 'info' : 'ok'}>{dataset.purpose.toLowerCase()}</Tag>
                  </td>
                  <td>{FORMATS.find((f) => f.value === dataset.format)?.label ?? dataset.format}</td>
                  <td className="num">{dataset.sampleCount.toLocaleString('en-US')}</td>
                  <td>{formatDate(dataset.createdAt)}</td>
                  <td>
                    {session.permissions.includes('UPLOAD') && (
                      <button
                        type="button"
                        className="small danger"
                        onClick={async () => {
                          if (window.confirm(`Delete the dataset ${dataset.name}?`) && (await remove.run({ id: dataset.id }))) reload();
                        }}
                      >
                        Delete<span className="visually-hidden"> {dataset.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}

export function DatasetsView() {
  return (
    <>
      <PageHeader title="Datasets" description="Calibration data (inputs that stages observe) and evaluation data (labelled samples for task accuracy), chosen in the pipeline builder." />
      <RequireSession>{(session) => <DatasetList session={session} />}</RequireSession>
    </>
  );
}
