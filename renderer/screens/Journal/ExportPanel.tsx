import { useEffect, useRef, useState } from 'react';
import type { ExportFormat } from '../../../shared/ipc/schemas.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Panel } from '../../components/Panel.tsx';
import { plural } from '../../format.ts';
import type { ExportState } from '../../state/journal.ts';

export type ExportPanelProps = {
  readonly state: ExportState;
  /** Trades the current filters select (what the export will hold). */
  readonly matching: number;
  readonly filtered: boolean;
  /** Electron: a native save dialog; the browser: a download. */
  readonly native: boolean;
  readonly onExport: (format: ExportFormat) => void;
};

const FORMATS: readonly { readonly format: ExportFormat; readonly label: string; readonly hint: string }[] = [
  { format: 'csv', label: 'CSV', hint: 'one row per trade, for spreadsheets; not a backup (imported again, the trades are assessed afresh)' },
  { format: 'json', label: 'JSON', hint: 'every field of every entry, for other tools; not a backup (imported again, the trades are assessed afresh)' },
  { format: 'md', label: 'Markdown', hint: 'a summary to read or paste into notes' },
  { format: 'html', label: 'HTML report', hint: 'self-contained, with its charts; opens offline' },
];

/**
 * Exports of the filtered journal. In the browser the content comes back from export.create and is offered
 * as a download through a Blob URL (no file system access needed); in Electron the main process shows the
 * save dialog and writes the file itself.
 */
export function ExportPanel({ state, matching, filtered, native, onExport }: ExportPanelProps) {
  const outcome = state.outcome;
  const file = outcome?.kind === 'file' ? outcome.file : null;
  const [url, setUrl] = useState<string | null>(null);
  const linkRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (!file) {
      setUrl(null);
      return undefined;
    }
    const created = URL.createObjectURL(new Blob([file.content], { type: file.mime }));
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [file]);

  useEffect(() => {
    // Start the download at once; the link stays for a second try or a browser that blocked it.
    if (url) linkRef.current?.click();
  }, [url]);

  return (
    <Panel title="Export" testId="journal-export" actions={<span className="qa-panel-note">{filtered ? `${plural(matching, 'filtered trade')}` : `all ${plural(matching, 'trade')}`}</span>}>
      <div className="qa-export-buttons">
        {FORMATS.map(({ format, label, hint }) => (
          <button
            key={format}
            type="button"
            className="btn qa-export-button"
            onClick={() => onExport(format)}
            disabled={state.busy !== null || matching === 0}
            title={hint}
            aria-label={`Export ${label}: ${hint}`}
            data-testid={`export-${format}`}
          >
            <span className="qa-export-label">{state.busy === format ? 'Exporting…' : label}</span>
            <span className="qa-export-hint">{hint}</span>
          </button>
        ))}
      </div>
      <p className="qa-note" data-testid="export-backup-note">
        For a backup that restores exactly (the log with the market data the scores used): <code>qthink export --format archive --out journal.qthink</code>, then <code>qthink restore journal.qthink</code>.
      </p>
      {matching === 0 ? <p className="qa-note">Nothing to export: no committed trade matches the filters.</p> : null}
      {filtered && matching > 0 ? <p className="qa-note">Exports hold the trades the filters above select.</p> : null}
      <div className="qa-export-status" role="status" data-testid="export-status">
        {file && url ? (
          <>
            Ready: <a ref={linkRef} href={url} download={file.filename} data-testid="export-download">
              {file.filename}
            </a>{' '}
            <span className="muted">({sizeOf(file.content)}) — click to download again</span>
          </>
        ) : null}
        {outcome?.kind === 'saved' ? (outcome.saved ? <>Saved to <span className="mono">{outcome.path}</span></> : <span className="muted">Save cancelled.</span>) : null}
        {!native && !file && !state.error ? <span className="muted">Files download to your browser's download folder.</span> : null}
      </div>
      {state.error ? <ErrorState error={state.error} title="The export failed" /> : null}
    </Panel>
  );
}

function sizeOf(content: string): string {
  const bytes = new TextEncoder().encode(content).length;
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
