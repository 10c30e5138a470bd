import { conventionStateAid, stateAidView } from './state-aid-view';
import type { StateAidDeclaration } from '../../cofinancing/domain/state-aid';
import { stateAidFromForm } from '../web/application-state-aid-pages.controller';

const decl = (d: Partial<StateAidDeclaration>): StateAidDeclaration => ({
  regime: 'NONE',
  justification: null,
  gberArticle: null,
  reference: null,
  deMinimisReceivedCents: null,
  ...d,
});
const none = { grantDate: null, cpr82End: null };

describe('stateAidView', () => {
  it('flags a de minimis ceiling exceeded with the EU amount', () => {
    const v = stateAidView(decl({ regime: 'DE_MINIMIS', deMinimisReceivedCents: 25_000_000 }), 10_640_000, none);
    expect(v.ceiling).toEqual({ exceeded: true, text: expect.stringContaining('plafond dépassé') });
    expect(v.retention.endText).toBe("fixée à l'octroi de l'aide (signature de la convention)");
  });

  it('gives the retention end in French once the convention is signed', () => {
    expect(stateAidView(decl({ regime: 'GBER', gberArticle: '31', reference: 'SA.1' }), 0, { grantDate: '2026-05-12', cpr82End: null }).retention.endText).toBe(
      "jusqu'au 12 mai 2036",
    );
    expect(stateAidView(null, 0, none)).toMatchObject({ declared: false, regimeLabel: 'Non déclaré' });
  });
});

describe('conventionStateAid', () => {
  it('writes the clause of each regime with its legal basis and the retention', () => {
    expect(
      conventionStateAid(decl({ regime: 'GBER', gberArticle: '31', reference: 'SA.111726' }), 0, { grantDate: '2026-05-12', cpr82End: null }),
    ).toMatchObject({
      regime: 'GBER',
      retentionEndDate: '2036-05-12',
      clause: expect.stringContaining("l'article 31 du règlement (UE) n° 651/2014 de la Commission du 17 juin 2014, dans le cadre du régime SA.111726."),
    });
    const n = conventionStateAid(decl({ regime: 'NONE', justification: 'Activité non économique' }), 0, { grantDate: null, cpr82End: '2034-12-31' });
    expect(n.clause).toContain(
      "ne constitue pas une aide d'État au sens de l'article 107, paragraphe 1, du traité sur le fonctionnement de l'Union européenne : Activité non économique.",
    );
    expect(n.clause).toContain("jusqu'au 31 décembre 2034");
    expect(conventionStateAid(decl({ regime: 'SIEG_DECISION', reference: 'Délibération du 3 mars 2025' }), 0, none).clause).toContain('décision 2012/21/UE');
    expect(conventionStateAid(decl({ regime: 'SIEG_DE_MINIMIS', deMinimisReceivedCents: 0 }), 100, none).clause).toContain('2023/2832');
    for (const c of [n.clause]) expect(c).not.toMatch(/NONE|GBER|SIEG_|DE_MINIMIS/);
  });
});

describe('stateAidFromForm', () => {
  it('keeps only the facts of the chosen regime and parses the French amount', () => {
    const { declaration, errors } = stateAidFromForm({
      regime: 'DE_MINIMIS',
      deMinimisReceived: '12 500,50 €',
      gberArticle: '31',
      justification: 'x',
      reference: '',
    });
    expect(errors).toEqual([]);
    expect(declaration).toEqual({ regime: 'DE_MINIMIS', justification: null, gberArticle: null, reference: null, deMinimisReceivedCents: 1_250_050 });
    expect(stateAidFromForm({ regime: 'DE_MINIMIS', deMinimisReceived: 'beaucoup' }).errors.map((e) => e.path)).toEqual(['deMinimisReceivedCents']);
    expect(stateAidFromForm({ regime: 'NONE', justification: ' Pas d’activité économique ', deMinimisReceived: '5' }).declaration).toEqual({
      regime: 'NONE',
      justification: 'Pas d’activité économique',
      gberArticle: null,
      reference: null,
      deMinimisReceivedCents: null,
    });
  });
});
