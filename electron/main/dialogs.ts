import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../services/ports.ts';

const IMPORT_FILTERS = [
  { name: 'Trades, bars, context and signals', extensions: ['csv', 'tsv', 'txt', 'json', 'jsonl', 'ndjson'] },
  { name: 'All files', extensions: ['*'] },
];

/** The native open and save dialogs, behind the services' Dialogs interface. */
export function createNativeDialogs(window: () => BrowserWindow | null): Dialogs {
  return {
    async openImportFiles() {
      const options = { title: 'Import trades, bars, context or signals', properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[], filters: IMPORT_FILTERS };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : result.filePaths;
    },
    async saveFile(defaultName) {
      const options = { title: 'Save export', defaultPath: defaultName };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
