import { journalSummarySchema, type JournalSummary } from '../../shared/ipc/schemas.ts';

/** The summary file's text, checked against its schema; null when absent or unreadable. */
export function parseSummaryFile(text: string | null | undefined): JournalSummary | null {
  if (!text) return null;
  try {
    const parsed = journalSummarySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
