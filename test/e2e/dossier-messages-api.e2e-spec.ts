import { randomUUID } from 'node:crypto';
import { addMember, createApplicant, createOpenCall, exeBytes, pdfBytes } from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The dossier's message thread in the API (docs/domain/messages.md, docs/api.md): same rules and access as the pages. */
describe('dossier messages API (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));
  const http = () => ctx.t.http();

  async function scenario() {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const colleague = await createUser(ctx.owner, { roles: ['APPLICANT'] });
    await addMember(ctx.owner, applicant.organisation.id, colleague.id);
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'] });
    const call = await createOpenCall(ctx.owner);
    const dossier = await insertSubmittedDossier(ctx.owner, call, applicant.organisation, applicant.user.id, {
      title: 'Tiers-lieu nourricier',
      instructorId: instructor.id,
    });
    const staff = bearer((await login(ctx.t, instructor)).token);
    return { applicant, colleague, instructor, dossier, staff, base: `/api/v1/applications/${dossier.id}/messages` };
  }
  const count = async (sql: string, params: unknown[]) => (await ctx.owner.query(sql, params))[0].n as number;
  const binary = (req: ReturnType<ReturnType<typeof http>['get']>) =>
    req.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

  it('posts as JSON with an idempotency key, once, with its audit row and mails; replays the same answer', async () => {
    const { applicant, colleague, dossier, staff, base } = await scenario();
    // Before the intermediate body writes, the applicant cannot open the thread.
    const early = await http().post(base).set(applicant.auth).send({ body: 'Bonjour' }).expect(409);
    expect(early.body).toMatchObject({ code: 'CONFLICT', detail: 'Vous pourrez répondre ici dès que le service instructeur vous aura écrit.' });

    const key = randomUUID();
    const first = await http()
      .post(base)
      .set(staff)
      .set('Idempotency-Key', key)
      .send({ subject: 'Budget du poste 2', body: 'Pouvez-vous détailler ?' })
      .expect(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      kind: 'MESSAGE',
      subject: 'Budget du poste 2',
      body: 'Pouvez-vous détailler ?',
      authorSide: 'STAFF',
      authorName: expect.any(String),
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      files: [],
    });
    const again = await http()
      .post(base)
      .set(staff)
      .set('Idempotency-Key', key)
      .send({ subject: 'Budget du poste 2', body: 'Pouvez-vous détailler ?' })
      .expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.text).toBe(first.text);
    const reused = await http().post(base).set(staff).set('Idempotency-Key', key).send({ subject: 'Autre', body: 'Autre texte' }).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    expect(await count(`SELECT count(*)::int AS n FROM application_message WHERE application_id = $1`, [dossier.id])).toBe(1);
    const audit = await ctx.owner.query(`SELECT after FROM audit_log WHERE action = 'application.message_sent' AND subject_id = $1`, [dossier.id]);
    expect(audit).toEqual([{ after: { messageId: first.body.id, side: 'STAFF', subject: 'Budget du poste 2' } }]);
    const mails = await ctx.owner.query(`SELECT recipient_user_id AS "to" FROM mail_message WHERE template = 'dossier-message'`);
    expect(mails.map((m: { to: string }) => m.to).sort()).toEqual([applicant.user.id, colleague.id].sort());
  });

  it('pages the thread oldest first, with attachments, unread counts, the answer and the read mark', async () => {
    const { applicant, dossier, staff, base } = await scenario();
    await http().post(base).set(staff).send({ subject: 'Question 1', body: 'Première question' }).expect(201);
    await http().post(base).set(staff).send({ subject: 'Question 2', body: 'Deuxième question' }).expect(201);
    const pdf = pdfBytes('Modèle de budget');
    const multipart = (key: string) =>
      http()
        .post(base)
        .set(staff)
        .set('Idempotency-Key', key)
        .field('subject', 'Question 3')
        .field('body', 'Voir le modèle joint.')
        .attach('file', pdf, 'modele budget.pdf');
    const key = randomUUID();
    const withFile = await multipart(key).expect(201);
    // The same form again under the same key (a retried upload): the first answer, no second message nor file.
    const replayed = await multipart(key).expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(withFile.body);
    expect(await count(`SELECT count(*)::int AS n FROM application_message WHERE application_id = $1`, [dossier.id])).toBe(3);
    expect(withFile.body.files).toEqual([
      {
        id: expect.any(String),
        originalName: expect.stringContaining('modele'),
        mediaType: 'application/pdf',
        sizeBytes: pdf.length,
        contentUrl: `${base}/files/${withFile.body.files[0].id}/content`,
      },
    ]);

    const first = await http().get(`${base}?limit=2`).set(applicant.auth).expect(200);
    expect(first.body).toMatchObject({ side: 'APPLICANT', unread: 3, writeRefusal: null });
    expect(first.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Question 1', 'Question 2']);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await http()
      .get(`${base}?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
      .set(applicant.auth)
      .expect(200);
    expect(second.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Question 3']);
    expect(second.body.nextCursor).toBeNull();
    // Listing does not mark read; the attachment downloads with the same bytes.
    expect((await http().get(base).set(applicant.auth).expect(200)).body.unread).toBe(3);
    const file = await binary(http().get(second.body.items[0].files[0].contentUrl).set(applicant.auth)).expect(200);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    expect(file.headers['content-disposition']).toContain('attachment');

    await http().post(`${base}/read`).set(applicant.auth).expect(204);
    expect((await http().get(base).set(applicant.auth).expect(200)).body.unread).toBe(0);
    const [inbox] = await ctx.owner.query(
      `SELECT count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM mail_message WHERE template = 'dossier-message' AND recipient_user_id = $1`,
      [applicant.user.id],
    );
    expect(inbox.unread).toBe(0);

    // The applicant answers with an attachment (multipart), under the subject of the thread; the instructor sees it unread.
    const answer = await http().post(base).set(applicant.auth).field('body', 'Voici le détail.').attach('file', pdfBytes('Détail'), 'detail.pdf').expect(201);
    expect(answer.body).toMatchObject({ kind: 'REPLY', subject: 'Réponse : Question 3', authorSide: 'APPLICANT' });
    const staffView = (await http().get(base).set(staff).expect(200)).body;
    expect(staffView).toMatchObject({ side: 'STAFF', unread: 1, writeRefusal: null });
    expect(staffView.items).toHaveLength(4);
    const audit = await ctx.owner.query(
      `SELECT after->>'side' AS side, after->>'mediaType' AS type FROM audit_log WHERE action = 'application.message_sent' AND subject_id = $1 ORDER BY seq`,
      [dossier.id],
    );
    expect(audit.map((a: { side: string; type: string | null }) => [a.side, a.type])).toEqual([
      ['STAFF', null],
      ['STAFF', null],
      ['STAFF', 'application/pdf'],
      ['APPLICANT', 'application/pdf'],
    ]);
  });

  it('refuses bad input in French with the field path, and a file whose content is not its type', async () => {
    const { dossier, staff, base } = await scenario();
    const noSubject = await http().post(base).set(staff).send({ body: 'Sans objet' }).expect(400);
    expect(noSubject.headers['content-type']).toContain('application/problem+json');
    expect(noSubject.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'subject', code: 'REQUIRED', message: 'Saisissez l’objet du message.' }],
    });
    const unknown = await http().post(base).set(staff).send({ subject: 'Objet', body: 'Texte', urgent: true }).expect(400);
    expect(unknown.body.errors[0].path).toBe('urgent');
    const notText = await http().post(base).set(staff).send({ subject: 'Objet', body: 42 }).expect(400);
    expect(notText.body.errors).toEqual([expect.objectContaining({ path: 'body', message: 'Le texte du message doit être un texte.' })]);
    const tooLong = await http()
      .post(base)
      .set(staff)
      .send({ subject: 'Objet', body: 'x'.repeat(2001) })
      .expect(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'body', code: 'TOO_LONG' })]);
    const exe = await http().post(base).set(staff).field('subject', 'Pièce').field('body', 'Voir pièce').attach('file', exeBytes(), 'budget.pdf').expect(415);
    expect(exe.body.errors).toEqual([expect.objectContaining({ path: 'file', code: 'UNSUPPORTED_FILE_TYPE' })]);
    await http().get(`${base}?cursor=nimportequoi`).set(staff).expect(400);
    await http().get(`${base}?limit=101`).set(staff).expect(400);
    expect(await count(`SELECT count(*)::int AS n FROM application_message WHERE application_id = $1`, [dossier.id])).toBe(0);
  });

  it('answers 404 to another applicant, an evaluator and the managing authority; other instructors read but do not write', async () => {
    const { dossier, staff, base } = await scenario();
    const sent = await http().post(base).set(staff).field('subject', 'Question').field('body', 'Une question.').attach('file', pdfBytes(), 'q.pdf').expect(201);
    const fileUrl = sent.body.files[0].contentUrl as string;

    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    const outsiders = [stranger.auth];
    for (const role of ['EVALUATOR', 'MANAGING_AUTHORITY'] as const)
      outsiders.push(bearer((await login(ctx.t, await createUser(ctx.owner, { roles: [role] }))).token));
    for (const who of outsiders) {
      await http().get(base).set(who).expect(404);
      await http().post(base).set(who).send({ subject: 'Intrusion', body: 'Intrusion' }).expect(404);
      await http().post(base).set(who).field('body', 'Intrusion').attach('file', pdfBytes(), 'x.pdf').expect(404);
      await http().post(`${base}/read`).set(who).expect(404);
      await http().get(fileUrl).set(who).expect(404);
    }
    // An unknown dossier answers exactly the same.
    await http().get(`/api/v1/applications/${randomUUID()}/messages`).set(staff).expect(404);

    const other = bearer((await login(ctx.t, await createUser(ctx.owner, { roles: ['INSTRUCTOR'] }))).token);
    const readOnly = (await http().get(base).set(other).expect(200)).body;
    expect(readOnly.writeRefusal).toContain('affectez-vous le dossier');
    await http().post(base).set(other).send({ subject: 'X', body: 'Y' }).expect(409);
    const manager = bearer((await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }))).token);
    await http().post(base).set(manager).send({ subject: 'Rappel', body: 'Merci de répondre.' }).expect(201);
    expect(await count(`SELECT count(*)::int AS n FROM application_message WHERE application_id = $1`, [dossier.id])).toBe(2);
  });
});
