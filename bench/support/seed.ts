import { randomBytes } from 'node:crypto';
import type { ClientBase } from 'pg';
import { hashPassword } from '../../src/modules/auth/password';
import type { BenchUser } from './user';
import { at } from '../../src/common/collections';

/**
 * Direct SQL set-up, mirroring test/support/factories/application.factory.ts (createOpenCall, createOrganisation,
 * addMember) and user.factory.ts: what the benches measure is never the set-up itself.
 */

const DAY = 86_400_000;

export const BENCH_PASSWORD = 'bench password 2026';

export type CallKind = 'open' | 'closed' | 'upcoming' | 'draft';

export interface CallSpec {
  kind: CallKind;
  /** Spreads the closing dates so that the listings have a real order to follow. */
  offsetDays?: number;
}

/**
 * Calls as createOpenCall inserts them (95 %, ESF+ 50 000 € – 400 000 €, STATUTS and RIB required, the three
 * flat-rate options and real costs), published ones frozen as call_version 1. Open: opens_at ≤ now < closes_at.
 */
export async function insertCalls(db: ClientBase, specs: CallSpec[]): Promise<{ id: string; kind: CallKind }[]> {
  const now = Date.now();
  const run = randomBytes(3).toString('hex').toUpperCase();
  const windows = specs.map((s, i) => {
    const k = s.offsetDays ?? i;
    switch (s.kind) {
      case 'open':
        return { opensAt: new Date(now - DAY - k * 3_600_000), closesAt: new Date(now + 30 * DAY + k * DAY) };
      case 'closed':
        return { opensAt: new Date(now - 120 * DAY - k * DAY), closesAt: new Date(now - DAY - k * DAY) };
      case 'upcoming':
        return { opensAt: new Date(now + 10 * DAY + k * DAY), closesAt: new Date(now + 60 * DAY + k * DAY) };
      case 'draft':
        return { opensAt: new Date(now + 30 * DAY), closesAt: new Date(now + 90 * DAY + k * DAY) };
    }
  });
  const published = specs.map((s) => s.kind !== 'draft');
  const references = specs.map((_, i) => `AAP-BENCH-${run}-${String(i + 1).padStart(4, '0')}`);
  const { rows } = await db.query<{ id: string; reference: string }>(
    `INSERT INTO call (reference, title, description, max_rate_bp, envelope_cents, opens_at, closes_at, min_eu_cents, max_eu_cents,
                       min_duration_months, max_duration_months, cost_options, required_document_types, target_publics,
                       status, published_version, published_at)
     SELECT t.reference, 'Innovation sociale — appel ' || t.reference, 'Appel créé par le banc d''essai.', 9500, 500000000, t.opens_at, t.closes_at,
            5000000, 40000000, 12, 36, $5::jsonb, $6::jsonb, $7::jsonb,
            CASE WHEN t.published THEN 'PUBLISHED' ELSE 'DRAFT' END,
            CASE WHEN t.published THEN 1 END,
            CASE WHEN t.published THEN t.opens_at END
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::boolean[]) AS t(reference, opens_at, closes_at, published)
     RETURNING id, reference`,
    [
      references,
      windows.map((w) => w.opensAt),
      windows.map((w) => w.closesAt),
      published,
      JSON.stringify([
        { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
        { option: 'INDIRECT_7_DIRECT', rateBp: 700 },
        { option: 'OTHER_COSTS_40_STAFF', rateBp: 4000 },
        { option: 'REAL_COSTS', rateBp: 0 },
      ]),
      JSON.stringify(['STATUTS', 'RIB']),
      JSON.stringify(['PERSONNES_ELOIGNEES_EMPLOI', 'JEUNES_NEET', 'HABITANTS_QPV']),
    ],
  );
  await db.query(
    `INSERT INTO call_version (call_id, version, rules) SELECT id, 1, to_jsonb(call.*) FROM call WHERE id = ANY($1::uuid[]) AND status = 'PUBLISHED'`,
    [rows.map((r) => r.id)],
  );
  const idOf = new Map(rows.map((r) => [r.reference, r.id]));
  return references.map((reference, i) => ({ id: idOf.get(reference)!, kind: at(specs, i, 'call spec').kind }));
}

/** Organisations as createOrganisation inserts them (random SIRET, an association in Lyon). */
export async function insertOrganisations(db: ClientBase, count: number): Promise<string[]> {
  const sirets = Array.from({ length: count }, () => Array.from(randomBytes(14), (b) => String(b % 10)).join(''));
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organisation (siret, legal_name, legal_form, ess_status, address_line, postal_code, city, departement)
     SELECT s, 'Association ' || substr(md5(s), 1, 6), 'ASSOCIATION_1901', true, '1 rue de la Paix', '69003', 'Lyon', '69'
       FROM unnest($1::text[]) WITH ORDINALITY AS t(s, ord) ORDER BY ord
     RETURNING id`,
    [sirets],
  );
  return rows.map((r) => r.id);
}

export interface BenchApplicant extends BenchUser {
  userId: string;
  organisationId: string;
}

/**
 * APPLICANT users, each OWNER of a fresh organisation (createApplicant without the login). They share one password,
 * hashed once: argon2 is slow by design and signing up is not what is measured.
 */
export async function insertApplicants(db: ClientBase, count: number): Promise<BenchApplicant[]> {
  const run = randomBytes(4).toString('hex');
  const hash = await hashPassword(BENCH_PASSWORD);
  const emails = Array.from({ length: count }, (_, i) => `bench-${run}-${i}@essaim.test`);
  const users = await db.query<{ id: string; email: string }>(
    `INSERT INTO app_user (email, display_name, password_hash, roles)
     SELECT e, 'Porteuse ' || ord, $2, ARRAY['APPLICANT'] FROM unnest($1::text[]) WITH ORDINALITY AS t(e, ord) RETURNING id, email`,
    [emails, hash],
  );
  const byEmail = new Map(users.rows.map((u) => [u.email, u.id]));
  const organisations = await insertOrganisations(db, count);
  const applicants = emails.map((email, i) => ({
    email,
    password: BENCH_PASSWORD,
    userId: byEmail.get(email)!,
    organisationId: at(organisations, i, 'organisation'),
  }));
  await db.query(
    `INSERT INTO organisation_member (organisation_id, user_id, member_role) SELECT o, u, 'OWNER' FROM unnest($1::uuid[], $2::uuid[]) AS t(o, u)`,
    [applicants.map((a) => a.organisationId), applicants.map((a) => a.userId)],
  );
  return applicants;
}

/** A small but real PDF (magic bytes `%PDF-`), as the factory's pdfBytes. */
export function pdfBytes(text: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text} ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** docs/domain/cofinancing.md worked example (the factory's VALID_PLAN): CTE 112 000 €, ESF+ 106 400 € at 95 %, own funds 5 600 €. */
export const VALID_PLAN = {
  costOption: 'INDIRECT_15_STAFF',
  stateAid: false,
  lines: [
    { category: 'STAFF', label: 'Coordinatrice et animateurs', amountCents: 8_000_000 },
    { category: 'PARTICIPANTS', label: 'Allocations des participants', amountCents: 2_000_000 },
  ],
  resources: [
    { type: 'ESF_PLUS', amountCents: 10_640_000 },
    { type: 'SELF', amountCents: 560_000 },
  ],
};

/** As VALID_STATE_AID of the test factories: a State aid declaration is required at submission. */
export const VALID_STATE_AID = {
  regime: 'NONE',
  justification: 'Activité non économique : accompagnement social gratuit de publics éloignés de l’emploi, sans offre sur un marché.',
};

export const VALID_ARTICLE15 = {
  i1: { answer: true, justification: 'Aucune offre d’accompagnement de ce type dans le quartier.' },
  i2: { answer: false, justification: 'Organisation associative classique.' },
  ii: { answer: true, justification: 'Pas de modèle économique permettant un financement de marché.' },
};

/** The factory's validProject: starts in 30 days, lasts 540 days (18 months). */
export function validProject(now = new Date()): Record<string, unknown> {
  const start = new Date(now.getTime() + 30 * DAY);
  const end = new Date(start.getTime() + 540 * DAY);
  return {
    title: 'Ruches partagées en pied d’immeuble',
    summary: 'Des ruchers collectifs animés par des jeunes accompagnés vers l’emploi.',
    socialNeed: 'Isolement et absence de première expérience professionnelle des jeunes du quartier.',
    targetPublics: ['JEUNES_NEET'],
    startDate: start.toISOString().slice(0, 10),
    endDate: end.toISOString().slice(0, 10),
    place: 'Lyon 8e, quartier des États-Unis',
    departement: '69',
    withParticipants: true,
    plannedParticipants: 40,
    operationType: 'EXPERIMENTATION',
    existingProject: false,
  };
}
