import type { TimeBlock } from '../../shared/domain/journal.ts';
import { TIME_BLOCK_BOUNDS } from '../../shared/engine/timeBlock.ts';
import { timeBlockLabel } from '../labels.ts';

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** "09:30–10:30 ET" for a block, from the engine's own bounds so the two never disagree. */
export function blockRange(block: TimeBlock | null): string {
  if (block === null) return 'the export gives only the date';
  const bound = TIME_BLOCK_BOUNDS.find((b) => b.block === block);
  return bound ? `${hhmm(bound.startMinute)}–${hhmm(bound.endMinute)} ET` : 'outside 09:30–16:00 ET';
}

/** "Early open", for row headers (renderer/labels.ts has every block's name). */
export function blockLabel(block: TimeBlock): string {
  return timeBlockLabel(block);
}

/** "10:00–10:30" for a 30-minute slot starting at "10:00". */
export function slotRange(slot: string): string {
  const [h, m] = slot.split(':').map(Number);
  const start = (h ?? 0) * 60 + (m ?? 0);
  return `${slot}–${hhmm(start + 30)}`;
}
