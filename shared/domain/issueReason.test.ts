import { describe, expect, it } from 'vitest';
import { tradeRecordSchema } from './trade.ts';
import { issuesToRowErrors } from './issueReason.ts';

const good = {
  id: 't1', symbol: 'SPY', expiry: '2025-07-08', right: 'C', strike: 620, side: 'long', qty: 1,
  entry_time: '2025-07-08T10:00:00-04:00', exit_time: '2025-07-08T10:20:00-04:00', entry_price: 1, exit_price: 1.2, fees: 1,
};

function reasonsFor(overrides: Record<string, unknown>): Record<string, string> {
  const input = { ...good, ...overrides };
  const parsed = tradeRecordSchema.safeParse(input);
  if (parsed.success) return {};
  return Object.fromEntries(issuesToRowErrors(parsed.error, input, 'f.jsonl', 3).map((error) => [error.field, error.reason]));
}

describe('row error reasons quote the rejected value', () => {
  it('a missing field says it is missing', () => {
    expect(reasonsFor({ strike: undefined })).toEqual({ strike: 'missing (required)' });
  });
  it('a value outside an enum names the allowed values', () => {
    expect(reasonsFor({ right: 'X' })).toEqual({ right: '"X" is not one of "C", "P"' });
  });
  it('a number below its minimum quotes the number and the bound', () => {
    expect(reasonsFor({ qty: -2 })).toEqual({ qty: '-2 must be greater than 0' });
  });
  it('a value of the wrong type quotes it', () => {
    expect(reasonsFor({ entry_price: 'abc' })).toEqual({ entry_price: '"abc" is not a number' });
  });
  it('a badly formatted time quotes it with the expected form', () => {
    const reasons = reasonsFor({ entry_time: '10:00' });
    expect(reasons['entry_time']).toContain('"10:00"');
  });
});

describe('row error reasons for fields with several accepted forms', () => {
  it('a missing time says it is missing, a malformed one lists the accepted forms', () => {
    expect(reasonsFor({ entry_time: undefined })).toEqual({ entry_time: 'missing (required)' });
    const reason = reasonsFor({ exit_time: 'yesterday' })['exit_time'] ?? '';
    expect(reason).toContain('"yesterday"');
    expect(reason).toContain('ISO 8601 with an offset');
    expect(reason).toContain('YYYY-MM-DD');
  });
});
