import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { TradeRecordInput } from '../../../shared/domain/trade.ts';
import {
  emptyManualForm,
  todayInNewYork,
  validateManualTrade,
  type FieldErrors,
  type ManualField,
  type ManualTradeForm as FormValues,
} from './manualTrade.ts';

export type ManualTradeFormProps = {
  readonly onSubmit: (trade: TradeRecordInput) => Promise<boolean>;
  readonly disabled?: boolean;
};

type FieldProps = {
  readonly name: ManualField;
  readonly label: string;
  readonly values: FormValues;
  readonly errors: FieldErrors;
  readonly onChange: (name: ManualField, value: string) => void;
  readonly placeholder?: string;
  readonly type?: string;
  readonly inputMode?: 'decimal' | 'numeric' | 'text';
  readonly wide?: boolean;
  readonly children?: ReactNode;
};

function Field({ name, label, values, errors, onChange, placeholder, type = 'text', inputMode, wide, children }: FieldProps) {
  const id = useId();
  const error = errors[name];
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {children ? (
        <select
          id={id}
          className="select"
          value={values[name]}
          aria-invalid={error ? true : undefined}
          onChange={(event) => onChange(name, event.target.value)}
          data-testid={`manual-${name}`}
        >
          {children}
        </select>
      ) : (
        <input
          id={id}
          className="input"
          type={type}
          inputMode={inputMode}
          value={values[name]}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => onChange(name, event.target.value)}
          data-testid={`manual-${name}`}
        />
      )}
      {error ? (
        <span id={`${id}-error`} className="field-error" data-testid={`manual-error-${name}`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A compact form for a trade typed in by hand; every field says what is wrong with it. */
export function ManualTradeForm({ onSubmit, disabled }: ManualTradeFormProps) {
  const [values, setValues] = useState<FormValues>(() => emptyManualForm(todayInNewYork(Date.now())));
  const [errors, setErrors] = useState<FieldErrors>({});
  const onChange = (name: ManualField, value: string) => {
    setValues((current) => {
      const next = { ...current, [name]: value };
      // A 0DTE trader's expiry follows the trade day unless they set it apart.
      if (name === 'date' && current.expiry === current.date) return { ...next, expiry: value };
      return next;
    });
    if (errors[name]) setErrors((current) => ({ ...current, [name]: undefined }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validateManualTrade(values);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    const ok = await onSubmit(checked.trade);
    if (ok) setValues((current) => ({ ...emptyManualForm(current.date), symbol: current.symbol, expiry: current.expiry }));
  };
  const common = { values, errors, onChange };

  return (
    <form className="manual-form" onSubmit={(event) => void submit(event)} noValidate aria-label="Type a trade in by hand" data-testid="manual-form">
      <Field name="symbol" label="Underlying" {...common} />
      <Field name="date" label="Trade day" type="date" {...common} />
      <Field name="expiry" label="Expiry" type="date" {...common} />
      <Field name="right" label="Right" {...common}>
        <option value="C">Call</option>
        <option value="P">Put</option>
      </Field>
      <Field name="strike" label="Strike" inputMode="decimal" placeholder="620" {...common} />
      <Field name="side" label="Side" {...common}>
        <option value="long">Long</option>
        <option value="short">Short</option>
      </Field>
      <Field name="qty" label="Contracts" inputMode="numeric" {...common} />
      <Field name="entry_time" label="Entry (ET)" placeholder="10:15" {...common} />
      <Field name="entry_price" label="Entry premium" inputMode="decimal" placeholder="1.25" {...common} />
      <Field name="exit_time" label="Exit (ET)" placeholder="10:42" {...common} />
      <Field name="exit_price" label="Exit premium" inputMode="decimal" placeholder="1.85" {...common} />
      <Field name="fees" label="Fees ($)" inputMode="decimal" {...common} />
      <Field name="underlying_entry" label="Underlying at entry" inputMode="decimal" placeholder="optional" {...common} />
      <Field name="underlying_exit" label="Underlying at exit" inputMode="decimal" placeholder="optional" {...common} />
      <Field name="id" label="Trade id" placeholder="generated if empty" wide {...common} />
      <div className="manual-actions">
        <button type="submit" className="btn btn-primary" disabled={disabled} data-testid="manual-submit">
          Stage this trade
        </button>
      </div>
    </form>
  );
}
