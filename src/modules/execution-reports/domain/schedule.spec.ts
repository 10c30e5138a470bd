import { reportSchedule, rescheduleReports } from './schedule';

describe('reportSchedule', () => {
  it('18 months: one intermediate report due two months after its period, the final six months after the end', () => {
    expect(reportSchedule('2026-09-01', '2028-02-29')).toEqual([
      { seq: 1, kind: 'INTERMEDIATE', periodStart: '2026-09-01', periodEnd: '2027-08-31', dueDate: '2027-10-31' },
      { seq: 2, kind: 'FINAL', periodStart: '2026-09-01', periodEnd: '2028-02-29', dueDate: '2028-08-29' },
    ]);
  });
  it('12 months: the final report only', () => {
    expect(reportSchedule('2026-01-01', '2026-12-31').map((r) => r.kind)).toEqual(['FINAL']);
  });
});

describe('rescheduleReports', () => {
  it('an extension past 24 months keeps the submitted report, re-dates the final and adds an intermediate', () => {
    const existing = [
      { id: 'r1', seq: 1, kind: 'INTERMEDIATE' as const, status: 'SUBMITTED' as const, periodStart: '2026-09-01' },
      { id: 'r2', seq: 2, kind: 'FINAL' as const, status: 'DRAFT' as const, periodStart: '2026-09-01' },
    ];
    const next = reportSchedule('2026-09-01', '2028-12-31');
    const change = rescheduleReports(existing, next);
    expect(change.update).toEqual([expect.objectContaining({ seq: 2, kind: 'FINAL', periodEnd: '2028-12-31', dueDate: '2029-06-30' })]);
    expect(change.insert).toEqual([expect.objectContaining({ seq: 3, kind: 'INTERMEDIATE', periodStart: '2027-09-01', periodEnd: '2028-08-31' })]);
    expect(change.cancel).toEqual([]);
  });
});
