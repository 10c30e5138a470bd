import { DomainError } from '../../../common/errors/domain-error';
import {
  APPLICATION_STATUSES,
  APPLICATION_STATUS_LABELS,
  allowedTransitions,
  assertTransition,
  canTransition,
  isApplicationStatus,
  isTerminalStatus,
  type ApplicationStatus,
} from './application-status';
import { at } from '../../../common/collections';

// Written out independently of the implementation's table: docs/domain/lifecycle.md as pairs.
const ALLOWED: readonly (readonly [ApplicationStatus, ApplicationStatus])[] = [
  ['DRAFT', 'SUBMITTED'],
  ['SUBMITTED', 'ADMISSIBLE'],
  ['SUBMITTED', 'INCOMPLETE'],
  ['SUBMITTED', 'INADMISSIBLE'],
  ['INCOMPLETE', 'SUBMITTED'],
  ['INCOMPLETE', 'INADMISSIBLE'],
  ['ADMISSIBLE', 'UNDER_INSTRUCTION'],
  ['UNDER_INSTRUCTION', 'INSTRUCTED'],
  ['INSTRUCTED', 'UNDER_EVALUATION'],
  ['INSTRUCTED', 'IN_COMMITTEE'],
  ['UNDER_EVALUATION', 'IN_COMMITTEE'],
  ['IN_COMMITTEE', 'PROGRAMMED'],
  ['IN_COMMITTEE', 'REFUSED'],
  ['IN_COMMITTEE', 'POSTPONED'],
  ['IN_COMMITTEE', 'AWARD_PROPOSED'],
  ['AWARD_PROPOSED', 'PROGRAMMED'],
  ['AWARD_PROPOSED', 'RENOUNCED'],
  ['POSTPONED', 'UNDER_INSTRUCTION'],
  ['PROGRAMMED', 'CONVENTION_ISSUED'],
  ['PROGRAMMED', 'RENOUNCED'],
  ['CONVENTION_ISSUED', 'CONVENTION_SIGNED'],
  ['CONVENTION_ISSUED', 'RENOUNCED'],
  ['CONVENTION_SIGNED', 'IN_PROGRESS'],
  ['CONVENTION_SIGNED', 'RENOUNCED'],
  ['IN_PROGRESS', 'CLOSED'],
  ['DRAFT', 'WITHDRAWN'],
  ['SUBMITTED', 'WITHDRAWN'],
  ['INCOMPLETE', 'WITHDRAWN'],
  ['ADMISSIBLE', 'WITHDRAWN'],
  ['UNDER_INSTRUCTION', 'WITHDRAWN'],
  ['INSTRUCTED', 'WITHDRAWN'],
  ['UNDER_EVALUATION', 'WITHDRAWN'],
  ['IN_COMMITTEE', 'WITHDRAWN'],
  ['POSTPONED', 'WITHDRAWN'],
];
const isAllowed = (from: ApplicationStatus, to: ApplicationStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const REFUSED_PAIRS = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.filter((to) => !isAllowed(from, to)).map((to) => [from, to] as const));

