import { INestApplicationContext } from '@nestjs/common';
import { join } from 'node:path';
import { CommitteeDocuments } from '../../src/modules/committee/committee-documents';
import { DocumentRequests } from '../../src/modules/documents/document-requests.service';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { committeeScenario, openSession, postDecision } from '../support/factories/committee.factory';
import { lonelyPages, pdfText, repeatedLines } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at, only, take } from '../support/checked';

const M = 10_000; // 100,00 € in cents
const flat = (s: string): string => s.replace(/\s+/g, ' ');

interface DocRow {
  id: string;
  kind: string;
  status: string;
  version: number;
  storage_key: string | null;
  source_type: string | null;
  source_id: string | null;
  request_key: string | null;
}

/** Issue 11 point 11: what the convention must say, read from the PDF a beneficiary receives. */
function expectConventionClauses(text: string): void {
  for (const x of [
    // « Vu »: the legal bases, the programme decision and the global grant agreement.
    'Vu le règlement (UE) 2021/1060',
    'Vu le règlement (UE) 2021/1057',
    'C(2022) 5318',
    'CCI 2021FR05SFPR001',
    'loi n° 2000-321 du 12 avril 2000',
    'notamment son article 10',
    'décret n° 2022-608 du 21 avril 2022',
    'l’arrêté pris pour l’application du décret',
    'convention de subvention globale',
    // Parties, entry into force, eligibility of expenditure, end.
    'représenté(e) par',
    'entre en vigueur à la date de sa notification',
    'effectivement acquittées (payées) par le bénéficiaire au plus tard le',
    'La convention prend fin au paiement du solde',
    // Advance, payments.
    'attestation de démarrage',
    'Le cumul de l’avance et des acomptes ne peut dépasser 80 % du montant FSE+ attribué',
    'Le solde est versé après contrôle de service fait du bilan final',
    'au plus tard 80 jours après la présentation de sa demande de paiement',
    'il est égal au plus petit des trois montants suivants',
    // Reports and their content.
    'À remettre au plus tard le',
    'pièces justificatives',
    'indicateurs communs',
    'règlement général sur la protection des données',
    // Obligations.
    'comptabilité séparée',
    'jusqu’à 3 % du soutien du FSE+',
    'Une même dépense ne peut être financée deux fois',
    'code de la commande publique',
    'aide d’État',
    'principes horizontaux',
    'Commission interministérielle de coordination des contrôles',
    'Parquet européen',
    'règlement (UE) 2016/679',
    'fait l’objet d’un avenant',
    'résilier la convention',
    'ordre de reversement',
    'Tribunal administratif',
  ])
    expect(text).toContain(x);
  expect(text).not.toContain('à la signature de la présente convention');
  expect(text).not.toContain('Organisme intermédiaire FSE+');
}

