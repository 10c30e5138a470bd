import type { DataSource } from 'typeorm';
import { type Cents, toCents } from '../../common/money/cents';

/**
 * The reduced award a committee decision opened, if any (docs/domain/committee.md): its letter is a proposal to accept
 * by the answer date, not a grant. `decisionId` is the committee decision the letter reports.
 */
export async function awardProposalOfDecision(
  db: DataSource,
  decisionId: string,
): Promise<{ retainedEuCents: Cents; proposedEuCents: Cents; answerDueDate: string } | null> {
  const [r] = await db.query<{ retained: string; proposed: string; due: string }[]>(
    `SELECT retained_eu_cents::text AS retained, proposed_eu_cents::text AS proposed, answer_due_date::text AS due FROM award_proposal WHERE decision_id = $1`,
    [decisionId],
  );
  return r ? { retainedEuCents: toCents(r.retained), proposedEuCents: toCents(r.proposed), answerDueDate: r.due } : null;
}
