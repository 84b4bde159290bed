'use client';
import { useId, type ReactNode } from 'react';

interface FieldShell {
  label: ReactNode;
  help?: ReactNode;
  error?: string | null;
}

function describedBy(helpId: string, errorId: string, help: unknown, error: unknown): string | undefined {
  const ids = [help ? helpId : null, error ? errorId : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldNotes({ helpId, errorId, help, error }: { helpId: string; errorId: string; help?: ReactNode; error?: string | null }) {
  return (
    <>
      {help && (
        <p className="help" id={helpId}>
          {help}
        </p>
      )}
      {error && (
        <p className="error" id={errorId}>
          {error}
        </p>
      )}
    </>
  );
}

export function TextField({
  label,
  help,
  error,
  value,
  onChange,
  name,
  required,
  type = 'text',
  inputMode,
  placeholder,
  autoComplete,
  step,
  min,
  max,
  readOnly,
}: FieldShell & {
  value: string;
  onChange(value: string): void;
  name?: string;
  required?: boolean;
  type?: 'text' | 'number' | 'password' | 'url' | 'search';
  inputMode?: 'decimal' | 'numeric' | 'text';
  placeholder?: string;
  autoComplete?: string;
  step?: string;
  min?: number;
  max?: number;
  readOnly?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required={required}
        inputMode={inputMode}
        placeholder={placeholder}
        autoComplete={autoComplete}
        step={step}
        min={min}
        max={max}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-help`, `${id}-error`, help, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldNotes helpId={`${id}-help`} errorId={`${id}-error`} help={help} error={error} />
    </div>
  );
}

export function TextAreaField({
  label,
  help,
  error,
  value,
  onChange,
  name,
  rows = 4,
  required,
  wide,
}: FieldShell & { value: string; onChange(value: string): void; name?: string; rows?: number; required?: boolean; /** Spans the whole row of a form grid. */ wide?: boolean }) {
  const id = useId();
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        value={value}
        required={required}
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-help`, `${id}-error`, help, error)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldNotes helpId={`${id}-help`} errorId={`${id}-error`} help={help} error={error} />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function SelectField({ label, help, error, value, onChange, options, name, required }: FieldShell & { value: string; onChange(value: string): void; options: readonly SelectOption[]; name?: string; required?: boolean }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        name={name}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-help`, `${id}-error`, help, error)}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldNotes helpId={`${id}-help`} errorId={`${id}-error`} help={help} error={error} />
    </div>
  );
}

export function CheckboxField({ label, help, error, checked, onChange, name }: FieldShell & { checked: boolean; onChange(checked: boolean): void; name?: string }) {
  const id = useId();
  return (
    <div className="field">
      <div className="field-check">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-help`, `${id}-error`, help, error)}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      <FieldNotes helpId={`${id}-help`} errorId={`${id}-error`} help={help} error={error} />
    </div>
  );
}
