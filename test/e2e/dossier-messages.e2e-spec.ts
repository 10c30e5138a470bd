import { addMember, createApplicant, createOpenCall, exeBytes, pdfBytes } from '../support/factories/application.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser, login, type Session } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

/** Two-way messages on a dossier (docs/domain/messages.md, issue 14 point 11). */
describe('dossier messages (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

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
    return { applicant, colleague, instructor, dossier, staff: await login(ctx.t, instructor) };
  }

  const send = (s: Session, path: string, fields: Record<string, string>, file?: { bytes: Buffer; name: string }) => {
    let req = ctx.t.http().post(path).set('Cookie', s.cookie).field('_csrf', s.csrfToken);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return file ? req.attach('file', file.bytes, file.name) : req;
  };
  const page = async (s: Session, path: string, status = 200) => decode((await ctx.t.http().get(path).set('Cookie', s.cookie).expect(status)).text);

  it('lets the instructor write with an attachment, the applicant answer, both read the thread, with audit rows and mails', async () => {
    const { applicant, colleague, instructor, dossier, staff } = await scenario();
    const mine = applicant.session;

    // Before the intermediate body writes, the applicant reads an empty thread and cannot open it.
    const before = await page(mine, `/dossiers/${dossier.id}/messages`);
    expect(before).toContain('Vous pourrez répondre ici dès que le service instructeur vous aura écrit.');
    expect(before).not.toContain('action="/dossiers/');
    await send(mine, `/dossiers/${dossier.id}/messages`, { body: 'Bonjour' }).expect(422);

    // Errors stay in the form with what was typed.
    const refusedPage = await send(staff, `/instruction/dossiers/${dossier.id}/messages`, { subject: '', body: 'Texte gardé' });
    expectRefusedForm(refusedPage, { hrefs: ['subject'], echoed: ['>Texte gardé</textarea>'] });
    const refused = decode(refusedPage.text);
    expect(refused).toContain('<title>Erreur : Messages');
    expect(refused).toContain('Saisissez l’objet du message.');
    expect(refused).toContain('>Texte gardé</textarea>');
    const badFile = decode(
      (
        await send(
          staff,
          `/instruction/dossiers/${dossier.id}/messages`,
          { subject: 'Pièce', body: 'Voir pièce' },
          { bytes: exeBytes(), name: 'budget.pdf' },
        ).expect(422)
      ).text,
    );
    expect(badFile).toContain("Joignez un fichier d'un type accepté");

    const pdf = pdfBytes('Budget détaillé');
    const sent = await send(
      staff,
      `/instruction/dossiers/${dossier.id}/messages`,
      { subject: 'Budget du poste 2', body: 'Pouvez-vous détailler le poste 2 ?\nMerci.' },
      { bytes: pdf, name: 'modele budget.pdf' },
    ).expect(303);
    expect(sent.headers.location).toBe(`/instruction/dossiers/${dossier.id}/messages?envoye=ok#nouveau-message`);

    // Both members of the organisation are told by mail (and see it in their inbox); the message counts as unread.
    const mails = await ctx.owner.query(
      `SELECT recipient_user_id AS "to", subject FROM mail_message WHERE template = 'dossier-message' ORDER BY recipient_user_id`,
    );
    expect(mails.map((m: { to: string }) => m.to).sort()).toEqual([applicant.user.id, colleague.id].sort());
    expect(mails[0].subject).toBe(`Dossier ${dossier.number} : nouveau message du service instructeur`);
    const home = await page(mine, '/accueil');
    expect(home).toMatch(/href="\/dossiers"[^>]*>Mes dossiers&nbsp;<span class="fr-badge[^"]*">1<span class="fr-sr-only"> message non lu/);

    const thread = await page(mine, `/dossiers/${dossier.id}/messages`);
    expect(thread).toContain('Budget du poste 2');
    expect(thread).toContain('Pouvez-vous détailler le poste 2 ?\nMerci.');
    const fileHref = /href="(\/dossiers\/[0-9a-f-]{36}\/messages\/pieces\/[0-9a-f-]{36})"/.exec(thread)?.[1];
    expect(fileHref).toBeDefined();
    const download = await ctx.t
      .http()
      .get(fileHref!)
      .set('Cookie', mine.cookie)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-disposition']).toContain('modele');
    // Read: the menu count and the inbox copy are gone.
    expect(await page(mine, '/accueil')).not.toMatch(/Mes dossiers&nbsp;<span/);
    const [inbox] = await ctx.owner.query(`SELECT read_at FROM mail_message WHERE template = 'dossier-message' AND recipient_user_id = $1`, [
      applicant.user.id,
    ]);
    expect(inbox.read_at).not.toBeNull();

    // The applicant answers, with the subject of the thread; the assigned instructor is told and sees it unread.
    await send(mine, `/dossiers/${dossier.id}/messages`, { body: 'Voici le détail du poste 2.' }, { bytes: pdfBytes('Détail'), name: 'detail.pdf' }).expect(
      303,
    );
    const staffHome = await page(staff, '/accueil');
    expect(staffHome).toMatch(/href="\/instruction"[^>]*>Instruction&nbsp;<span class="fr-badge[^"]*">1</);
    const staffThread = await page(staff, `/instruction/dossiers/${dossier.id}/messages`);
    expect(staffThread).toContain('Réponse : Budget du poste 2');
    expect(staffThread).toContain('Voici le détail du poste 2.');
    expect(staffThread).toContain('detail.pdf');
    const [toInstructor] = await ctx.owner.query(`SELECT subject FROM mail_message WHERE template = 'dossier-message' AND recipient_user_id = $1`, [
      instructor.id,
    ]);
    expect(toInstructor.subject).toBe(`Dossier ${dossier.number} : nouveau message du porteur de projet`);

    const audit = await ctx.owner.query(`SELECT after FROM audit_log WHERE action = 'application.message_sent' AND subject_id = $1 ORDER BY seq`, [dossier.id]);
    expect(audit.map((a: { after: { side: string; mediaType?: string } }) => [a.after.side, a.after.mediaType])).toEqual([
      ['STAFF', 'application/pdf'],
      ['APPLICANT', 'application/pdf'],
    ]);
    // Each side opening the other's address is sent to its own.
    expect((await ctx.t.http().get(`/instruction/dossiers/${dossier.id}/messages`).set('Cookie', mine.cookie).expect(303)).headers.location).toBe(
      `/dossiers/${dossier.id}/messages`,
    );
  });

  it('keeps the thread from everyone else: other organisations, evaluators, the managing authority; other instructors read but do not write', async () => {
    const { dossier, staff } = await scenario();
    await send(
      staff,
      `/instruction/dossiers/${dossier.id}/messages`,
      { subject: 'Question', body: 'Une question.' },
      { bytes: pdfBytes(), name: 'q.pdf' },
    ).expect(303);
    const [file] = await ctx.owner.query(
      `SELECT f.id FROM application_message_file f JOIN application_message m ON m.id = f.message_id WHERE m.application_id = $1`,
      [dossier.id],
    );

    const stranger = await createApplicant(ctx.t, ctx.owner, 'Autre Porteuse');
    for (const role of ['EVALUATOR', 'MANAGING_AUTHORITY'] as const) {
      const s = await login(ctx.t, await createUser(ctx.owner, { roles: [role] }));
      await page(s, `/instruction/dossiers/${dossier.id}/messages`, 404);
      await ctx.t.http().get(`/instruction/dossiers/${dossier.id}/messages/pieces/${file.id}`).set('Cookie', s.cookie).expect(404);
    }
    await page(stranger.session, `/dossiers/${dossier.id}/messages`, 404);
    await ctx.t.http().get(`/dossiers/${dossier.id}/messages/pieces/${file.id}`).set('Cookie', stranger.session.cookie).expect(404);
    await send(stranger.session, `/dossiers/${dossier.id}/messages`, { body: 'Intrusion' }).expect(404);

    const other = await login(ctx.t, await createUser(ctx.owner, { roles: ['INSTRUCTOR'] }));
    const readOnly = await page(other, `/instruction/dossiers/${dossier.id}/messages`);
    expect(readOnly).toContain('Une question.');
    expect(readOnly).toContain('affectez-vous le dossier');
    await send(other, `/instruction/dossiers/${dossier.id}/messages`, { subject: 'X', body: 'Y' }).expect(422);
    const manager = await login(ctx.t, await createUser(ctx.owner, { roles: ['PROGRAMME_MANAGER'] }));
    await send(manager, `/instruction/dossiers/${dossier.id}/messages`, { subject: 'Rappel', body: 'Merci de répondre.' }).expect(303);
    // Without the form's token, nothing is sent.
    await ctx.t.http().post(`/instruction/dossiers/${dossier.id}/messages`).set('Cookie', manager.cookie).field('subject', 'X').field('body', 'Y').expect(403);
    const count = await ctx.owner.query(`SELECT count(*)::int AS n FROM application_message WHERE application_id = $1`, [dossier.id]);
    expect(count[0].n).toBe(2);
  });
});
