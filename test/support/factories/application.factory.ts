import { randomBytes, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { TestApp } from '../test-app';
import { createUser, login, type Session, type TestUser } from './user.factory';
import { header, only } from '../checked';

const DAY = 86_400_000;

/** A SIRET whose SIREN and whole number both pass the Luhn checksum (random, so organisations never collide). */
export function validSiret(): string {
  const withKey = (digits: string) => {
    for (let k = 0; k <= 9; k++) if (luhn(digits + k)) return digits + k;
    throw new Error('unreachable');
  };
  const siren = withKey(String(randomInt(10_000_000, 99_999_999)));
  return withKey(siren + String(randomInt(0, 10_000)).padStart(4, '0'));
}

function luhn(digits: string): boolean {
  let total = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    total += d;
  }
  return total % 10 === 0;
}

/**
 * An organisation inserted by SQL (the organisations API belongs to another module), with a valid SIRET: an invalid
 * one fails the admissibility check, which then needs a written override (docs/domain/admissibility.md).
 */
export async function createOrganisation(db: DataSource, overrides: { legalName?: string } = {}): Promise<{ id: string; legalName: string; siret: string }> {
  const siret = validSiret();
  const legalName = overrides.legalName ?? `Association ${randomBytes(3).toString('hex')}`;
  const row = only<{ id: string }>(
    await db.query(
      `INSERT INTO organisation (siret, legal_name, legal_form, ess_status, address_line, postal_code, city, departement)
     VALUES ($1, $2, 'ASSOCIATION_1901', true, '1 rue de la Paix', '69003', 'Lyon', '69') RETURNING id`,
      [siret, legalName],
    ),
    'organisation row',
  );
  return { id: row.id, legalName, siret };
}

export async function addMember(db: DataSource, organisationId: string, userId: string): Promise<void> {
  await db.query(`INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, 'OWNER')`, [organisationId, userId]);
}

export interface CallOverrides {
  opensAt?: Date;
  closesAt?: Date;
  requiredDocumentTypes?: string[];
  minEuCents?: number;
  maxEuCents?: number | null;
  status?: 'DRAFT' | 'PUBLISHED';
}

/**
 * A published call, open now (opens_at ≤ now < closes_at), version 1 frozen in call_version: 95 %, ESF+ between
 * 50 000 € and 400 000 €, 12 to 36 months, STATUTS and RIB required, the three flat-rate options and real costs.
 */
