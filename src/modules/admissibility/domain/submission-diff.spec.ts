import { diffSnapshots } from './submission-diff';
import { at } from '../../../common/collections';

const BASE = {
  schemaVersion: 1,
  number: 'AAP-2026-000001',
  submittedAt: '2026-03-01T10:00:00.000Z',
  project: { title: 'Ruches', targetPublics: ['JEUNES_NEET'], endDate: '2027-06-30' },
  article15: { i1: { answer: true, justification: 'Besoin' }, i2: null },
  financingPlan: {
    costOption: 'INDIRECT_15_STAFF',
    lines: [
      { category: 'STAFF', label: 'Personnel', amountCents: 8_000_000 },
      { category: 'OTHER_DIRECT', label: 'Matériel', amountCents: 2_000_000 },
    ],
    totals: { totalEligibleCents: 11_200_000 },
  },
  documents: [
    { id: 'd1', documentType: 'STATUTS', sha256: 'aa' },
    { id: 'd2', documentType: 'RIB', sha256: 'bb' },
  ],
};

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('diffSnapshots', () => {
  it('finds nothing between a snapshot and itself, nor in the submission bookkeeping', () => {
    expect(diffSnapshots(BASE, clone(BASE))).toEqual([]);
    expect(diffSnapshots(BASE, { ...clone(BASE), submittedAt: '2026-04-01T08:00:00.000Z', number: 'AAP-2026-000001' })).toEqual([]);
  });

  it('reports a changed scalar with its path, before and after', () => {
    const after = clone(BASE);
    after.project.title = 'Ruches partagées';
    expect(diffSnapshots(BASE, after)).toEqual([{ path: 'project.title', before: 'Ruches', after: 'Ruches partagées' }]);
  });

  it('compares arrays of scalars as whole values and keys regardless of order', () => {
    const after = clone(BASE);
    after.project.targetPublics = ['JEUNES_NEET', 'HABITANTS_QPV'];
    after.article15.i1 = { justification: 'Besoin', answer: true };
    expect(diffSnapshots(BASE, after)).toEqual([{ path: 'project.targetPublics', before: ['JEUNES_NEET'], after: ['JEUNES_NEET', 'HABITANTS_QPV'] }]);
  });

  it('matches budget lines by position and reports added and removed lines', () => {
    const after = clone(BASE);
    at(after.financingPlan.lines, 1, 'fixture').amountCents = 2_500_000;
    after.financingPlan.lines.push({ category: 'EXTERNAL_SERVICES', label: 'Évaluation', amountCents: 300_000 });
    after.financingPlan.totals.totalEligibleCents = 12_000_000;
    expect(diffSnapshots(BASE, after)).toEqual([
      { path: 'financingPlan.lines[1].amountCents', before: 2_000_000, after: 2_500_000 },
      { path: 'financingPlan.lines[2]', before: null, after: { category: 'EXTERNAL_SERVICES', label: 'Évaluation', amountCents: 300_000 } },
      { path: 'financingPlan.totals.totalEligibleCents', before: 11_200_000, after: 12_000_000 },
    ]);
    const shorter = clone(BASE);
    shorter.financingPlan.lines.pop();
    expect(diffSnapshots(BASE, shorter)[0]).toEqual({ path: 'financingPlan.lines[1]', before: BASE.financingPlan.lines[1], after: null });
  });

  it('matches documents by id whatever their order: a replaced file is one removal and one addition', () => {
    const after = clone(BASE);
    after.documents = [
      { id: 'd3', documentType: 'RIB', sha256: 'cc' },
      { id: 'd1', documentType: 'STATUTS', sha256: 'aa' },
    ];
    expect(diffSnapshots(BASE, after)).toEqual([
      { path: 'documents[id=d2]', before: BASE.documents[1], after: null },
      { path: 'documents[id=d3]', before: null, after: { id: 'd3', documentType: 'RIB', sha256: 'cc' } },
    ]);
  });

  it('matches by sha256 when items carry no id', () => {
    const a = {
      files: [
        { sha256: 'aa', name: 'a.pdf' },
        { sha256: 'bb', name: 'b.pdf' },
      ],
    };
    const b = {
      files: [
        { sha256: 'bb', name: 'b2.pdf' },
        { sha256: 'aa', name: 'a.pdf' },
      ],
    };
    expect(diffSnapshots(a, b)).toEqual([{ path: 'files[sha256=bb].name', before: 'b.pdf', after: 'b2.pdf' }]);
  });

  it('reports a section that appears or disappears as a whole value', () => {
    const after = clone(BASE) as Record<string, unknown> & typeof BASE;
    (after.article15 as Record<string, unknown>).i2 = { answer: false, justification: 'Classique' };
    expect(diffSnapshots(BASE, after)).toEqual([{ path: 'article15.i2', before: null, after: { answer: false, justification: 'Classique' } }]);
  });
});
