import { useRef, useState, type DragEvent } from 'react';

export type DropZoneProps = {
  readonly onFiles: (files: File[]) => void;
  /** Electron: open the native dialog instead of the browser's file input. */
  readonly onNativePick?: () => void;
  readonly disabled?: boolean;
};

const ACCEPT = '.jsonl,.json,.csv,.txt,.tsv,.ndjson';

/** Drop files here, or click / press Enter to choose them. */
export function DropZone({ onFiles, onNativePick, disabled }: DropZoneProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const choose = () => {
    if (disabled) return;
    if (onNativePick) onNativePick();
    else input.current?.click();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  };

  return (
    <>
      <div
        className={['drop-zone', over ? 'drop-zone-over' : '', disabled ? 'drop-zone-disabled' : ''].filter(Boolean).join(' ')}
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-label="Choose files to import, or drop them here"
        aria-disabled={disabled}
        onClick={choose}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            choose();
          }
        }}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <div className="drop-zone-icon" aria-hidden="true">
          ⤓
        </div>
        <div className="drop-zone-title">Drop trade, bar, context, chain or signal files</div>
        <div className="drop-zone-hint muted">
          or <span className="drop-zone-link">choose files</span> · broker exports (thinkorswim, IBKR Flex, tastytrade,
          Schwab, Webull, Robinhood, E*TRADE, Fidelity), native JSONL, 1-minute bar CSV, day context JSON, option-chain CSV, signal JSONL
        </div>
      </div>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
        data-testid="file-input"
      />
    </>
  );
}