export async function createOpenCall(db: DataSource, o: CallOverrides = {}): Promise<{ id: string; reference: string }> {
  const now = Date.now();
  const reference = `AAP-TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  const published = (o.status ?? 'PUBLISHED') === 'PUBLISHED';
  const row = only<{ id: string }>(
    await db.query(
      `INSERT INTO call (reference, title, description, max_rate_bp, envelope_cents, opens_at, closes_at, min_eu_cents, max_eu_cents,
                       min_duration_months, max_duration_months, cost_options, required_document_types, target_publics,
                       status, published_version, published_at)
     VALUES ($1, 'Innovation sociale — appel de test', 'Appel créé par les tests.', 9500, 500000000, $2, $3, $4, $5, 12, 36,
             $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, $11) RETURNING id`,
      [
        reference,
        o.opensAt ?? new Date(now - DAY),
        o.closesAt ?? new Date(now + 30 * DAY),
        o.minEuCents ?? 5_000_000,
        o.maxEuCents === undefined ? 40_000_000 : o.maxEuCents,
        JSON.stringify([
          { option: 'INDIRECT_15_STAFF', rateBp: 1500 },
          { option: 'INDIRECT_7_DIRECT', rateBp: 700 },
          { option: 'OTHER_COSTS_40_STAFF', rateBp: 4000 },
          { option: 'REAL_COSTS', rateBp: 0 },
        ]),
        JSON.stringify(o.requiredDocumentTypes ?? ['STATUTS', 'RIB']),
        JSON.stringify(['PERSONNES_ELOIGNEES_EMPLOI', 'JEUNES_NEET', 'HABITANTS_QPV']),
        o.status ?? 'PUBLISHED',
        published ? 1 : null,
        published ? new Date(now - DAY) : null,
      ],
    ),
    'call row',
  );
  if (published) await db.query(`INSERT INTO call_version (call_id, version, rules) SELECT id, 1, to_jsonb(call.*) FROM call WHERE id = $1`, [row.id]);
  return { id: row.id, reference };
}

export interface Applicant {
  user: TestUser;
  session: Session;
  organisation: { id: string; legalName: string; siret: string };
  auth: { Authorization: string };
}

/** An APPLICANT user, member of a fresh organisation, logged in (bearer token). */
export async function createApplicant(t: TestApp, db: DataSource, displayName = 'Léa Porteuse'): Promise<Applicant> {
  const user = await createUser(db, { roles: ['APPLICANT'], displayName });
  const organisation = await createOrganisation(db);
  await addMember(db, organisation.id, user.id);
  const session = await login(t, user);
  return { user, session, organisation, auth: { Authorization: `Bearer ${session.token}` } };
}

/** A signed-in staff member (bearer). */
export async function createStaff(
  t: TestApp,
  db: DataSource,
  role: 'INSTRUCTOR' | 'PROGRAMME_MANAGER' | 'EVALUATOR' | 'MANAGING_AUTHORITY' | 'ADMINISTRATOR' = 'INSTRUCTOR',
) {
  const user = await createUser(db, { roles: [role] });
  const session = await login(t, user);
  return { user, session, auth: { Authorization: `Bearer ${session.token}` } };
}

/** A small but real PDF (magic bytes `%PDF-`). */
export function pdfBytes(text = 'Statuts'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text} ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A Windows executable header, to be renamed « .pdf » by the tests. */
export function exeBytes(): Buffer {
  return Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]), randomBytes(200)]);
}

/** docs/domain/cofinancing.md worked example: CTE 112 000 €, ESF+ 106 400 € at 95 %, own funds 5 600 €. */
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

export const VALID_ARTICLE15 = {
  i1: { answer: true, justification: 'Aucune offre d’accompagnement de ce type dans le quartier.' },
  i2: { answer: false, justification: 'Organisation associative classique.' },
  ii: { answer: true, justification: 'Pas de modèle économique permettant un financement de marché.' },
};

/** Creates a draft through the API and returns its id and ETag. */
export async function createDraft(t: TestApp, a: Applicant, callId: string): Promise<{ id: string; etag: string }> {
  const res = await t.http().post('/api/v1/applications').set(a.auth).send({ callId, organisationId: a.organisation.id });
  if (res.status !== 201) throw new Error(`create draft: ${res.status} ${res.text}`);
  return { id: res.body.id, etag: header(res, 'ETag') };
}

/** Fills every section and attaches every required document through the API; returns the last ETag. */
/** « No State aid », justified: the State aid section is required at submission (docs/domain/state-aid.md). */
export const VALID_STATE_AID = {
  regime: 'NONE',
  justification: 'Activité non économique : accompagnement social gratuit de publics éloignés de l’emploi, sans offre sur un marché.',
};

export async function completeDraft(t: TestApp, a: Applicant, id: string, documentTypes = ['STATUTS', 'RIB']): Promise<string> {
  let etag = header(await t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200), 'ETag');
  for (const [path, body] of [
    ['project', validProject()],
    ['article15', VALID_ARTICLE15],
    ['financing-plan', VALID_PLAN],
    ['state-aid', VALID_STATE_AID],
  ] as const) {
    const res = await t.http().put(`/api/v1/applications/${id}/${path}`).set(a.auth).set('If-Match', etag).send(body);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    etag = header(res, 'ETag');
  }
  await declareTargets(t, a, id);
  for (const type of documentTypes) await uploadDocument(t, a, id, type, pdfBytes(type), `${type.toLowerCase()}.pdf`).expect(201);
  return header(await t.http().get(`/api/v1/applications/${id}`).set(a.auth).expect(200), 'ETag');
}

/** Targets for every indicator of the dossier's call (required at submission): EECO01 40 (22 F, 17 M, 1 X), the others 10. */
export async function declareTargets(t: TestApp, a: Applicant, id: string): Promise<void> {
  const { codes } = (await t.http().get(`/api/v1/applications/${id}/indicator-targets`).set(a.auth).expect(200)).body as { codes: { code: string }[] };
  const targets = codes.map(({ code }) => (code === 'EECO01' ? { code, total: 40, women: 22, men: 17, nonBinary: 1 } : { code, total: 10 }));
  await t.http().put(`/api/v1/applications/${id}/indicator-targets`).set(a.auth).send({ targets }).expect(204);
}

export function uploadDocument(t: TestApp, a: Applicant, id: string, documentType: string, bytes: Buffer, filename: string) {
  return t
    .http()
    .post(`/api/v1/applications/${id}/documents`)
    .set(a.auth)
    .field('documentType', documentType)
    .attach('file', bytes, { filename, contentType: 'application/pdf' });
}
