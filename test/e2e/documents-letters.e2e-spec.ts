import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { DocumentRequests } from '../../src/modules/documents/document-requests.service';
import { randomUUID } from 'node:crypto';
import { completeDraft, createApplicant, createDraft, createOpenCall, createStaff, validProject } from '../support/factories/application.factory';
import { committeeSession, decide, ineligible, inadmissible, programmedDossier, submittedDossier } from '../support/factories/documents.factory';
import { lonelyPages, pdfText, repeatedLines } from '../support/pdf-text';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at, header } from '../support/checked';

const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('decision letters and committee minutes (e2e)', () => {
  const ctx = useTestApp();
  let worker: INestApplicationContext;
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    worker = await startTestWorker();
  });
  afterAll(() => worker.close());

  const ready = (id: string) =>
    waitFor(async () => {
      const [r] = await ctx.owner.query(`SELECT id, status, storage_key, version, source_type, source_id FROM document WHERE id = $1`, [id]);
      return r?.status === 'READY' ? r : null;
    }, 30_000);
  const requestAs = async (auth: Record<string, string>, kind: string, subjectId: string): Promise<string> =>
    (await ctx.t.http().post('/api/v1/documents').set(auth).send({ kind, subjectId }).expect(202)).body.id;
  /** The document's text on one line; every page checked to hold more than one line of body text. */
  const textOf = async (id: string): Promise<{ text: string; pages: number }> => {
    const r = await ready(id);
    const { text, pages, pageTexts } = await pdfText(join(ctx.t.config.files.dir, r.storage_key));
    expect(lonelyPages(pageTexts, repeatedLines(ctx.t.config.issuer))).toEqual([]);
    return { text: flat(text), pages };
  };
  const issuer = () => ctx.t.config.issuer;
  /** Every document names the configured issuing body, never a generic one (docs/domain/documents.md). */
  const expectIssuer = (text: string): void => {
    expect(text).toContain(issuer().name);
    expect(text).toContain(`${issuer().address} — SIRET ${issuer().siret}`);
    expect(text).not.toContain('Organisme intermédiaire FSE+');
  };
  /** CRPA art. L212-1 and the means of redress before the configured court. */
  const expectSignedWithRedress = (text: string): void => {
    expect(text).toContain(`Pour ${issuer().name}, ${issuer().signatory.name} ${issuer().signatory.title}`);
    expect(text).toContain(`devant le ${issuer().court.name} (${issuer().court.address})`);
  };

  it('inadmissible: the letter gives the admissibility reasons and the means of redress', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    await inadmissible(ctx.owner, d.applicationId, ['Pièce manquante : budget prévisionnel signé.', 'Durée hors des bornes de l’appel.']);
    const instructor = await createStaff(ctx.t, ctx.owner);
    const { text, pages } = await textOf(await requestAs(instructor.auth, 'DECISION_LETTER', d.applicationId));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('Demande irrecevable');
    expect(text).toContain('1. Pièce manquante : budget prévisionnel signé.');
    expect(text).toContain('2. Durée hors des bornes');
    expect(text).toContain('4 mai 2026');
    expect(text).toContain('recours gracieux');
    expect(text).toContain(d.number);
    expectIssuer(text);
    expectSignedWithRedress(text);
  });

  it('ineligible (eligibility report) and ineligible (committee refusal) letters', async () => {
    const instructor = await createStaff(ctx.t, ctx.owner);
    const a = await submittedDossier(ctx.t, ctx.owner);
    await ineligible(ctx.owner, a.applicationId, [
      { ruleId: 'ART15_I', reason: 'Le besoin social mal satisfait n’est pas démontré.', legalReference: 'Loi n° 2014-856 du 31 juillet 2014, art. 15, I' },
      {
        ruleId: 'ART15_II',
        reason: 'Le financement par le marché n’est pas démontré difficile.',
        legalReference: 'Loi n° 2014-856 du 31 juillet 2014, art. 15, II',
      },
    ]);
    const ta = await textOf(await requestAs(instructor.auth, 'DECISION_LETTER', a.applicationId));
    expect(ta.text).toContain('Opération inéligible');
    // Rule by rule, each with its legal reference, as the eligibility report states them.
    expect(ta.text).toContain('1. Le besoin social mal satisfait n’est pas démontré. (Loi n° 2014-856 du 31 juillet 2014, art. 15, I)');
    expect(ta.text).toContain('2. Le financement par le marché n’est pas démontré difficile. (Loi n° 2014-856 du 31 juillet 2014, art. 15, II)');
    expect(ta.text).toContain('20 mai 2026');
    expectSignedWithRedress(ta.text);

    const b = await submittedDossier(ctx.t, ctx.owner);
    await ineligible(ctx.owner, b.applicationId, [
      { ruleId: 'P6_TARGET_PUBLIC', reason: 'Aucun public cible de l’appel n’est visé.', legalReference: 'Programme national FSE+ 2021-2027, priorité 6' },
    ]);
    const s = await committeeSession(ctx.owner, b.callId);
    await decide(ctx.owner, s, b.applicationId, {
      outcome: 'DEFAVORABLE',
      reasonCode: 'INELIGIBLE',
      reason: 'Public cible hors du périmètre de la priorité 6.',
    });
    const tb = await textOf(await requestAs(instructor.auth, 'DECISION_LETTER', b.applicationId));
    expect(tb.text).toContain('Opération inéligible');
    // Decided by the committee: the eligibility report's reasons first, then the committee's own.
    expect(tb.text).toContain('1. Aucun public cible de l’appel n’est visé. (Programme national FSE+ 2021-2027, priorité 6)');
    expect(tb.text).toContain('2. Public cible hors du périmètre');
  });

  it('défavorable, ajourné and favorable letters of one committee, and its minutes', async () => {
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const fav = await submittedDossier(ctx.t, ctx.owner);
    const s = await committeeSession(ctx.owner, fav.callId);
    const def = await submittedDossier(ctx.t, ctx.owner);
    const post = await submittedDossier(ctx.t, ctx.owner);
    await decide(
      ctx.owner,
      s,
      fav.applicationId,
      { outcome: 'FAVORABLE', euCents: 9_500_000, conditions: 'Transmettre le bilan à mi-parcours.' },
      { position: 1, rank: 1, total: '17.25' },
    );
    await decide(
      ctx.owner,
      s,
      def.applicationId,
      { outcome: 'DEFAVORABLE', reasonCode: 'BUDGET', reason: 'Enveloppe épuisée au rang 2.' },
      { position: 2, rank: 2, total: '15.00', rankingStatus: 'RESERVE', recused: [at(s.memberIds, 0, 'member id')] },
    );
    await decide(
      ctx.owner,
      s,
      post.applicationId,
      { outcome: 'POSTPONED', requests: 'Préciser le plan de communication.' },
      { position: 3, rank: 3, total: '14.50', rankingStatus: 'RESERVE' },
    );

    const tf = (await textOf(await requestAs(manager.auth, 'DECISION_LETTER', fav.applicationId))).text;
    expect(tf).toContain('Décision d’attribution, sous réserve de la signature de la convention');
    expect(tf).toContain('Cette attribution est subordonnée à la signature de la convention attributive');
    expect(tf).toContain('vous disposerez de 30 jours à compter de sa mise à disposition pour la signer');
    const [{ start }] = await ctx.owner.query(`SELECT start_date::text AS start FROM application WHERE id = $1`, [fav.applicationId]);
    expect(tf).toMatch(new RegExp(`Les dépenses ne sont éligibles qu’à compter du \\S+ \\S+ ${start.slice(0, 4)}`));
    expect(tf).toContain('l’est à vos risques');
    expectIssuer(tf);
    expectSignedWithRedress(tf);
    expect(tf).toContain('95 000,00 €');
    expect(tf).toContain('84,82 %'); // 95 000 / 112 000, floored to the basis point
    expect(tf).toContain('Transmettre le bilan à mi-parcours.');
    expect(tf).toContain('15 juin 2026');

    const td = (await textOf(await requestAs(manager.auth, 'DECISION_LETTER', def.applicationId))).text;
    expect(td).toContain('Avis défavorable');
    expect(td).toContain('1. Enveloppe de l’appel à projets insuffisante');
    expect(td).toContain('2. Enveloppe épuisée au rang 2.');

    const tp = (await textOf(await requestAs(manager.auth, 'DECISION_LETTER', post.applicationId))).text;
    expect(tp).toContain('Demande ajournée');
    expect(tp).toContain('1. Préciser le plan de communication.');

    // The applicant reads their own letter.
    const letters = await ctx.t.http().get(`/api/v1/applications/${fav.applicationId}/documents/generated`).set(fav.applicant.auth).expect(200);
    expect(letters.body.items.map((x: { kind: string }) => x.kind)).toContain('DECISION_LETTER');

    const minutes = await textOf(await requestAs(manager.auth, 'COMMITTEE_MINUTES', s.sessionId));
    const m = minutes.text;
    expect(m).toContain('Procès-verbal du comité de programmation');
    expect(m).toContain('15 juin 2026 à 10h00');
    expect(m).toContain('2 membre(s) présent(s) sur 3, pour un quorum de 2 : le quorum est atteint.');
    expect(m).toContain('Inès Absente');
    for (const n of [fav.number, def.number, post.number]) expect(m).toContain(n);
    expect(m).toContain('17.25');
    expect(m).toContain('Marc Présent'); // recused on the second item
    expect(m).toContain('Total FSE+ programmé 95 000,00 €');
    expect(m).toMatch(/page 1 sur \d/);
    expectIssuer(m);
    // Members with their institution (the issuing body for its own staff), the rules and the quorum.
    expect(m).toContain('Marc Présent DREETS Auvergne-Rhône-Alpes Membre Présent');
    expect(m).toContain(`Claire Présidente ${issuer().name} Président(e) Présent`);
    expect(m).toContain(`Le comité délibère selon son ${issuer().committeeRules}. Il ne délibère valablement que si au moins 2 membres sont présents`);
    // The decisions table: dossier, title, beneficiary, total eligible cost, rate and EU amount.
    for (const x of ['Opération Bénéficiaire Coût total éligible Taux FSE+ Décision', 'Ruches partagées', '112 000,00 €', '84,82 %', '95 000,00 €'])
      expect(m).toContain(x);
    expect(m).toContain('Enveloppe de l’appel à projets');
    expect(m).toContain('Enveloppe disponible avant la séance');
    expect(m).toContain('Enveloppe disponible après la séance');
    expect(m).toContain('Le ou la secrétaire de séance : Claire Présidente');
  });

  it('the applicant’s answer on physical investment sets the convention’s plaque clause (CPR art. 50(1)(c))', async () => {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, applicant, callId);
    await completeDraft(ctx.t, applicant, id);
    const etag = header(await ctx.t.http().get(`/api/v1/applications/${id}`).set(applicant.auth).expect(200), 'ETag');
    await ctx.t
      .http()
      .put(`/api/v1/applications/${id}/project`)
      .set(applicant.auth)
      .set('If-Match', etag)
      .send({ ...validProject(), physicalInvestment: true })
      .expect(200);
    const read = await ctx.t.http().get(`/api/v1/applications/${id}`).set(applicant.auth).expect(200);
    expect(read.body.project.physicalInvestment).toBe(true);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/submit`)
      .set(applicant.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ attestation: true })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const s = await committeeSession(ctx.owner, callId);
    await decide(ctx.owner, s, id, { outcome: 'FAVORABLE', euCents: 10_640_000 });
    const instructor = await createStaff(ctx.t, ctx.owner);
    // The instructor's State-aid assessment (structured instruction report) is quoted in the convention.
    await ctx.owner.query(
      `INSERT INTO instruction_report (application_id, opinion, motivation, plan_version_no, written_by, sections)
       SELECT $1, 'FAVORABLE', 'Projet solide.', max(version_no), $2, $3::jsonb FROM financing_plan_version WHERE application_id = $1`,
      [id, instructor.user.id, JSON.stringify({ stateAid: 'Aide de minimis (règlement (UE) 2023/2831), 12 000 € déclarés sur trois exercices.' })],
    );
    const withPlaque = (await textOf(await requestAs(instructor.auth, 'CONVENTION', id))).text;
    expect(withPlaque).toContain('Régime retenu à l’instruction : « Aide de minimis (règlement (UE) 2023/2831), 12 000 € déclarés sur trois exercices. »');
    expect(withPlaque).toContain('une plaque ou un panneau durable'); // 112 000 € of total cost, physical investment declared
    expect(withPlaque).not.toContain('affiche de format A3');

    const plain = await programmedDossier(ctx.t, ctx.owner);
    const poster = (await textOf(await requestAs(instructor.auth, 'CONVENTION', plain.applicationId))).text;
    expect(poster).toContain('affiche de format A3');
  });

  it('minutes need a closed session (422) and staff (404 for applicants)', async () => {
    const d = await submittedDossier(ctx.t, ctx.owner);
    const open = await committeeSession(ctx.owner, d.callId, 'OPEN');
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const res = await ctx.t.http().post('/api/v1/documents').set(manager.auth).send({ kind: 'COMMITTEE_MINUTES', subjectId: open.sessionId }).expect(422);
    expect(res.body.code).toBe('DOCUMENT_NOT_AVAILABLE');
    await ctx.t.http().post('/api/v1/documents').set(d.applicant.auth).send({ kind: 'COMMITTEE_MINUTES', subjectId: open.sessionId }).expect(404);
  });

  it('the same business event asking twice, and the same outbox event delivered twice, yield one document and one file', async () => {
    const d = await programmedDossier(ctx.t, ctx.owner);
    const requests = ctx.t.app.get(DocumentRequests, { strict: false });
    const relay = ctx.t.app.get(OutboxRelay, { strict: false });
    const ask = () =>
      ctx.t.db.transaction((em) =>
        requests.request(em, {
          kind: 'DECISION_LETTER',
          subjectId: d.applicationId,
          source: { type: 'committee', id: d.decisionId },
          requestKey: `committee-decision-${d.decisionId}`,
        }),
      );
    const first = await ask();
    const second = await ask();
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, status: 'PENDING', created: false });
    relay.kick();
    const doc = await ready(first.id);
    expect(doc).toMatchObject({ version: 1, source_type: 'committee', source_id: d.decisionId });
    expect(await ask()).toEqual({ id: first.id, status: 'READY', created: false });

    // Deliver the outbox event again: forget the BullMQ job, mark the row unpublished, let the relay republish it.
    const [outbox] = await ctx.owner.query(`SELECT id FROM outbox WHERE payload->>'documentId' = $1`, [first.id]);
    const q = new Queue('documents', { connection: { url: ctx.t.config.redis.url }, prefix: ctx.t.config.queue.prefix });
    try {
      await waitFor(async () => (await q.getJobState(outbox.id)) === 'completed');
      await (await q.getJob(outbox.id))!.remove();
      await ctx.owner.query(`UPDATE outbox SET published_at = NULL WHERE id = $1`, [outbox.id]);
      await waitFor(async () => (await q.getJobState(outbox.id)) === 'completed');
    } finally {
      await q.close();
    }
    const rows = await ctx.owner.query(`SELECT id, sha256 FROM document WHERE subject_id = $1 AND kind = 'DECISION_LETTER'`, [d.applicationId]);
    expect(rows).toHaveLength(1);
    const files = (await readdir(join(ctx.t.config.files.dir, 'documents'))).filter((f) => f.includes(first.id));
    expect(files).toEqual([`${first.id}.pdf`]);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM audit_log WHERE action = 'document.generated' AND subject_id = $1`, [first.id]);
    expect(count).toBe('1');
  });
});
