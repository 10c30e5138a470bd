import { evaluateEligibility } from './evaluate-eligibility';
import { factsFromSubmission, type SubmittedDossier } from './facts-from-submission';

const dossier = (project: SubmittedDossier['project'] = {}, answers = { i1: true, i2: false, ii: true }): SubmittedDossier => ({
  // 23:30 UTC on 31 March is already 1 April in Paris (summer time).
  submittedAt: '2026-03-31T23:30:00.000Z',
  project: { targetPublics: ['JEUNES_NEET'], operationType: 'ESSAIMAGE', existingProject: false, ...project },
  article15: { i1: { answer: answers.i1 }, i2: { answer: answers.i2 }, ii: { answer: answers.ii } },
});
const scope = { funderType: 'STATE', targetPublics: ['JEUNES_NEET'], allowedOperationTypes: ['ESSAIMAGE'] };

describe('factsFromSubmission', () => {
  it('maps the snapshot and the call scope, the submission day counted in Paris', () => {
    expect(factsFromSubmission(dossier(), scope, 'STATE_DESIGNATED_BODY')).toEqual({
      answers: { I_1: true, I_2: false, II: true },
      funderIsCollectiviteTerritoriale: false,
      targetPublics: ['JEUNES_NEET'],
      allowedTargetPublics: ['JEUNES_NEET'],
      operationType: 'ESSAIMAGE',
      allowedOperationTypes: ['ESSAIMAGE'],
      existingProject: false,
      experimentationStartDate: null,
      submissionDate: '2026-04-01',
      newTerritory: false,
      substantialChange: false,
    });
  });

  it('exempts from II only support granted by a collectivité territoriale (article 15, II, second sentence)', () => {
    const facts = factsFromSubmission(dossier({}, { i1: true, i2: false, ii: false }), scope, 'COLLECTIVITE_TERRITORIALE');
    expect(facts.funderIsCollectiviteTerritoriale).toBe(true);
    expect(evaluateEligibility(facts).eligible).toBe(true);
    expect(evaluateEligibility(factsFromSubmission(dossier({}, { i1: true, i2: false, ii: false }), scope, 'STATE_DESIGNATED_BODY')).eligible).toBe(false);
  });

  it('never lets a call field waive II for ESF+ support granted by a State-designated body', () => {
    for (const funderType of ['COLLECTIVITE_TERRITORIALE', 'STATE', 'OTHER_PUBLIC', undefined]) {
      const facts = factsFromSubmission(dossier({}, { i1: true, i2: true, ii: false }), { ...scope, funderType }, 'STATE_DESIGNATED_BODY');
      expect(facts.funderIsCollectiviteTerritoriale).toBe(false);
      expect(evaluateEligibility(facts).results.find((r) => r.ruleId === 'ART15_II')?.passed).toBe(false);
    }
  });

  it('keeps the grounds of an existing project only, and reads an older snapshot without the Priority 6 facts', () => {
    const existing = factsFromSubmission(
      dossier({ existingProject: true, experimentationStartDate: '2025-04-01', newTerritory: false, substantialChange: true }),
      scope,
      'STATE_DESIGNATED_BODY',
    );
    expect(existing).toMatchObject({ existingProject: true, experimentationStartDate: '2025-04-01', substantialChange: true });
    const fresh = factsFromSubmission(
      dossier({ existingProject: false, experimentationStartDate: '2010-01-01', newTerritory: true }),
      scope,
      'STATE_DESIGNATED_BODY',
    );
    expect(fresh).toMatchObject({ experimentationStartDate: null, newTerritory: false });

    const old = factsFromSubmission({ submittedAt: '2026-01-10T10:00:00Z', project: {}, article15: {} }, scope, 'STATE_DESIGNATED_BODY');
    expect(old).toMatchObject({ answers: { I_1: false, I_2: false, II: false }, targetPublics: [], operationType: null, existingProject: false });
    const report = evaluateEligibility(old);
    expect(report.results.find((r) => r.ruleId === 'P6_OPERATION_TYPE')).toMatchObject({
      passed: false,
      reason: "Aucun type d'opération n'est déclaré pour le dossier.",
    });
  });
});
