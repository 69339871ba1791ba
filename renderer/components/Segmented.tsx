export type SegmentedOption<T extends string> = { readonly value: T; readonly label: string };

export type SegmentedProps<T extends string> = {
  /** Accessible name of the group, e.g. "Colour cells by". */
  readonly label: string;
  readonly options: readonly SegmentedOption<T>[];
  readonly value: T;
  readonly onChange: (value: T) => void;
  readonly testId?: string;
};

/** A small group of mutually exclusive buttons (a toggle between views), keyboard reachable. */
export function Segmented<T extends string>({ label, options, value, onChange, testId }: SegmentedProps<T>) {
  return (
    <div className="segmented" role="group" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={option.value === value ? 'segmented-option segmented-option-on' : 'segmented-option'}
          aria-pressed={option.value === value}
          onClick={() => onChange(option.value)}
          data-testid={testId ? `${testId}-${option.value}` : undefined}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
