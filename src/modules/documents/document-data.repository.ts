import { Injectable } from '@nestjs/common';
import { STATE_AID_SQL, type StateAidRow } from '../applications/state-aid.sql';
import { readLatestPlanVersion, retainedPlanColumnSql } from '../applications/financing-plan-version.sql';
import { type ConventionStateAid, conventionStateAid } from '../applications/domain/state-aid-view';
import type { StateAidDeclaration } from '../cofinancing/domain/state-aid';
import { beneficiaryLegalNameSql, beneficiarySiretSql } from '../organisations/beneficiary-identity.sql';
import { DataSource } from 'typeorm';
import { toCents, toCentsOrNull } from '../../common/money/cents';
import type { ConventionData } from './render/convention.layout';
import type { DecisionLetterData, LetterOutcome } from './render/decision-letter.layout';
import type { MinutesData } from './render/committee-minutes.layout';

type Without<T, K extends keyof T> = Omit<T, K>;
export type ConventionFacts = Without<ConventionData, 'issuer' | 'version'> & { status: string };
export type LetterFacts = Without<DecisionLetterData, 'issuer' | 'version'> & { applicationId: string };
export type MinutesFacts = Without<MinutesData, 'issuer' | 'version'>;

interface DossierRow {
  id: string;
  status: string;
  number: string;
  title: string;
  start_date: string;
  end_date: string;
  physical_investment: boolean;
  call_reference: string;
  call_title: string;
  programme_cci: string;
  priority: number;
  specific_objective: string;
  intervention_field_code: string;
  interim_cap_bp: number;
  signature_deadline_days: number;
  legal_name: string;
  siret: string;
  address_line: string;
  postal_code: string;
  city: string;
  advance_category: string;
}

/** Money columns arrive as bigint text and are decoded once with toCents (docs/decisions/0005-integer-money.md). */
type Money = string;

interface FavorableDecisionRow {
  eu: Money;
  conditions: string | null;
  decided_at: Date;
}

interface CommitteeDecisionRow {
  application_id: string;
  outcome: string;
  eu: Money | null;
  conditions: string | null;
  reason_code: string | null;
  reason: string | null;
  requests: string | null;
  decided_at: Date;
  title: string;
  scheduled_at: Date;
}

interface MinutesSessionRow {
  title: string;
  scheduled_at: Date;
  location: string | null;
  quorum: number;
  reference: string;
  call_title: string;
  envelope_cents: Money;
  secretary: string | null;
  programmed_before: Money;
}

interface MinutesItemRow {
  position: number;
  rank: number | null;
  number: string;
  title: string | null;
  cte: Money | null;
  organisation: string;
  total: string | null;
  eu: Money;
  ranking_status: string | null;
  recused: string[];
  outcome: string | null;
  decided_eu: Money | null;
  reason_code: string | null;
  reason: string | null;
  conditions: string | null;
  requests: string | null;
}

const DOSSIER = `
  SELECT a.id, a.status, a.number, a.title, a.start_date::text AS start_date,
         coalesce((SELECT op.end_date FROM operation op WHERE op.application_id = a.id), a.end_date)::text AS end_date, a.physical_investment,
         c.reference AS call_reference, c.title AS call_title, c.programme_cci, c.priority, c.specific_objective, c.intervention_field_code,
         c.interim_cap_bp, c.signature_deadline_days,
         ${beneficiaryLegalNameSql()} AS legal_name, ${beneficiarySiretSql()} AS siret, o.address_line, o.postal_code, o.city, o.advance_category
    FROM application a JOIN call c ON c.id = a.call_id JOIN organisation o ON o.id = a.organisation_id
   WHERE a.id = $1`;

/**
 * Reasons are stored as strings or as `{ message | reason | label }` objects by the modules that decide; an eligibility
 * reason carries its rule's legal reference, quoted after it so that the letter gives the rule-by-rule grounds.
 */
function reasonTexts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((r) => {
      if (typeof r === 'string') return r;
      if (!r || typeof r !== 'object') return null;
      const o = r as Record<string, unknown>;
      const text = o.message ?? o.reason ?? o.label;
      if (typeof text !== 'string') return null;
      return typeof o.legalReference === 'string' && o.legalReference.trim() ? `${text.trim()} (${o.legalReference.trim()})` : text;
    })
    .filter((r): r is string => typeof r === 'string' && r.trim().length > 0);
}