/** The documents the business flows ask for by themselves: committee decisions and close, inadmissibility. */
describe('documents requested by the flows (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
  });
  afterAll(() => worker.close());

  const docsOf = (subjectId: string): Promise<DocRow[]> =>
    ctx.owner.query(
      `SELECT id, kind, status, version, storage_key, source_type, source_id, request_key FROM document WHERE subject_id = $1 ORDER BY kind, version`,
      [subjectId],
    );
  const allReady = (subjectId: string, kinds: string[]) =>
    waitFor(async () => {
      const docs = (await docsOf(subjectId)).filter((d) => kinds.includes(d.kind));
      return docs.length === kinds.length && docs.every((d) => d.status === 'READY') ? docs : null;
    }, 30_000);
  /** The document's text on one line; no page holds a single line of body text. */
  const textOf = async (d: DocRow): Promise<string> => {
    const { text, pageTexts } = await pdfText(join(ctx.t.config.files.dir, d.storage_key!));
    expect(lonelyPages(pageTexts, repeatedLines(ctx.t.config.issuer))).toEqual([]);
    return flat(text);
  };
  const statusOf = async (id: string): Promise<string> => (await ctx.owner.query(`SELECT status FROM application WHERE id = $1`, [id]))[0].status;

  it('a favorable decision yields the letter and the convention, issues the dossier; closing yields the minutes; nothing twice', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 3000 * M,
      dossiers: [
        { key: 'A', euCents: 1500 * M },
        { key: 'B', euCents: 1200 * M, scores: { C1: 3, C2: 3 } },
      ],
    });
    const sessionId = await openSession(ctx.t, s);
    const { A, B } = s.dossiers;
    // The committee factory's dossiers skip the project dates a submitted dossier always has; the convention prints them.
    await ctx.owner.query(`UPDATE application SET start_date = '2026-09-01', end_date = '2027-08-31' WHERE id = ANY($1)`, [[A.id, B.id]]);
    const decide = (applicationId: string, body: Record<string, unknown>) => postDecision(ctx.t, ctx.owner, sessionId, applicationId, s.manager.auth, body);

    // At the retained amount: a reduced one is a proposal the beneficiary answers first (award-proposal.e2e-spec.ts).
    const fav = await decide(A.id, { outcome: 'FAVORABLE' }).expect(201);
    await decide(B.id, { outcome: 'DEFAVORABLE', reasonCode: 'QUALITY', reason: 'Public cible mal défini.' }).expect(201);

    const [convention, letter] = take(await allReady(A.id, ['CONVENTION', 'DECISION_LETTER']), 2, 'document');
    expect(letter).toMatchObject({
      source_type: 'committee',
      source_id: fav.body.decisionId,
      request_key: `committee-decision-${fav.body.decisionId}`,
      version: 1,
    });
    expect(convention).toMatchObject({ request_key: `committee-convention-${fav.body.decisionId}`, version: 1 });
    const letterText = await textOf(letter);
    expect(letterText).toContain('Décision d’attribution, sous réserve de la signature de la convention');
    expect(letterText).toContain(A.number);
    expect(letterText).toContain('150 000,00 €');
    const conventionText = await textOf(convention);
    expect(conventionText).toContain(A.number);
    expect(conventionText).toContain('150 000,00 €');
    expectConventionClauses(conventionText);

    // The convention being READY issued the dossier, in its transaction: history with no user, audit by the system.
    await waitFor(async () => (await statusOf(A.id)) === 'CONVENTION_ISSUED', 10_000);
    const [history] = await ctx.owner.query(
      `SELECT from_status, actor_user_id, reason FROM application_status_history WHERE application_id = $1 AND to_status = 'CONVENTION_ISSUED'`,
      [A.id],
    );
    expect(history).toEqual({ from_status: 'PROGRAMMED', actor_user_id: null, reason: 'Convention attributive émise (version 1)' });
    const audits = await ctx.owner.query(`SELECT actor_kind, after FROM audit_log WHERE subject_id = $1 AND action = 'application.convention_issued'`, [A.id]);
    expect(audits).toHaveLength(1);
    expect(audits[0].after).toMatchObject({ status: 'CONVENTION_ISSUED', documentId: convention.id, conventionVersion: 1 });

    // The instructor's dossier page lists both documents, with a working download link.
    const instructor = at(s.members, 0, 'member');
    const page = await ctx.t.http().get(`/instruction/dossiers/${A.id}`).set('Cookie', instructor.session.cookie).expect(200);
    expect(page.text).toContain('id="documents-produits"');
    expect(page.text).toContain('Convention attributive');
    expect(page.text).toContain('Lettre de décision');
    expect(page.text).toContain(`href="/documents/${convention.id}/telecharger"`);
    const pdf = await ctx.t.http().get(`/documents/${convention.id}/telecharger`).set('Cookie', instructor.session.cookie).expect(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    // A refusal: a letter, no convention, the dossier stays REFUSED.
    const refusal = only(await allReady(B.id, ['DECISION_LETTER']), 'document');
    expect(await textOf(refusal)).toContain('Public cible mal défini.');
    expect((await docsOf(B.id)).map((d) => d.kind)).not.toContain('CONVENTION');
    expect(await statusOf(B.id)).toBe('REFUSED');

    await ctx.t.http().post(`/api/v1/committee-sessions/${sessionId}/close`).set(s.manager.auth).expect(200);
    const minutes = only(await allReady(sessionId, ['COMMITTEE_MINUTES']), 'document');
    expect(minutes.request_key).toBe(`committee-minutes-${sessionId}`);
    const minutesText = await textOf(minutes);
    expect(minutesText).toContain(A.number);
    expect(minutesText).toContain(B.number);
    expect(minutesText).toContain('DREETS Auvergne-Rhône-Alpes'); // the member's institution given when the session was created
    expect(minutesText).toContain('Le ou la secrétaire de séance');
    // The minutes are linked where the committee looks for them: the session page and the list of sessions.
    const staffPage = (path: string) => ctx.t.http().get(path).set('Cookie', s.manager.session.cookie).set('Accept', 'text/html').expect(200);
    const download = `/documents/${minutes.id}/telecharger`;
    expect((await staffPage(`/comite/seances/${sessionId}`)).text).toContain(download);
    expect((await staffPage('/comite')).text).toContain(download);
    await ctx.t.http().get(download).set('Cookie', s.manager.session.cookie).expect(200).expect('Content-Type', /pdf/);

    // The same events replayed (a retried transaction, a second call) find their documents instead of adding versions.
    const committeeDocs = ctx.t.app.get(CommitteeDocuments);
    await ctx.t.db.transaction(async (em) => {
      await committeeDocs.decisionRecorded(em, fav.body.decisionId);
      await committeeDocs.sessionClosed(em, sessionId);
    });
    await decide(A.id, { outcome: 'FAVORABLE' }).expect(409);
    expect((await docsOf(A.id)).filter((d) => d.kind !== 'RECEIPT').map((d) => [d.kind, d.version])).toEqual([
      ['CONVENTION', 1],
      ['DECISION_LETTER', 1],
    ]);
    expect(await docsOf(sessionId)).toHaveLength(1);
  });

  it('an inadmissible decision yields the letter with its reasons, once', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const callId = (await createOpenCall(ctx.owner)).id;
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ outcome: 'INADMISSIBLE', reasons: ['Structure non éligible au programme.', 'Pièce manquante : budget prévisionnel signé.'] })
      .expect(200);
    const [review] = await ctx.owner.query(`SELECT id FROM admissibility_review WHERE application_id = $1`, [id]);

    const letter = only(await allReady(id, ['DECISION_LETTER']), 'document');
    expect(letter).toMatchObject({ source_type: 'admissibility', source_id: review.id, request_key: `admissibility-review-${review.id}` });
    const text = await textOf(letter);
    expect(text).toContain('Demande irrecevable');
    expect(text).toContain('1. Structure non éligible au programme.');
    expect(text).toContain('2. Pièce manquante : budget prévisionnel signé.');
    const [{ number }] = await ctx.owner.query(`SELECT number FROM application WHERE id = $1`, [id]);
    expect(text).toContain(number);

    // The same review asked again finds its letter.
    const again = await ctx.t.db.transaction((em) =>
      ctx.t.app.get(DocumentRequests).request(em, {
        kind: 'DECISION_LETTER',
        subjectId: id,
        source: { type: 'admissibility', id: review.id },
        requestKey: `admissibility-review-${review.id}`,
      }),
    );
    expect(again).toMatchObject({ id: letter.id, created: false });
    expect((await docsOf(id)).filter((d) => d.kind === 'DECISION_LETTER')).toHaveLength(1);
  });

  it('an admissible decision asks for no letter', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const callId = (await createOpenCall(ctx.owner)).id;
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    const etag = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ outcome: 'ADMISSIBLE' })
      .expect(200);
    expect((await docsOf(id)).map((d) => d.kind)).not.toContain('DECISION_LETTER');
  });
});
