import { FILE_KINDS } from '../../../shared/ipc/schemas.ts';
import { removeFile, setFileKind, type KindChoice, type PendingFile } from '../../state/import.ts';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The files waiting to be imported, each with its kind (auto-detected unless the trader picks one). */
export function FileQueue({ files, disabled }: { readonly files: readonly PendingFile[]; readonly disabled?: boolean }) {
  if (files.length === 0) return null;
  return (
    <table className="table file-queue" data-testid="file-queue">
      <thead>
        <tr>
          <th>File</th>
          <th className="num">Size</th>
          <th>Kind</th>
          <th>
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {files.map((file) => (
          <tr key={file.key} data-testid="queued-file">
            <td className="file-name" title={file.name}>
              {file.name}
            </td>
            <td className="num muted">{size(file.size)}</td>
            <td>
              <select
                className="select"
                value={file.kind}
                disabled={disabled}
                aria-label={`Kind of ${file.name}`}
                onChange={(event) => setFileKind(file.key, event.target.value as KindChoice)}
                data-testid="file-kind"
              >
                <option value="auto">auto{file.guess ? ` (${file.guess})` : ''}</option>
                {FILE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {kind}
                  </option>
                ))}
              </select>
            </td>
            <td>
              <button
                type="button"
                className="btn btn-ghost btn-icon"
                aria-label={`Remove ${file.name}`}
                disabled={disabled}
                onClick={() => removeFile(file.key)}
              >
                ×
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
