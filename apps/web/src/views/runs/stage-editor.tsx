'use client';
import Link from 'next/link';
import { TextField } from '../../components/form-fields';
import { ParamsForm } from '../../components/params-form';
import type { FormValue } from '../../lib/json-schema-form';
import { fieldsOf, type PluginOption, type StageDraft } from '../../lib/pipeline-draft';

export interface StageEditorProps {
  stage: StageDraft;
  index: number;
  count: number;
  plugins: readonly PluginOption[];
  stageError?: string;
  paramErrors: Record<string, string>;
  onChange(stage: StageDraft): void;
  onMove(offset: -1 | 1): void;
  onRemove(): void;
}

/** One stage of the builder: its plugin, version range and parameter form, with move/remove. */
export function StageEditor({ stage, index, count, plugins, stageError, paramErrors, onChange, onMove, onRemove }: StageEditorProps) {
  const plugin = plugins.find((candidate) => candidate.name === stage.plugin);
  const label = `stage ${index + 1} (${stage.plugin})`;
  return (
    <li className="stage-card" aria-labelledby={`${stage.key}-title`}>
      <header>
        <h3 id={`${stage.key}-title`} tabIndex={-1}>
          {index + 1}. <Link href={`/plugins/${encodeURIComponent(stage.plugin)}`}>{stage.plugin}</Link>{' '}
          <span className="muted">{plugin?.version ? `latest ${plugin.version}` : 'unknown plugin'}</span>
        </h3>
        <div className="actions">
          <button type="button" id={`${stage.key}-up`} className="small" disabled={index === 0} onClick={() => onMove(-1)} aria-label={`Move ${label} up`}>
            ↑ Up
          </button>
          <button type="button" id={`${stage.key}-down`} className="small" disabled={index === count - 1} onClick={() => onMove(1)} aria-label={`Move ${label} down`}>
            ↓ Down
          </button>
          <button type="button" className="small danger" onClick={onRemove} aria-label={`Remove ${label}`}>
            Remove
          </button>
        </div>
      </header>
      {stageError && (
        <p className="form-error" role="alert">
          {stageError}
        </p>
      )}
      <div className="form-grid">
        <TextField
          label="Version range"
          value={stage.versionRange}
          onChange={(versionRange) => onChange({ ...stage, versionRange })}
          help="semver, e.g. ^1.2.0; * takes the latest version that is not yanked."
        />
      </div>
      <h4 className="visually-hidden">Parameters of {label}</h4>
      <ParamsForm
        fields={fieldsOf(plugins, stage.plugin)}
        values={stage.values}
        errors={paramErrors}
        onChange={(name: string, value: FormValue) => onChange({ ...stage, values: { ...stage.values, [name]: value } })}
      />
    </li>
  );
}
