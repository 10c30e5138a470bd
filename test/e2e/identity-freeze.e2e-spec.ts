import { DataSource } from 'typeorm';
import { ReportDataRepository } from '../../src/modules/reports/report-data.repository';
import { createApplicant, createStaff } from '../support/factories/application.factory';
import { validSiret } from '../support/factories/admissibility.factory';
import { setStatus, submittedDossier } from '../support/factories/documents.factory';
import { truncateAll, useTestApp } from '../support/test-app';

/**
 * Frozen legal identity (issue 18, point 4; docs/security.md): after a submission the SIRET, legal name and legal form
 * change only through a request approved by instruction staff, audited; reports and the catalogue keep the snapshot's.
 */
describe('frozen legal identity (e2e)', () => {
  const ctx = useTestApp();

  beforeAll(async () => truncateAll(ctx.owner));

  it('lets the owner change the identity freely before any submission', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const res = await ctx.t
      .http()
      .patch(`/api/v1/organisations/${a.organisation.id}`)
      .set(a.auth)
      .set('If-Match', '"1"')
      .send({ siret: validSiret(), legalName: 'Nouveau nom' });
    expect(res.status).toBe(200);
    expect(res.body.legalName).toBe('Nouveau nom');
  });

  it('refuses a direct change after submission, then applies the approved request while exports keep the snapshot', async () => {
    const { t, owner } = ctx;
    const d = await submittedDossier(t, owner);
    const orgId = d.applicant.organisation.id;
    const [before] = await owner.query(`SELECT siret, legal_name, version FROM organisation WHERE id = $1`, [orgId]);
    const etag = `"${before.version}"`;
    const newSiret = validSiret();

    // Direct changes of the identity fields: 409 naming each field; other fields stay editable.
    const frozen = await t
      .http()
      .patch(`/api/v1/organisations/${orgId}`)
      .set(d.applicant.auth)
      .set('If-Match', etag)
      .send({ siret: newSiret, legalName: 'Autre nom', city: 'Lyon' });
    expect(frozen.status).toBe(409);
    expect(frozen.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(frozen.body.code).toBe('IDENTITY_FROZEN');
    expect(frozen.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['legalName', 'siret']);
    const city = await t.http().patch(`/api/v1/organisations/${orgId}`).set(d.applicant.auth).set('If-Match', etag).send({ city: 'Villeurbanne' }).expect(200);
    expect(city.body.siret).toBe(before.siret);

    // The request: owners only, one pending at a time, SIRET checked.
    const other = await createApplicant(t, owner, 'Autre Porteuse');
    await t.http().post(`/api/v1/organisations/${orgId}/identity-changes`).set(other.auth).send({ siret: newSiret, reason: 'Fusion' }).expect(404);
    const bad = await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ siret: '12345678901234', reason: 'Fusion' });
    expect(bad.status).toBe(400);
    const nothing = await t.http().post(`/api/v1/organisations/${orgId}/identity-changes`).set(d.applicant.auth).send({ siret: before.siret, reason: 'Rien' });
    expect(nothing.status).toBe(400);
    const created = await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ siret: newSiret, legalName: 'Les Ruches Réunies', reason: 'Fusion avec une autre association' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'PENDING',
      requested: { siret: newSiret, legalName: 'Les Ruches Réunies', legalForm: null },
      previous: { siret: before.siret },
    });
    const again = await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ legalName: 'Encore un autre', reason: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('IDENTITY_CHANGE_PENDING');
    const mine = await t.http().get(`/api/v1/organisations/${orgId}/identity-changes`).set(d.applicant.auth).expect(200);
    expect(mine.body).toHaveLength(1);
    expect(JSON.stringify(mine.body)).not.toContain(d.applicant.user.id);

    // Staff queue and decision: applicants cannot decide; If-Match required.
    const instructor = await createStaff(t, owner, 'INSTRUCTOR');
    await t.http().get('/api/v1/identity-changes').set(d.applicant.auth).expect(403);
    await t.http().post(`/api/v1/identity-changes/${created.body.id}/approve`).set(d.applicant.auth).set('If-Match', '"1"').send({}).expect(403);
    const queue = await t.http().get('/api/v1/identity-changes?status=PENDING&limit=10').set(instructor.auth).expect(200);
    expect(queue.body.items.map((r: { id: string }) => r.id)).toContain(created.body.id);
    expect((await t.http().post(`/api/v1/identity-changes/${created.body.id}/approve`).set(instructor.auth).send({})).status).toBe(428);
    expect((await t.http().post(`/api/v1/identity-changes/${created.body.id}/approve`).set(instructor.auth).set('If-Match', '"7"').send({})).status).toBe(412);

    await setStatus(owner, d.applicationId, 'CONVENTION_ISSUED');
    const approved = await t
      .http()
      .post(`/api/v1/identity-changes/${created.body.id}/approve`)
      .set(instructor.auth)
      .set('If-Match', '"1"')
      .send({ comment: 'Extrait Kbis reçu' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    const decidedTwice = await t.http().post(`/api/v1/identity-changes/${created.body.id}/approve`).set(instructor.auth).set('If-Match', '"2"').send({});
    expect(decidedTwice.body.code).toBe('IDENTITY_CHANGE_DECIDED');
    const org = await t.http().get(`/api/v1/organisations/${orgId}`).set(d.applicant.auth).expect(200);
    expect(org.body).toMatchObject({ siret: newSiret, legalName: 'Les Ruches Réunies' });

    // Audited with before and after, by the instructor.
    const audit = await owner.query(
      `SELECT action, actor_user_id AS actor_id, before, after FROM audit_log WHERE subject_id = $1 AND action LIKE 'organisation.identity_change_%' ORDER BY seq`,
      [orgId],
    );
    expect(audit.map((r: { action: string }) => r.action)).toEqual(['organisation.identity_change_requested', 'organisation.identity_change_approved']);
    expect(audit[1].actor_id).toBe(instructor.user.id);
    expect(audit[1].before).toMatchObject({ siret: before.siret, legalName: before.legal_name });
    expect(audit[1].after).toMatchObject({ siret: newSiret, legalName: 'Les Ruches Réunies' });

    // The managing authority's export and the public catalogue name the beneficiary as submitted (and as in the convention).
    const [call] = await owner.query(`SELECT priority FROM call WHERE id = $1`, [d.callId]);
    const records = [];
    for await (const batch of new ReportDataRepository(t.app.get(DataSource)).operations(['CONVENTION_ISSUED'], { priority: call.priority, callId: d.callId }))
      records.push(...batch);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ siret: before.siret, organisationName: before.legal_name });
    const catalogue = await t.http().get(`/api/v1/public/operations/${d.number}`);
    expect(catalogue.status).toBe(200);
    {
      expect(JSON.stringify(catalogue.body)).toContain(before.legal_name);
      expect(JSON.stringify(catalogue.body)).not.toContain('Les Ruches Réunies');
    }
  });

  it('refuses with a comment, audited, leaving the organisation unchanged', async () => {
    const { t, owner } = ctx;
    const d = await submittedDossier(t, owner);
    const orgId = d.applicant.organisation.id;
    const created = await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ legalForm: 'SCOP', reason: 'Transformation' })
      .expect(201);
    const manager = await createStaff(t, owner, 'PROGRAMME_MANAGER');
    const noComment = await t.http().post(`/api/v1/identity-changes/${created.body.id}/refuse`).set(manager.auth).set('If-Match', '"1"').send({});
    expect(noComment.status).toBe(400);
    const refused = await t
      .http()
      .post(`/api/v1/identity-changes/${created.body.id}/refuse`)
      .set(manager.auth)
      .set('If-Match', '"1"')
      .send({ comment: 'Pièce manquante' })
      .expect(200);
    expect(refused.body).toMatchObject({ status: 'REFUSED', decisionComment: 'Pièce manquante' });
    const [org] = await owner.query(`SELECT legal_form FROM organisation WHERE id = $1`, [orgId]);
    expect(org.legal_form).not.toBe('SCOP');
    const [row] = await owner.query(`SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'organisation.identity_change_refused'`, [
      orgId,
    ]);
    expect(row.n).toBe(1);
    // A new request may follow a decided one.
    await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ legalForm: 'SCOP', reason: 'Transformation, Kbis joint' })
      .expect(201);
  });

  it('lets instruction staff decide from the page: pending requests listed, approve and refuse forms with the version', async () => {
    const { t, owner } = ctx;
    const d = await submittedDossier(t, owner);
    const orgId = d.applicant.organisation.id;
    const created = await t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(d.applicant.auth)
      .send({ legalName: 'Les Abeilles Unies', reason: 'Changement de nom voté en assemblée générale' })
      .expect(201);
    const instructor = await createStaff(t, owner, 'INSTRUCTOR');
    const { cookie, csrfToken } = instructor.session;
    const page = await t.http().get('/instruction/identites').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain(`data-request-id="${created.body.id}"`);
    expect(page.text).toContain('Les Abeilles Unies');
    await t.http().get('/instruction/identites').set('Cookie', d.applicant.session.cookie).set('Accept', 'text/html').expect(403);
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post(`/instruction/identites/${created.body.id}/decision`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfToken, ...form });
    const refusedWithout = await post({ version: '1', decision: 'refuser', comment: '' });
    expect(refusedWithout.status).toBe(422);
    expect((await post({ version: '9', decision: 'approuver', comment: '' })).status).toBe(422);
    const ok = await post({ version: '1', decision: 'approuver', comment: 'Procès-verbal reçu' }).expect(303);
    expect(ok.headers.location).toBe('/instruction/identites?statut=approuvee');
    const [org] = await owner.query(`SELECT legal_name FROM organisation WHERE id = $1`, [orgId]);
    expect(org.legal_name).toBe('Les Abeilles Unies');
    const after = await t.http().get('/instruction/identites?statut=approuvee').set('Cookie', cookie).set('Accept', 'text/html').expect(200);
    expect(after.text).not.toContain(`data-request-id="${created.body.id}"`);
  });

  it('explains the freeze on the organisation edit form instead of an error page', async () => {
    const { t, owner } = ctx;
    const d = await submittedDossier(t, owner);
    const orgId = d.applicant.organisation.id;
    const org = (await t.http().get(`/api/v1/organisations/${orgId}`).set(d.applicant.auth).expect(200)).body as Record<string, unknown>;
    const form = Object.fromEntries(
      ['legalForm', 'essStatus', 'vatRecovery', 'advanceCategory', 'addressLine', 'postalCode', 'city', 'departement', 'version'].map((k) => [
        k,
        String(org[k]),
      ]),
    );
    const res = await t
      .http()
      .post(`/structures/${orgId}/modifier`)
      .set('Cookie', d.applicant.session.cookie)
      .type('form')
      .send({ _csrf: d.applicant.session.csrfToken, ...form, siret: validSiret(), legalName: String(org.legalName) });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('demande validée par le service gestionnaire');
  });

  it('lets the owner ask for an identity change from the organisation page and follow it there', async () => {
    const { t, owner } = ctx;
    const d = await submittedDossier(t, owner);
    const orgId = d.applicant.organisation.id;
    const { cookie, csrfToken } = d.applicant.session;
    const post = (form: Record<string, string>) =>
      t
        .http()
        .post(`/structures/${orgId}/identite`)
        .set('Cookie', cookie)
        .type('form')
        .send({ _csrf: csrfToken, ...form });
    expect((await post({ legalName: 'Nouveau nom', reason: '' })).status).toBe(422);
    expect((await post({ legalName: 'Les Ruches Associées', reason: 'Changement de nom, procès-verbal joint' }).expect(303)).headers.location).toBe(
      `/structures/${orgId}#identite`,
    );
    const again = await post({ legalName: 'Encore', reason: 'Autre' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('attend déjà');
    const page = await t.http().get(`/structures/${orgId}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain('data-identity-change=');
    expect(page.text).toContain('En attente');
    const [{ n }] = await owner.query(`SELECT count(*)::int AS n FROM organisation_identity_change WHERE organisation_id = $1`, [orgId]);
    expect(n).toBe(1);
  });
});
