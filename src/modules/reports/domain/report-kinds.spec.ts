import { allowedFormats, mediaTypeOf, reportFileName } from './report-kinds';

describe('report kinds', () => {
  it('offers PDF for the funding report and CSV/XLSX for the tables', () => {
    expect(allowedFormats('FUNDING_REPORT')).toEqual(['PDF']);
    expect(allowedFormats('OPERATIONS')).toEqual(['CSV', 'XLSX']);
    expect(mediaTypeOf('XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('builds a safe file name from known words, the call reference and the date', () => {
    const requestedAt = new Date('2026-04-30T10:00:00Z');
    expect(reportFileName({ type: 'OPERATIONS', format: 'CSV', callReference: 'AAP-P6-2026', priority: 6, requestedAt })).toBe(
      'liste-operations_AAP-P6-2026_2026-04-30.csv',
    );
    expect(reportFileName({ type: 'FUNDING_REPORT', format: 'PDF', callReference: null, priority: 6, requestedAt })).toBe(
      'rapport-financement_priorite-6_2026-04-30.pdf',
    );
    expect(reportFileName({ type: 'FINANCIAL_DATA', format: 'XLSX', callReference: '../"é;\r\n', priority: 6, requestedAt })).toBe(
      'donnees-financieres_appel_2026-04-30.xlsx',
    );
  });
});
