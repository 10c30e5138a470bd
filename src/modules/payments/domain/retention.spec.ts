import { retentionEnd } from './retention';
import { clockState, elapsedClockDays } from './payment-clock';

describe('retentionEnd (CPR art. 82)', () => {
  it('ends on 31 December five years after the year of the last payment', () => {
    expect(retentionEnd('2027-03-15')).toBe('2032-12-31');
    expect(retentionEnd('2027-12-31')).toBe('2032-12-31');
    expect(retentionEnd('2028-01-01', 10)).toBe('2038-12-31');
  });
});

describe('80-day payment clock (CPR art. 74(1)(b))', () => {
  it('counts calendar days from submission, less the days waiting on the beneficiary', () => {
    expect(elapsedClockDays('2027-01-01', [], '2027-03-01')).toBe(59);
    expect(elapsedClockDays('2027-01-01', [{ from: '2027-01-11', to: '2027-01-21' }], '2027-03-01')).toBe(49);
    expect(elapsedClockDays('2027-01-01', [{ from: '2027-02-20' }], '2027-03-01')).toBe(50);
    expect(
      elapsedClockDays(
        '2027-01-01',
        [
          { from: '2027-01-05', to: '2027-01-10' },
          { from: '2027-01-08', to: '2027-01-12' },
        ],
        '2027-01-20',
      ),
    ).toBe(12);
  });

  it('is soon late 15 days before the deadline and late after it', () => {
    expect(clockState(64)).toBe('ON_TIME');
    expect(clockState(65)).toBe('SOON_LATE');
    expect(clockState(80)).toBe('SOON_LATE');
    expect(clockState(81)).toBe('LATE');
  });
});
