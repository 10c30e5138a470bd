import { submittedDossier } from '../support/factories/admissibility.factory';
import { addMember, createApplicant, createOpenCall } from '../support/factories/application.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&nbsp;/g, ' ');

/** Which optional mails a person receives, and the in-app inbox that keeps them all (docs/domain/notifications.md). */
describe('notification preferences and inbox (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  it('keeps a message in the inbox without mailing it when its category is off, counts it unread in the header, marks it read', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const colleague = await createUser(ctx.owner);
    await addMember(ctx.owner, a.organisation.id, colleague.id);
    const cookie = a.session.cookie;

    // Léa turns dossier mails off (reminders stay on); her colleague keeps the defaults.
    const saved = await ctx.t
      .http()
      .post('/compte/notifications')
      .type('form')
      .set('Cookie', cookie)
      .send({ _csrf: a.session.csrfToken, parMail: 'REMINDER' })
      .expect(303);
    expect(saved.headers.location).toBe('/compte?preferences=ok#notifications');
    const profile = decode((await ctx.t.http().get('/compte?preferences=ok').set('Cookie', cookie).expect(200)).text);
    expect(profile).toContain('Vos choix sont enregistrés.');
    expect(profile).toContain('id="par-mail-reminder" name="parMail" value="REMINDER" checked');
    expect(profile).not.toContain('id="par-mail-dossier" name="parMail" value="DOSSIER" checked');

    await submittedDossier(ctx.t, ctx.owner, a, (await createOpenCall(ctx.owner)).id);
    const rows: { recipient: string; status: string; jobs: number }[] = await ctx.owner.query(
      `SELECT m.recipient_user_id AS recipient, m.status, (SELECT count(*)::int FROM outbox o WHERE o.job_name = 'send-mail' AND o.payload->>'mailId' = m.id::text) AS jobs
         FROM mail_message m WHERE m.template = 'application-submitted' ORDER BY m.status`,
    );
    expect(rows).toEqual([
      { recipient: colleague.id, status: 'PENDING', jobs: 1 },
      { recipient: a.user.id, status: 'SKIPPED', jobs: 0 },
    ]);

    // The inbox lists it, unread; the header counts it on every page.
    const home = decode((await ctx.t.http().get('/accueil').set('Cookie', cookie).expect(200)).text);
    expect(home).toMatch(/id="messages-non-lus">1<span class="fr-sr-only"> non lu<\/span>/);
    const inbox = decode((await ctx.t.http().get('/compte/messages').set('Cookie', cookie).expect(200)).text);
    expect(inbox).toContain('Non envoyé (votre choix)');
    const messageId = group(/href="\/compte\/messages\/([0-9a-f-]{36})"/.exec(inbox));
    const message = decode((await ctx.t.http().get(`/compte/messages/${messageId}`).set('Cookie', cookie).expect(200)).text);
    expect(message).toContain('déposé');
    expect(message).not.toContain('id="messages-non-lus"');
    expect(decode((await ctx.t.http().get('/accueil').set('Cookie', cookie).expect(200)).text)).not.toContain('id="messages-non-lus"');

    // Someone else's message is not found; account mails never appear in the inbox.
    const other = await login(ctx.t, colleague);
    const [theirs] = await ctx.owner.query(`SELECT id FROM mail_message WHERE recipient_user_id = $1`, [a.user.id]);
    await ctx.t.http().get(`/compte/messages/${theirs.id}`).set('Cookie', other.cookie).expect(404);
    await ctx.t.http().post('/api/v1/accounts/password-reset').send({ email: a.user.email });
    expect(decode((await ctx.t.http().get('/compte/messages').set('Cookie', cookie).expect(200)).text)).not.toMatch(/mot de passe/i);
  });
});
