import fc from 'fast-check';
import { planAssignments, type DossierToAssign, type PanelEvaluator } from './assignment';

const evaluator = (id: string, role: PanelEvaluator['role'] = 'MEMBER', load = 0): PanelEvaluator => ({ id, role, load, rapporteurLoad: 0 });
const dossier = (applicationId: string, d: Partial<DossierToAssign> = {}): DossierToAssign => ({
  applicationId,
  assignedIds: [],
  countedIds: [],
  rapporteurId: null,
  excludedIds: [],
  ...d,
});

describe('planAssignments', () => {
  it('gives two evaluators per dossier, balancing load, with a rapporteur preferring the RAPPORTEUR role', () => {
    const plan = planAssignments([dossier('d1'), dossier('d2'), dossier('d3')], [evaluator('a'), evaluator('b', 'RAPPORTEUR'), evaluator('c')], 2);
    expect(plan.assignments).toEqual([
      { applicationId: 'd1', evaluatorId: 'a' },
      { applicationId: 'd1', evaluatorId: 'b' },
      { applicationId: 'd2', evaluatorId: 'c' },
      { applicationId: 'd2', evaluatorId: 'a' },
      { applicationId: 'd3', evaluatorId: 'b' },
      { applicationId: 'd3', evaluatorId: 'c' },
    ]);
    expect(plan.rapporteurs).toEqual([
      { applicationId: 'd1', evaluatorId: 'b' },
      { applicationId: 'd2', evaluatorId: 'a' },
      { applicationId: 'd3', evaluatorId: 'b' },
    ]);
    expect(plan.shortfalls).toEqual([]);
  });

  it('never assigns an excluded evaluator and reports the shortfall', () => {
    const plan = planAssignments([dossier('d1', { excludedIds: ['a', 'b'] })], [evaluator('a'), evaluator('b'), evaluator('c')], 2);
    expect(plan.assignments).toEqual([{ applicationId: 'd1', evaluatorId: 'c' }]);
    expect(plan.shortfalls).toEqual([{ applicationId: 'd1', missing: 1 }]);
  });

  it('completes a partly assigned dossier and keeps its rapporteur; a conflicted assignee is not reassigned', () => {
    const plan = planAssignments(
      [dossier('d1', { assignedIds: ['a', 'b'], countedIds: ['a'], rapporteurId: 'a' })],
      [evaluator('a', 'MEMBER', 1), evaluator('b', 'MEMBER', 0), evaluator('c', 'MEMBER', 5)],
      2,
    );
    expect(plan.assignments).toEqual([{ applicationId: 'd1', evaluatorId: 'c' }]);
    expect(plan.rapporteurs).toEqual([]);
  });

  it('serves the most constrained dossier first', () => {
    // d2 can only take "a"; served first it gets "a", and d1 takes "b".
    const plan = planAssignments([dossier('d1'), dossier('d2', { excludedIds: ['b'] })], [evaluator('a'), evaluator('b')], 1);
    expect(plan.assignments).toEqual([
      { applicationId: 'd2', evaluatorId: 'a' },
      { applicationId: 'd1', evaluatorId: 'b' },
    ]);
  });

  it('property: no excluded or duplicate pair, quota met when possible, loads within one of each other without conflicts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (nDossiers, nEvaluators, perDossier, withConflicts) => {
          const panel = Array.from({ length: nEvaluators }, (_, i) => evaluator(`e${i}`, i === 0 ? 'RAPPORTEUR' : 'MEMBER'));
          const dossiers = Array.from({ length: nDossiers }, (_, i) =>
            dossier(`d${String(i).padStart(2, '0')}`, { excludedIds: withConflicts && i % 3 === 0 ? [`e${i % nEvaluators}`] : [] }),
          );
          const plan = planAssignments(dossiers, panel, perDossier);
          const pairs = plan.assignments.map((a) => `${a.applicationId}/${a.evaluatorId}`);
          expect(new Set(pairs).size).toBe(pairs.length);
          for (const d of dossiers) {
            const mine = plan.assignments.filter((a) => a.applicationId === d.applicationId);
            expect(mine.every((a) => !d.excludedIds.includes(a.evaluatorId))).toBe(true);
            expect(mine.length).toBe(Math.min(perDossier, nEvaluators - d.excludedIds.length));
            expect(plan.rapporteurs.filter((r) => r.applicationId === d.applicationId)).toHaveLength(mine.length > 0 ? 1 : 0);
          }
          if (!withConflicts) {
            const loads = panel.map((e) => plan.assignments.filter((a) => a.evaluatorId === e.id).length);
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          }
        },
      ),
    );
  });
});
