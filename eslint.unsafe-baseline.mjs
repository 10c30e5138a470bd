/**
 * Files that still let `any` flow from raw SQL results (issue 10, type-aware lint). The list only shrinks: a file
 * leaves it once its rows have typed interfaces (`em.query<Row[]>(…)`). New files are never added.
 */
export default [
  'src/modules/admissibility/admissibility.repository.ts',
  'src/modules/applications/application-documents.repository.ts',
  'src/modules/applications/applications.repository.ts',
  'src/modules/committee/committee.repository.ts',
  'src/modules/documents/document-data.repository.ts',
  'src/modules/documents/receipt.handler.ts',
  'src/modules/evaluation/domain/ranking.ts',
  'src/modules/instruction/instruction.repository.ts',
  'src/modules/open-data/open-data.repository.ts',
  'src/modules/reports/report-data.repository.ts',
  'src/modules/reports/report-generator.ts',
];
