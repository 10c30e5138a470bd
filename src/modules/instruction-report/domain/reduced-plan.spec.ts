import fc from 'fast-check';
import { applyRateFloor } from '../../../common/money/cents';
import { checkReducedPlan, type PlanBasis, planDifferences } from './reduced-plan';
import { at } from '../../../common/collections';

/** Worked example (docs/domain/cost-options.md): STAFF 80 000 €, PARTICIPANTS 20 000 €, 15 % indirect → CTE 112 000 €, ESF+ 106 400 €. */
const applicant: PlanBasis = {
  costOption: 'INDIRECT_15_STAFF',
  flatRateBp: 1500,
  rateBp: 9500,
  stateAid: false,
  lines: [
    { category: 'STAFF', label: 'Animatrice', amountCents: 8_000_000 },
    { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'ESF_PLUS', funderName: null, amountCents: 10_640_000 },
    { type: 'SELF', funderName: null, amountCents: 560_000 },
  ],
  euCents: 10_640_000,
};

const codes = (r: ReturnType<typeof checkReducedPlan>) => r.errors.map((e) => `${e.path}:${e.code}`);

describe('checkReducedPlan', () => {
  it('recomputes a reduction with the same code: flat rate and EU share floored', () => {
    // STAFF 70 000,33 € → indirect floor(1 050 004,95) = 1 050 004 cents; CTE 10 050 037; 95 % = 9 547 535,15 → 9 547 535.
    const r = checkReducedPlan(applicant, {
      lines: [
        { category: 'STAFF', label: 'Animatrice', amountCents: 7_000_033 },
        { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
      ],
      resources: [
        { type: 'ESF_PLUS', funderName: null, amountCents: 9_547_535 },
        { type: 'SELF', funderName: null, amountCents: 502_502 },
      ],
    });
    expect(r.errors).toEqual([]);
    expect(r.plan).toMatchObject({
      flatRateCostsCents: 1_050_004,
      totalEligibleCostsCents: 10_050_037,
      maxEsfPlusCents: 9_547_535,
      requestedEsfPlusCents: 9_547_535,
      balanced: true,
    });
  });

  it('refuses an increased line, a changed category, a changed line count and an EU amount above the applicant’s', () => {
    const up = checkReducedPlan(applicant, {
      lines: [
        { category: 'STAFF', label: 'Animatrice', amountCents: 8_000_001 },
        { category: 'EXTERNAL_SERVICES', label: 'Matériel', amountCents: 2_000_000 },
      ],
      resources: applicant.resources,
    });
    expect(codes(up)).toEqual([
      'reducedPlan.lines[0].amountCents:LINE_INCREASED',
      'reducedPlan.lines[1].category:LINE_CATEGORY_CHANGED',
      'reducedPlan:SCO_REQUIRED_UNDER_200K',
      'reducedPlan:PLAN_UNBALANCED',
    ]);
    const fewer = checkReducedPlan(applicant, {
      lines: applicant.lines.slice(0, 1),
      resources: [
        { type: 'ESF_PLUS', funderName: null, amountCents: 8_000_000 },
        { type: 'SELF', funderName: null, amountCents: 1_200_000 },
      ],
    });
    expect(codes(fewer)).toEqual(['reducedPlan.lines:LINES_CHANGED']);
    const moreEu = checkReducedPlan({ ...applicant, euCents: 10_000_000 }, applicant);
    expect(codes(moreEu)).toEqual(['reducedPlan.resources:EU_AMOUNT_INCREASED']);
  });

  it('reports an EU share above the rate after the reduction', () => {
    const r = checkReducedPlan(applicant, {
      lines: [{ ...at(applicant.lines, 0, 'fixture'), amountCents: 7_000_000 }, at(applicant.lines, 1, 'fixture')],
      resources: [{ type: 'ESF_PLUS', funderName: null, amountCents: 10_050_000 }],
    });
    expect(codes(r)).toEqual(['reducedPlan:ESF_EXCEEDS_RATE']);
  });

  it('property: any reduction funded at the floored rate is accepted, and never raises the EU amount or the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_000_000 }), fc.integer({ min: 0, max: 2_000_000 }), (staff, other) => {
        const flat = Math.floor((staff * 15) / 100);
        const cte = staff + other + flat;
        const eu = applyRateFloor(cte, 9500);
        const r = checkReducedPlan(applicant, {
          lines: [
            { ...at(applicant.lines, 0, 'fixture'), amountCents: staff },
            { ...at(applicant.lines, 1, 'fixture'), amountCents: other },
          ],
          resources: [
            { type: 'ESF_PLUS', funderName: null, amountCents: eu },
            { type: 'SELF', funderName: null, amountCents: cte - eu },
          ],
        });
        expect(r.errors).toEqual([]);
        expect(r.plan!.totalEligibleCostsCents).toBe(cte);
        expect(r.plan!.maxEsfPlusCents).toBe(eu);
        expect(eu).toBeLessThanOrEqual(applicant.euCents);
        expect(eu * 10_000).toBeLessThanOrEqual(cte * 9500);
      }),
    );
  });
});

describe('planDifferences', () => {
  it('gives each line and each total with its delta', () => {
    const totals = (cte: number, eu: number) => ({
      directCostsCents: cte,
      flatRateCostsCents: 0,
      totalEligibleCents: cte,
      maxEuCents: eu,
      euCents: eu,
      otherResourcesCents: cte - eu,
    });
    const d = planDifferences(
      { lines: applicant.lines, totals: totals(10_000_000, 9_500_000) },
      { lines: [{ ...at(applicant.lines, 0, 'fixture'), amountCents: 7_000_000 }, at(applicant.lines, 1, 'fixture')], totals: totals(9_000_000, 8_550_000) },
    );
    expect(d.lines).toEqual([
      { position: 0, category: 'STAFF', label: 'Animatrice', applicantCents: 8_000_000, proposedCents: 7_000_000, deltaCents: -1_000_000 },
      { position: 1, category: 'PARTICIPANTS', label: 'Allocations des participants', applicantCents: 2_000_000, proposedCents: 2_000_000, deltaCents: 0 },
    ]);
    expect(d.totals.find((t) => t.key === 'euCents')).toEqual({ key: 'euCents', applicantCents: 9_500_000, proposedCents: 8_550_000, deltaCents: -950_000 });
  });
});
