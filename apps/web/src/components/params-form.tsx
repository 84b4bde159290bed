'use client';
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

/** Controls for a plugin's params: selects for enums, numbers with their range, checkboxes, lists. */
export function ParamsForm({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: readonly ParamField[];
  values: FormValues;
  errors: Record<string, string>;
  onChange(name: string, value: string | boolean): void;
}) {
  if (fields.length === 0) return <p className="muted">This plugin takes no parameters.</p>;
  return (
    <div className="form-grid">
      {fields.map((field) => {
        const common = { label: field.label, error: errors[field.name], help: <Help field={field} />, required: field.required && field.defaultValue === undefined };
        const text = typeof values[field.name] === 'string' ? (values[field.name] as string) : '';
        switch (field.kind) {
          case 'boolean':
            return <CheckboxField key={field.name} label={field.label} error={errors[field.name]} help={<Help field={field} />} checked={values[field.name] === true} onChange={(checked) => onChange(field.name, checked)} />;
          case 'select':
            return (
              <SelectField
                {...common}
                key={field.name}
                value={text}
                onChange={(value) => onChange(field.name, value)}
                options={[...(field.defaultValue === undefined && !field.required ? [{ value: '', label: '(not set)' }] : []), ...field.options.map((option) => ({ value: option.key, label: option.label }))]}
              />
            );
          case 'number':
            return <TextField {...common} key={field.name} inputMode={field.integer ? 'numeric' : 'decimal'} value={text} onChange={(value) => onChange(field.name, value)} />;
          case 'string':
            return <TextField {...common} key={field.name} value={text} onChange={(value) => onChange(field.name, value)} />;
          case 'const':
            return (
              <div className="field" key={field.name}>
                <span className="label">{field.label}</span>
                <span>
                  <code>{JSON.stringify(field.value)}</code> <span className="muted">(fixed)</span>
                </span>
              </div>
            );
          default:
            return <TextAreaField {...common} key={field.name} rows={3} value={text} onChange={(value) => onChange(field.name, value)} />;
        }
      })}
    </div>
  );
}
