import type { OperationRecord } from '../domain/operation-record';

export interface Breakdown {
  key: string;
  operations: number;
  totalEligibleCents: number;
  euCents: number;
}

export interface CallEnvelope {
  reference: string;
  title: string;
  envelopeCents: number;
}

export interface FundingSummary {
  envelopeCents: number;
  programmedEuCents: number;
  /** Negative when the committee programmed more than the envelope (it is shown as such, never clamped). */
  remainingCents: number;
  operations: number;
  totalEligibleCents: number;
  byField: Breakdown[];
  byDepartement: Breakdown[];
  byCall: (CallEnvelope & { operations: number; euCents: number; paidCents: number })[];
  /** Execution (docs/domain/payments.md): expenditure declared, verified, EU amount paid (recoveries settled deducted). */
  declaredCents: number;
  verifiedCents: number;
  paidCents: number;
}

type Programmed = Pick<OperationRecord, 'callReference' | 'departement' | 'interventionField' | 'totalEligibleCents' | 'euCents'> &
  Partial<Pick<OperationRecord, 'declaredCents' | 'verifiedCents' | 'paidCents'>>;

/** Totals of the funding report (docs/domain/documents.md, reports.md) over the selected operations of the given calls. */
export function summariseFunding(calls: readonly CallEnvelope[], operations: Iterable<Programmed>): FundingSummary {
  const byField = new Map<string, Breakdown>();
  const byDep = new Map<string, Breakdown>();
  const byCall = new Map(calls.map((c) => [c.reference, { ...c, operations: 0, euCents: 0, paidCents: 0 }]));
  let programmed = 0;
  let declared = 0;
  let verified = 0;
  let paid = 0;
  let cte = 0;
  let count = 0;
  const add = (m: Map<string, Breakdown>, key: string, o: Programmed): void => {
    const b = m.get(key) ?? { key, operations: 0, totalEligibleCents: 0, euCents: 0 };
    b.operations += 1;
    b.totalEligibleCents += o.totalEligibleCents;
    b.euCents += o.euCents;
    m.set(key, b);
  };
  for (const o of operations) {
    count += 1;
    programmed += o.euCents;
    cte += o.totalEligibleCents;
    declared += o.declaredCents ?? 0;
    verified += o.verifiedCents ?? 0;
    paid += o.paidCents ?? 0;
    add(byField, o.interventionField, o);
    add(byDep, o.departement ?? '—', o);
    const c = byCall.get(o.callReference);
    if (c) {
      c.operations += 1;
      c.euCents += o.euCents;
      c.paidCents += o.paidCents ?? 0;
    }
  }
  const envelope = calls.reduce((s, c) => s + c.envelopeCents, 0);
  const byKey = (a: Breakdown, b: Breakdown): number => a.key.localeCompare(b.key);
  return {
    envelopeCents: envelope,
    programmedEuCents: programmed,
    remainingCents: envelope - programmed,
    operations: count,
    totalEligibleCents: cte,
    byField: [...byField.values()].sort(byKey),
    byDepartement: [...byDep.values()].sort(byKey),
    byCall: [...byCall.values()].sort((a, b) => a.reference.localeCompare(b.reference)),
    declaredCents: declared,
    verifiedCents: verified,
    paidCents: paid,
  };
}
