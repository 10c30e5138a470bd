import fc from 'fast-check';
import {
  deMinimisCeiling,
  isStateAid,
  retentionFor,
  STATE_AID_REGIME_LABELS,
  STATE_AID_REGIMES,
  type StateAidDeclaration,
  validateStateAid,
} from './state-aid';

const decl = (d: Partial<StateAidDeclaration>): StateAidDeclaration => ({
  regime: 'NONE',
  justification: null,
  gberArticle: null,
  reference: null,
  deMinimisReceivedCents: null,
  ...d,
});
const codes = (d: Partial<StateAidDeclaration>) => validateStateAid(decl(d)).map((e) => `${e.path}:${e.code}`);

describe('validateStateAid', () => {
  it('asks a justification for « no State aid »', () => {
    expect(codes({ regime: 'NONE' })).toEqual(['justification:REQUIRED']);
    expect(codes({ regime: 'NONE', justification: '   ' })).toEqual(['justification:REQUIRED']);
    expect(codes({ regime: 'NONE', justification: 'Activité non économique : accompagnement social gratuit.' })).toEqual([]);
  });

  it('asks the de minimis aid received over three years, 0 allowed, never negative', () => {
    expect(codes({ regime: 'DE_MINIMIS' })).toEqual(['deMinimisReceivedCents:REQUIRED']);
    expect(codes({ regime: 'DE_MINIMIS', deMinimisReceivedCents: 0 })).toEqual([]);
    expect(codes({ regime: 'SIEG_DE_MINIMIS', deMinimisReceivedCents: -1 })).toEqual(['deMinimisReceivedCents:INVALID_AMOUNT']);
    expect(codes({ regime: 'GBER', gberArticle: '31', reference: 'SA.111726', deMinimisReceivedCents: 10 })).toEqual(['deMinimisReceivedCents:NOT_APPLICABLE']);
  });

  it('asks the GBER article and the scheme reference', () => {
    expect(codes({ regime: 'GBER' })).toEqual(['gberArticle:REQUIRED', 'reference:REQUIRED']);
    expect(codes({ regime: 'GBER', gberArticle: '31', reference: 'SA.111726' })).toEqual([]);
    expect(codes({ regime: 'GBER', gberArticle: '56e', reference: 'SA.1' })).toEqual([]);
    expect(codes({ regime: 'GBER', gberArticle: '99', reference: 'SA.1' })).toEqual(['gberArticle:INVALID_ARTICLE']);
    expect(codes({ regime: 'GBER', gberArticle: '0', reference: 'SA.1' })).toEqual(['gberArticle:INVALID_ARTICLE']);
    expect(codes({ regime: 'DE_MINIMIS', deMinimisReceivedCents: 0, gberArticle: '31' })).toEqual(['gberArticle:NOT_APPLICABLE']);
  });

  it('asks the act of entrustment of an SIEG', () => {
    expect(codes({ regime: 'SIEG_DECISION' })).toEqual(['reference:REQUIRED']);
    expect(codes({ regime: 'SIEG_DECISION', reference: 'Délibération du 3 mars 2025 portant mandatement' })).toEqual([]);
  });

  it('refuses the facts of another regime, so that what is stored is exactly what applies (API as well as form)', () => {
    expect(codes({ regime: 'SIEG_DECISION', reference: 'Mandat', justification: 'Pas une aide' })).toEqual(['justification:NOT_APPLICABLE']);
    expect(codes({ regime: 'NONE', justification: 'Activité non économique', reference: 'SA.1' })).toEqual(['reference:NOT_APPLICABLE']);
  });

  it('refuses an unknown regime', () => {
    expect(codes({ regime: 'CHECKBOX' as never })).toEqual(['regime:INVALID_CHOICE']);
  });

  it('labels every regime in French with its legal basis, without internal codes', () => {
    for (const r of STATE_AID_REGIMES) expect(STATE_AID_REGIME_LABELS[r]).not.toMatch(/[A-Z]{2,}_|GBER|SIEG/);
    expect(STATE_AID_REGIME_LABELS.DE_MINIMIS).toContain('2023/2831');
    expect(STATE_AID_REGIME_LABELS.GBER).toContain('651/2014');
    expect(STATE_AID_REGIME_LABELS.SIEG_DECISION).toContain('2012/21/UE');
    expect(STATE_AID_REGIME_LABELS.SIEG_DE_MINIMIS).toContain('2023/2832');
    expect(isStateAid('NONE')).toBe(false);
    expect(isStateAid('GBER')).toBe(true);
  });
});

