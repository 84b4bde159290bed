'use client';
import { useId } from 'react';
import { constraintHint, type FormValues, type ParamField } from '../lib/json-schema-form';
import { CheckboxField, SelectField, TextAreaField, TextField } from './form-fields';

function Help({ field }: { field: ParamField }) {
  const hint = constraintHint(field);
  if (!field.description && !hint) return null;
  return (
    <>
      {field.description}
      {field.description && hint ? ' ' : ''}
      {hint && <span className="muted">{hint}</span>}
    </>
  );
}

function ChoiceGroup({ field, value, error, onChange }: { field: Extract<ParamField, { kind: 'multiselect' }>; value: string; error?: string; onChange(value: string): void }) {
  const id = useId();
  const chosen = new Set(value.split('\n').filter(Boolean));
  return (
    <fieldset className="field" aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}>
      <legend>{field.label}</legend>
      <div className="checkbox-row">
        {field.options.map((option) => (
          <label key={option.key}>
            <input
              type="checkbox"
              checked={chosen.has(option.key)}
              onChange={(event) => {
                const current = [...chosen];
                onChange((event.target.checked ? [...current, option.key] : current.filter((key) => key !== option.key)).join('\n'));
              }}
            />
            {option.label}
          </label>
        ))}
      </div>
      <p className="help" id={`${id}-help`}>
        <Help field={field} />
      </p>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Controls for a plugin's params: selects for enums, numbers with their range, checkboxes, lists, groups. */
export function ParamsForm({
  fields,
  values,
  errors,
  onChange,
  prefix = '',
  readOnly = [],
}: {
  fields: readonly ParamField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange(name: string, value: string | boolean): void;
  /** `group.` for the fields of a group (their values and errors are keyed `group.child`). */
  prefix?: string;
  /** Keys shown but not editable (a target's id once it exists). */
  readOnly?: readonly string[];
}) {
  if (fields.length === 0) return <p className="muted">This plugin takes no parameters.</p>;
  return (
    <div className="form-grid">
      {fields.map((field) => {
        const key = `${prefix}${field.name}`;
        const common = { label: field.label, error: errors[key], help: <Help field={field} />, required: field.required && field.defaultValue === undefined };
        const text = typeof values[key] === 'string' ? (values[key] as string) : '';
        switch (field.kind) {
          case 'group':
            return (
              <fieldset key={key} className="param-group">
                <legend>{field.label}</legend>
                {field.description && <p className="help">{field.description}</p>}
                <ParamsForm fields={field.fields} values={values} errors={errors} onChange={onChange} prefix={`${key}.`} readOnly={readOnly} />
              </fieldset>
            );
          case 'multiselect':
            return <ChoiceGroup key={key} field={field} value={text} error={errors[key]} onChange={(value) => onChange(key, value)} />;
          case 'boolean':
            return <CheckboxField key={key} label={field.label} error={errors[key]} help={<Help field={field} />} checked={values[key] === true} onChange={(checked) => onChange(key, checked)} />;
          case 'select':
            return (
              <SelectField
                {...common}
                key={key}
                value={text}
                onChange={(value) => onChange(key, value)}
                options={[...(field.defaultValue === undefined && !field.required ? [{ value: '', label: '(not set)' }] : []), ...field.options.map((option) => ({ value: option.key, label: option.label }))]}
              />
            );
          case 'number':
            return <TextField {...common} key={key} inputMode={field.integer ? 'numeric' : 'decimal'} value={text} onChange={(value) => onChange(key, value)} />;
          case 'string':
            // Long texts (descriptions) get a text area.
            return (field.maxLength ?? 0) > 200 ? (
              <TextAreaField {...common} key={key} rows={2} wide value={text} onChange={(value) => onChange(key, value)} />
            ) : (
              <TextField {...common} key={key} value={text} readOnly={readOnly.includes(key)} onChange={(value) => onChange(key, value)} />
            );
          case 'const':
            return (
              <div className="field" key={key}>
                <span className="label">{field.label}</span>
                <span>
                  <code>{JSON.stringify(field.value)}</code> <span className="muted">(fixed)</span>
                </span>
              </div>
            );
          default:
            return <TextAreaField {...common} key={key} rows={field.kind === 'json' ? 6 : 3} wide={field.kind === 'json'} value={text} onChange={(value) => onChange(key, value)} />;
        }
      })}
    </div>
  );
}
