import { eligibleFacts } from '../eligibility-facts.fixture';
import type { EligibilityFacts } from '../eligibility-facts';
import { p6ExistingProjectRule } from './p6-existing-project.rule';

const existing = (overrides: Partial<EligibilityFacts>) =>
  p6ExistingProjectRule(eligibleFacts({ existingProject: true, submissionDate: '2025-03-15', ...overrides }));

describe('P6_EXISTING_PROJECT', () => {
  it('a new project passes whatever its dates', () => {
    const result = p6ExistingProjectRule(eligibleFacts({ existingProject: false, experimentationStartDate: '2010-01-01' }));
    expect(result).toMatchObject({ ruleId: 'P6_EXISTING_PROJECT', passed: true });
    expect(result.reason).toContain('Projet nouveau');
  });

  it('an existing project whose experimentation began less than one year before passes', () => {
    const result = existing({ experimentationStartDate: '2024-03-16' });
    expect(result.passed).toBe(true);
    expect(result.reason).toBe(
      "Projet existant éligible : sa phase expérimentale a débuté moins d'un an avant le dépôt (débutée le 16/03/2024, dépôt le 15/03/2025).",
    );
  });

  it('exactly one year before is not « less than one year »', () => {
    const result = existing({ experimentationStartDate: '2024-03-15' });
    expect(result.passed).toBe(false);
    expect(result.reason).toContain('un an ou plus avant le dépôt (débutée le 15/03/2024, dépôt le 15/03/2025)');
  });

  it('counts the year on the calendar, across 29 February', () => {
    expect(existing({ experimentationStartDate: '2024-02-29', submissionDate: '2025-02-27' }).passed).toBe(true);
    expect(existing({ experimentationStartDate: '2024-02-29', submissionDate: '2025-02-28' }).passed).toBe(false);
    expect(existing({ experimentationStartDate: '2023-03-01', submissionDate: '2024-02-29' }).passed).toBe(true);
    expect(existing({ experimentationStartDate: '2023-02-28', submissionDate: '2024-02-28' }).passed).toBe(false);
  });

  it('an old existing project passes when it spreads to a territory never funded', () => {
    const result = existing({ experimentationStartDate: '2020-01-01', newTerritory: true });
    expect(result.passed).toBe(true);
    expect(result.reason).toContain('essaime sur un territoire jamais financé');
  });

  it('an old existing project passes when it changes its approach substantially', () => {
    const result = existing({ experimentationStartDate: '2020-01-01', substantialChange: true });
    expect(result.passed).toBe(true);
    expect(result.reason).toContain('modifie substantiellement son approche');
  });

  it('an old existing project with neither fails, giving every ground', () => {
    const result = existing({ experimentationStartDate: '2020-01-01' });
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      "Projet existant non éligible : sa phase expérimentale a débuté un an ou plus avant le dépôt (débutée le 01/01/2020, dépôt le 15/03/2025) ; il n'essaime pas sur un territoire jamais financé et ne modifie pas substantiellement son approche.",
    );
  });

  it('an existing project without a start date can only pass on the other grounds', () => {
    expect(existing({ experimentationStartDate: null }).reason).toContain("la date de début de la phase expérimentale n'est pas renseignée");
    expect(existing({ experimentationStartDate: null }).passed).toBe(false);
    expect(existing({ experimentationStartDate: null, newTerritory: true }).passed).toBe(true);
  });
});
