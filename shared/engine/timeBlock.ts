import { etClock, sessionDay } from '../market/calendar.ts';
import type { TimeBlock } from '../domain/journal.ts';
import { instantOf, isDateOnly } from './outcome.ts';

/**
 * Seed step 3, time-of-day tagging. Half-open intervals of New York wall time (minutes since midnight,
 * read from the timestamp's own offset through the tz database, never from the machine's zone).
 * A block is also cut at the day's real close: on a 13:00 ET early-close day anything from 13:00 on is
 * outside_session, and a weekend or NYSE holiday is outside_session all day.
 */
export const TIME_BLOCK_BOUNDS: readonly { readonly block: Exclude<TimeBlock, 'outside_session'>; readonly startMinute: number; readonly endMinute: number }[] = [
  { block: 'early_open', startMinute: 9 * 60 + 30, endMinute: 10 * 60 + 30 },
  { block: 'chop_mid', startMinute: 10 * 60 + 30, endMinute: 12 * 60 + 30 },
  { block: 'setup_mid', startMinute: 12 * 60 + 30, endMinute: 14 * 60 + 30 },
  { block: 'decay_close', startMinute: 14 * 60 + 30, endMinute: 16 * 60 },
];

/** Flag (and reason) used when the entry is a bare date: the block is not guessed. */
export const NO_TIME_OF_DAY_FLAG = 'no_time_of_day';

export type TimeBlockResult = {
  /** Null when the entry has no time of day (a dates-only export): the block is not guessed. */
  readonly time_block: TimeBlock | null;
  /** A flag for the journal when the block could not be read from a time of day; null otherwise. */
  readonly flag: string | null;
  /** One line saying how the block was found. */
  readonly explanation: string;
};

function hhmm(minuteOfDay: number): string {
  const whole = Math.floor(minuteOfDay);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export function blockOfMinute(minuteOfDay: number, closeMinute: number): TimeBlock {
  if (minuteOfDay >= closeMinute) return 'outside_session';
  for (const bound of TIME_BLOCK_BOUNDS) {
    if (minuteOfDay >= bound.startMinute && minuteOfDay < bound.endMinute) return bound.block;
  }
  return 'outside_session';
}

export function timeBlockOf(entryTime: string): TimeBlockResult {
  if (isDateOnly(entryTime)) {
    return { time_block: null, flag: NO_TIME_OF_DAY_FLAG, explanation: `no time of day: entry ${entryTime} is a bare date` };
  }
  const ms = instantOf(entryTime);
  if (ms === null) {
    return { time_block: null, flag: NO_TIME_OF_DAY_FLAG, explanation: `no time of day: entry ${entryTime} is unreadable` };
  }
  const clock = etClock(ms);
  const session = sessionDay(clock.date);
  const at = `${hhmm(clock.minuteOfDay)} ET on ${clock.date}`;
  if (!session.isTradingDay) {
    return { time_block: 'outside_session', flag: null, explanation: `entry ${at}: not a trading day` };
  }
  const block = blockOfMinute(clock.minuteOfDay, session.closeMinute);
  const close = session.earlyClose ? ` (early close ${hhmm(session.closeMinute)})` : '';
  return { time_block: block, flag: null, explanation: `entry ${at}${close} → ${block}` };
}