describe('application status machine', () => {
  it('knows the 19 statuses, each with a French label', () => {
    expect(APPLICATION_STATUSES).toHaveLength(19);
    expect(Object.keys(APPLICATION_STATUS_LABELS).sort()).toEqual([...APPLICATION_STATUSES].sort());
    expect(APPLICATION_STATUS_LABELS.POSTPONED).toBe('Ajourné');
    expect(APPLICATION_STATUS_LABELS.IN_PROGRESS).toBe("En cours d'exécution");
  });

  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
    expect(allowedTransitions(from)).toContain(to);
  });

  it.each(REFUSED_PAIRS)('refuses %s → %s with INVALID_STATUS_TRANSITION', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(allowedTransitions(from)).not.toContain(to);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_STATUS_TRANSITION');
    expect((thrown as DomainError).details).toMatchObject({ from, to });
  });

  it('covers all 361 pairs between the two tables', () => {
    expect(ALLOWED.length + REFUSED_PAIRS.length).toBe(19 * 19);
  });

  it.each(['REFUSED', 'INADMISSIBLE', 'WITHDRAWN', 'RENOUNCED', 'CLOSED'] as const)('%s is terminal', (status) => {
    expect(isTerminalStatus(status)).toBe(true);
    expect(allowedTransitions(status)).toEqual([]);
  });

  it('has no other terminal status', () => {
    expect(APPLICATION_STATUSES.filter(isTerminalStatus)).toEqual(['INADMISSIBLE', 'REFUSED', 'WITHDRAWN', 'RENOUNCED', 'CLOSED']);
  });

  it('cannot withdraw after a definitive decision, nor from an inadmissible dossier', () => {
    for (const status of [
      'AWARD_PROPOSED',
      'PROGRAMMED',
      'REFUSED',
      'CONVENTION_ISSUED',
      'CONVENTION_SIGNED',
      'IN_PROGRESS',
      'INADMISSIBLE',
      'WITHDRAWN',
      'RENOUNCED',
      'CLOSED',
    ] as const) {
      expect(canTransition(status, 'WITHDRAWN')).toBe(false);
    }
  });

  it('explains a refusal in French with both labels and lists what is allowed', () => {
    expect(() => assertTransition('DRAFT', 'PROGRAMMED')).toThrow('Le dossier ne peut pas passer du statut « Brouillon » au statut « Programmé ».');
    try {
      assertTransition('IN_COMMITTEE', 'INSTRUCTED');
    } catch (e) {
      expect((e as DomainError).details.allowed).toEqual(['PROGRAMMED', 'AWARD_PROPOSED', 'REFUSED', 'POSTPONED', 'WITHDRAWN']);
    }
  });

  it('runs the execution to closure, and lets the beneficiary renounce only before the operation starts', () => {
    const path: ApplicationStatus[] = ['PROGRAMMED', 'CONVENTION_ISSUED', 'CONVENTION_SIGNED', 'IN_PROGRESS', 'CLOSED'];
    path.slice(1).forEach((to, i) => expect(() => assertTransition(at(path, i, 'status'), to)).not.toThrow());
    expect(APPLICATION_STATUSES.filter((s) => canTransition(s, 'RENOUNCED'))).toEqual([
      'AWARD_PROPOSED',
      'PROGRAMMED',
      'CONVENTION_ISSUED',
      'CONVENTION_SIGNED',
    ]);
    expect(canTransition('IN_PROGRESS', 'RENOUNCED')).toBe(false);
  });

  it('reaches CONVENTION_ISSUED along the main path, and back to instruction after a postponement', () => {
    const path: ApplicationStatus[] = [
      'DRAFT',
      'SUBMITTED',
      'INCOMPLETE',
      'SUBMITTED',
      'ADMISSIBLE',
      'UNDER_INSTRUCTION',
      'INSTRUCTED',
      'UNDER_EVALUATION',
      'IN_COMMITTEE',
      'POSTPONED',
      'UNDER_INSTRUCTION',
      'INSTRUCTED',
      'IN_COMMITTEE',
      'PROGRAMMED',
      'CONVENTION_ISSUED',
    ];
    path.slice(1).forEach((to, i) => expect(() => assertTransition(at(path, i, 'status'), to)).not.toThrow());
  });

  it('treats unknown values read from storage as having no transition', () => {
    expect(isApplicationStatus('ARCHIVED')).toBe(false);
    expect(isApplicationStatus('IN_COMMITTEE')).toBe(true);
    expect(allowedTransitions('ARCHIVED' as ApplicationStatus)).toEqual([]);
    expect(() => assertTransition('ARCHIVED' as ApplicationStatus, 'DRAFT')).toThrow(DomainError);
  });
});