describe('deMinimisCeiling (Regulation 2023/2831 art. 3(2): 300 000 € over three years; 2023/2832: 750 000 €)', () => {
  it('adds the aid to what was received and compares with the ceiling, at the cent', () => {
    expect(deMinimisCeiling('DE_MINIMIS', 20_000_000, 10_000_000)).toEqual({
      applies: true,
      ceilingCents: 30_000_000,
      totalCents: 30_000_000,
      exceeded: false,
    });
    expect(deMinimisCeiling('DE_MINIMIS', 20_000_000, 10_000_001)).toMatchObject({ exceeded: true });
    expect(deMinimisCeiling('SIEG_DE_MINIMIS', 60_000_000, 10_000_000)).toMatchObject({ ceilingCents: 75_000_000, exceeded: false });
    expect(deMinimisCeiling('GBER', 0, 1)).toEqual({ applies: false });
    expect(deMinimisCeiling('NONE', null, 1)).toEqual({ applies: false });
  });

  it('is exceeded exactly when received + aid > ceiling (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('DE_MINIMIS' as const, 'SIEG_DE_MINIMIS' as const),
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 0, max: 1e11 }),
        (regime, received, aid) => {
          const c = deMinimisCeiling(regime, received, aid);
          if (!c.applies) throw new Error('should apply');
          expect(c.totalCents).toBe(received + aid);
          expect(c.exceeded).toBe(received + aid > c.ceilingCents);
        },
      ),
    );
  });
});

describe('retentionFor', () => {
  it('keeps GBER and de minimis records ten years from the grant', () => {
    expect(retentionFor('GBER', '2026-05-12', null)).toMatchObject({ endDate: '2036-05-12' });
    expect(retentionFor('GBER', '2026-05-12', null).basis).toContain('article 12, paragraphe 1, du règlement (UE) n° 651/2014');
    expect(retentionFor('DE_MINIMIS', '2028-02-29', null)).toMatchObject({ endDate: '2038-02-28' });
    expect(retentionFor('SIEG_DE_MINIMIS', '2026-01-01', null).basis).toContain('2023/2832');
  });

  it('keeps the later of the State aid date and the CPR art. 82 date', () => {
    expect(retentionFor('DE_MINIMIS', '2026-05-12', '2034-12-31')).toMatchObject({ endDate: '2036-05-12' });
    expect(retentionFor('DE_MINIMIS', '2026-05-12', '2037-12-31')).toMatchObject({ endDate: '2037-12-31' });
  });

  it('uses the CPR art. 82 period otherwise, unknown until the last payment', () => {
    expect(retentionFor('NONE', '2026-05-12', null)).toMatchObject({ endDate: null });
    expect(retentionFor('SIEG_DECISION', '2026-05-12', '2034-12-31')).toMatchObject({ endDate: '2034-12-31' });
    expect(retentionFor('NONE', null, null).basis).toContain('article 82 du règlement (UE) 2021/1060');
    expect(retentionFor('GBER', null, null)).toMatchObject({ endDate: null });
  });

  it('never ends before ten years after the grant for a ten-year regime (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('DE_MINIMIS' as const, 'GBER' as const, 'SIEG_DE_MINIMIS' as const),
        fc.date({ min: new Date('2021-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        (regime, d) => {
          const grant = d.toISOString().slice(0, 10);
          const end = retentionFor(regime, grant, null).endDate!;
          expect(Number(end.slice(0, 4))).toBe(Number(grant.slice(0, 4)) + 10);
          expect(end.slice(5, 7)).toBe(grant.slice(5, 7));
          expect(end >= grant).toBe(true);
        },
      ),
    );
  });
});
