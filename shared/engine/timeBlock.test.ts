import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { TIME_BLOCK_BOUNDS, timeBlockOf } from './timeBlock.ts';

const block = (time: string) => timeBlockOf(time).time_block;

describe('time block (seed step 3), from the entry time in America/New_York', () => {
  it('half-open intervals: early_open [09:30, 10:30), chop_mid [10:30, 12:30), setup_mid [12:30, 14:30), decay_close [14:30, 16:00)', () => {
    expect(block('2025-07-08T09:29:59-04:00')).toBe('outside_session');
    expect(block('2025-07-08T09:30:00-04:00')).toBe('early_open');
    expect(block('2025-07-08T10:29:59-04:00')).toBe('early_open');
    expect(block('2025-07-08T10:30:00-04:00')).toBe('chop_mid');
    expect(block('2025-07-08T12:29:00-04:00')).toBe('chop_mid');
    expect(block('2025-07-08T12:30:00-04:00')).toBe('setup_mid');
    expect(block('2025-07-08T14:29:59-04:00')).toBe('setup_mid');
    expect(block('2025-07-08T14:30:00-04:00')).toBe('decay_close');
    expect(block('2025-07-08T15:59:59-04:00')).toBe('decay_close');
    expect(block('2025-07-08T16:00:00-04:00')).toBe('outside_session');
    expect(block('2025-07-08T04:00:00-04:00')).toBe('outside_session');
  });

  it('09:30 is early_open and 10:30 is chop_mid', () => {
    expect(block('2025-07-08T09:30:00-04:00')).toBe('early_open');
    expect(block('2025-07-08T10:30:00-04:00')).toBe('chop_mid');
  });

  it('daylight saving is read from the timestamp, both sides of the March and November changes', () => {
    // Friday before the March change (EST, UTC−5) and Monday after (EDT, UTC−4), written in UTC.
    expect(block('2025-03-07T14:30:00Z')).toBe('early_open'); // 09:30 EST
    expect(block('2025-03-07T15:30:00Z')).toBe('chop_mid'); // 10:30 EST
    expect(block('2025-03-10T13:30:00Z')).toBe('early_open'); // 09:30 EDT
    expect(block('2025-03-10T14:30:00Z')).toBe('chop_mid'); // 10:30 EDT
    expect(block('2025-03-10T14:29:00Z')).toBe('early_open');
    // Friday before the November change (EDT) and Monday after (EST).
    expect(block('2025-10-31T13:30:00Z')).toBe('early_open');
    expect(block('2025-11-03T13:30:00Z')).toBe('outside_session'); // 08:30 EST
    expect(block('2025-11-03T14:30:00Z')).toBe('early_open'); // 09:30 EST
    expect(block('2025-11-03T20:59:00Z')).toBe('decay_close'); // 15:59 EST
  });

  it('on a 13:00 early-close day anything from the close on is outside_session', () => {
    expect(block('2025-11-28T12:59:00-05:00')).toBe('setup_mid');
    expect(block('2025-11-28T13:00:00-05:00')).toBe('outside_session');
    expect(block('2025-07-03T14:45:00-04:00')).toBe('outside_session');
    expect(timeBlockOf('2025-11-28T12:45:00-05:00').explanation).toMatch(/early close 13:00/);
  });

  it('a weekend or NYSE holiday is outside_session', () => {
    expect(block('2025-07-04T10:00:00-04:00')).toBe('outside_session');
    expect(block('2025-07-05T10:00:00-04:00')).toBe('outside_session');
  });

  it('a dates-only entry has time_block null (not guessed) with the flag "no_time_of_day" and the explanation "no time of day"', () => {
    const result = timeBlockOf('2025-07-08');
    expect(result.time_block).toBeNull();
    expect(result.flag).toBe('no_time_of_day');
    expect(result.explanation).toMatch(/^no time of day/);
  });

  it('property: the same instant written with any offset gets the same block, the one of its New York wall time', () => {
    const start = Date.parse('2024-01-02T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 365 * 24 * 60 }), fc.integer({ min: -11, max: 12 }), (minute, offsetHours) => {
        const instant = DateTime.fromMillis(start + minute * 60_000, { zone: 'utc' });
        const inUtc = instant.toISO({ suppressMilliseconds: true }) ?? '';
        const shifted = instant.setZone(`UTC${offsetHours >= 0 ? '+' : ''}${offsetHours}`).toISO({ suppressMilliseconds: true }) ?? '';
        expect(block(shifted)).toBe(block(inUtc));
        const ny = instant.setZone('America/New_York');
        const wall = ny.hour * 60 + ny.minute;
        const expected = TIME_BLOCK_BOUNDS.find((bound) => wall >= bound.startMinute && wall < bound.endMinute);
        if (expected === undefined) expect(block(inUtc)).toBe('outside_session');
        else expect([expected.block, 'outside_session']).toContain(block(inUtc)); // holidays and early closes are outside
      }),
    );
  });
});