const address = (d: DossierRow): string => `${d.address_line}, ${d.postal_code} ${d.city}`;

/** Loads, for the worker, everything a document states; the handlers turn it into layouts. */
@Injectable()
export class DocumentDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  private async dossier(applicationId: string): Promise<DossierRow> {
    const [row] = await this.dataSource.query<DossierRow[]>(DOSSIER, [applicationId]);
    if (!row) throw new Error(`application ${applicationId} not found`);
    return row;
  }

  async convention(applicationId: string): Promise<ConventionFacts> {
    const d = await this.dossier(applicationId);
    // The retained plan is the highest version: later versions are the instructor's or the committee's reductions.
    const plan = await readLatestPlanVersion(this.dataSource, applicationId);
    if (!plan) throw new Error(`application ${applicationId} has no financing plan version`);
    const [decision] = await this.dataSource.query<FavorableDecisionRow[]>(
      `SELECT eu_cents AS eu, conditions, decided_at FROM committee_decision WHERE application_id = $1 AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1`,
      [applicationId],
    );
    // An accepted amendment (avenant) makes this version « Avenant n° N »; its end date and plan are already the ones read above.
    const [amendment] = await this.dataSource.query<{ number: number; reason: string; decidedAt: Date }[]>(
      `SELECT number, reason, decided_at AS "decidedAt" FROM amendment WHERE application_id = $1 AND status = 'ACCEPTED' ORDER BY number DESC LIMIT 1`,
      [applicationId],
    );
    const [aid] = await this.dataSource.query<{ declared: boolean; assessment: string | null }[]>(
      `SELECT a.state_aid AS declared, nullif(btrim(r.sections->>'stateAid'), '') AS assessment
         FROM application a LEFT JOIN instruction_report r ON r.application_id = a.id WHERE a.id = $1`,
      [applicationId],
    );
    const declaredAid = await this.conventionStateAid(applicationId);
    const targets = await this.dataSource.query<NonNullable<ConventionFacts['targets']>>(
      `SELECT code, total, women, men, non_binary AS "nonBinary" FROM indicator_target
        WHERE application_id = $1 AND version_no = (SELECT max(version_no) FROM indicator_target WHERE application_id = $1) ORDER BY code`,
      [applicationId],
    );
    return {
      amendment: amendment ?? null,
      stateAid: { ...(aid ?? { declared: false, assessment: null }), clause: declaredAid.regime ? declaredAid.clause : null },
      targets,
      status: d.status,
      number: d.number,
      call: {
        reference: d.call_reference,
        title: d.call_title,
        cci: d.programme_cci,
        priority: d.priority,
        specificObjective: d.specific_objective,
        interventionField: d.intervention_field_code,
        interimCapBp: d.interim_cap_bp,
      },
      organisation: { legalName: d.legal_name, siret: d.siret, address: address(d), advanceCategory: d.advance_category },
      project: { title: d.title, startDate: d.start_date, endDate: d.end_date, physicalInvestment: d.physical_investment },
      plan: {
        versionNo: plan.versionNo,
        costOption: plan.costOption,
        flatRateBp: plan.flatRateBp,
        lines: plan.lines,
        resources: plan.resources,
        totalDirectCents: plan.totals.directCostsCents,
        totalFlatRateCents: plan.totals.flatRateCostsCents,
        totalEligibleCents: plan.totals.totalEligibleCents,
        euCents: plan.totals.euCents,
      },
      decision: decision ? { euCents: toCents(decision.eu), conditions: decision.conditions, decidedAt: decision.decided_at } : null,
    };
  }

  async letter(source: 'admissibility' | 'eligibility' | 'committee', sourceId: string): Promise<LetterFacts> {
    let applicationId: string;
    let outcome: LetterOutcome;
    let decidedAt: Date;
    let reasons: string[] = [];
    let reasonCode: string | null = null;
    let committee: LetterFacts['committee'] = null;
    let favorable: LetterFacts['favorable'] = null;
    if (source === 'admissibility') {
      const [r] = await this.dataSource.query<{ application_id: string; outcome: string; reasons: unknown; decided_at: Date }[]>(
        `SELECT application_id, outcome, reasons, decided_at FROM admissibility_review WHERE id = $1`,
        [sourceId],
      );
      if (!r || r.outcome !== 'INADMISSIBLE') throw new Error(`admissibility review ${sourceId} is not an inadmissibility`);
      [applicationId, outcome, decidedAt, reasons] = [r.application_id, 'INADMISSIBLE', r.decided_at, reasonTexts(r.reasons)];
    } else if (source === 'eligibility') {
      const [r] = await this.dataSource.query<{ application_id: string; verdict: string | null; verdict_reasons: unknown; confirmed_at: Date }[]>(
        `SELECT application_id, verdict, verdict_reasons, confirmed_at FROM eligibility_report WHERE application_id = $1`,
        [sourceId],
      );
      if (!r || r.verdict !== 'INELIGIBLE') throw new Error(`eligibility report ${sourceId} is not an ineligibility`);
      [applicationId, outcome, decidedAt, reasons] = [r.application_id, 'INELIGIBLE', r.confirmed_at, reasonTexts(r.verdict_reasons)];
    } else {
      const [r] = await this.dataSource.query<CommitteeDecisionRow[]>(
        `SELECT d.application_id, d.outcome, d.eu_cents AS eu, d.conditions, d.reason_code, d.reason, d.requests, d.decided_at, s.title, s.scheduled_at
           FROM committee_decision d JOIN committee_session s ON s.id = d.session_id WHERE d.id = $1`,
        [sourceId],
      );
      if (!r) throw new Error(`committee decision ${sourceId} not found`);
      applicationId = r.application_id;
      decidedAt = r.decided_at;
      committee = { title: r.title, date: r.scheduled_at };
      outcome =
        r.outcome === 'POSTPONED' ? 'POSTPONED' : r.outcome === 'FAVORABLE' ? 'FAVORABLE' : r.reason_code === 'INELIGIBLE' ? 'INELIGIBLE' : 'DEFAVORABLE';
      reasonCode = r.outcome === 'DEFAVORABLE' && r.reason_code !== 'INELIGIBLE' ? r.reason_code : null;
      reasons = [r.outcome === 'POSTPONED' ? r.requests : r.reason].filter((x): x is string => typeof x === 'string');
      if (outcome === 'INELIGIBLE') reasons = [...(await this.eligibilityReasons(applicationId)), ...reasons];
      if (outcome === 'FAVORABLE') {
        const plan = await readLatestPlanVersion(this.dataSource, applicationId);
        favorable = {
          euCents: toCents(r.eu ?? 0),
          totalEligibleCents: plan?.totals.totalEligibleCents ?? toCents(0),
          conditions: r.conditions,
          signatureDeadlineDays: 0,
        };
      }
    }
    const d = await this.dossier(applicationId);
    if (favorable) favorable.signatureDeadlineDays = d.signature_deadline_days;
    return {
      applicationId,
      number: d.number,
      outcome,
      decidedAt: decidedAt ?? new Date(),
      organisation: { legalName: d.legal_name, address: address(d) },
      project: { title: d.title, startDate: d.start_date },
      call: { reference: d.call_reference, title: d.call_title },
      reasons,
      reasonCode,
      committee,
      favorable,
    };
  }

  /**
   * The failed rules of the dossier's eligibility report, one reason each with its legal reference: the confirmed
   * verdict's reasons, else the failed results (an instructor's override prevails over the engine).
   */
  private async eligibilityReasons(applicationId: string): Promise<string[]> {
    const [r] = await this.dataSource.query<
      {
        verdict_reasons: unknown;
        results: { ruleId: string; passed: boolean; reason: string; legalReference: string }[] | null;
        overrides: { ruleId: string; passed: boolean; reason: string }[] | null;
      }[]
    >(`SELECT verdict_reasons, results, overrides FROM eligibility_report WHERE application_id = $1`, [applicationId]);
    if (!r) return [];
    const confirmed = reasonTexts(r.verdict_reasons);
    if (confirmed.length) return confirmed;
    const overrides = new Map((r.overrides ?? []).map((o) => [o.ruleId, o]));
    return reasonTexts(
      (r.results ?? [])
        .map((x) => {
          const o = overrides.get(x.ruleId);
          return o ? { ...x, passed: o.passed, reason: o.reason } : x;
        })
        .filter((x) => !x.passed),
    );
  }

  async minutes(sessionId: string): Promise<MinutesFacts> {
    const [s] = await this.dataSource.query<MinutesSessionRow[]>(
      `SELECT s.title, s.scheduled_at, s.location, s.quorum, c.reference, c.title AS call_title, c.envelope_cents, u.display_name AS secretary,
              (SELECT coalesce(sum(d.eu_cents), 0) FROM committee_decision d JOIN committee_session e ON e.id = d.session_id
                WHERE e.call_id = s.call_id AND e.id <> s.id AND e.scheduled_at < s.scheduled_at AND d.outcome = 'FAVORABLE') AS programmed_before
         FROM committee_session s JOIN call c ON c.id = s.call_id LEFT JOIN app_user u ON u.id = s.created_by WHERE s.id = $1`,
      [sessionId],
    );
    if (!s) throw new Error(`committee session ${sessionId} not found`);
    const members = await this.dataSource.query<MinutesFacts['members']>(
      `SELECT u.display_name AS name, m.institution, m.role, m.present FROM committee_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.session_id = $1 ORDER BY (m.role = 'CHAIR') DESC, u.display_name`,
      [sessionId],
    );
    const rows = await this.dataSource.query<MinutesItemRow[]>(
      `SELECT i.position, i.rank, a.number, a.title, ${beneficiaryLegalNameSql()} AS organisation,
              ${retainedPlanColumnSql('total_eligible_cents', 'a.id')} AS cte, i.total, i.eu_cents AS eu, i.ranking_status,
                coalesce((SELECT array_agg(u.display_name ORDER BY u.display_name) FROM app_user u WHERE u.id = ANY(i.recused_user_ids)), '{}') AS recused,
              d.outcome, d.eu_cents AS decided_eu, d.reason_code, d.reason, d.conditions, d.requests
         FROM committee_item i JOIN application a ON a.id = i.application_id JOIN organisation o ON o.id = a.organisation_id
         LEFT JOIN committee_decision d ON d.session_id = i.session_id AND d.application_id = i.application_id
        WHERE i.session_id = $1 ORDER BY i.position`,
      [sessionId],
    );
    const items: MinutesFacts['items'] = rows.map((r) => ({
      position: r.position,
      rank: r.rank,
      number: r.number,
      title: r.title ?? '',
      organisation: r.organisation,
      totalEligibleCents: toCents(r.cte ?? 0),
      total: r.total,
      euCents: toCents(r.eu),
      rankingStatus: r.ranking_status,
      recused: r.recused,
      decision: r.outcome
        ? {
            outcome: r.outcome,
            euCents: toCentsOrNull(r.decided_eu),
            reasonCode: r.reason_code,
            reason: r.reason,
            conditions: r.conditions,
            requests: r.requests,
          }
        : null,
    }));
    return {
      session: {
        title: s.title,
        scheduledAt: s.scheduled_at,
        location: s.location,
        quorum: s.quorum,
        call: { reference: s.reference, title: s.call_title },
        secretary: s.secretary,
      },
      envelope: { totalCents: toCents(s.envelope_cents), programmedBeforeCents: toCents(s.programmed_before) },
      members,
      items,
    };
  }
  /**
   * The State aid regime declared in the dossier, for the convention's clause (docs/domain/state-aid.md): regime and
   * label, GBER article, reference, de minimis received, the retention rule and end date, and a ready `clause`.
   * The EU amount is the latest favourable decision's, else the retained plan's.
   */
  async conventionStateAid(applicationId: string): Promise<ConventionStateAid> {
    const [raw] = await this.dataSource.query<StateAidRow[]>(STATE_AID_SQL, [applicationId]);
    const declaration: StateAidDeclaration | null = raw ? { ...raw, deMinimisReceivedCents: toCentsOrNull(raw.deMinimisReceivedCents) } : null;
    const [facts] = await this.dataSource.query<{ eu: Money | null; grantDate: string | null; cpr82End: string | null }[]>(
      `SELECT coalesce((SELECT eu_cents FROM committee_decision WHERE application_id = $1 AND outcome = 'FAVORABLE' ORDER BY decided_at DESC LIMIT 1),
                       ${retainedPlanColumnSql('eu_cents', '$1')}) AS eu,
              (SELECT CASE WHEN count(DISTINCT party) = 2 THEN to_char(max(signed_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') END
                 FROM convention_signature WHERE application_id = $1) AS "grantDate",
              (SELECT retention_end::text FROM operation_closure WHERE application_id = $1) AS "cpr82End"`,
      [applicationId],
    );
    return conventionStateAid(declaration, toCents(facts?.eu ?? 0), { grantDate: facts?.grantDate ?? null, cpr82End: facts?.cpr82End ?? null });
  }
}
