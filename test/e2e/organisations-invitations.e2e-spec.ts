import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { InvitationsService } from '../../src/modules/organisations/invitations.service';
import { createUser, login, Session, TestUser } from '../support/factories/user.factory';
import { signUpConfirmed } from '../support/account-mail';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const SIRET = '53456789600012'; // Luhn-valid (checked in organisations.e2e-spec.ts)
const INVITEE = 'Camille.Collegue@Ruches.example';
const PASSWORD = 'trois ruches sous le tilleul';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const tokenOf = (link: string): string => link.slice(link.lastIndexOf('/') + 1);
const cookieValue = (res: { headers: Record<string, unknown> }, name: string): string | undefined =>
  ([] as string[])
    .concat((res.headers['set-cookie'] as string[]) ?? [])
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0];

describe('organisation invitations (e2e)', () => {
  const ctx = useTestApp();
  let owner: TestUser;
  let ownerS: Session;
  let orgId: string;
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    const r = new Redis(ctx.t.config.redis.url);
    const keys = await r.keys(`${ctx.t.config.queue.prefix}:signup:*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
    owner = await createUser(ctx.owner, { displayName: 'Léa Porteuse' });
    ownerS = await login(ctx.t, owner);
    const org = await bearer(ownerS)
      .post('/api/v1/organisations')
      .send({
        siret: SIRET,
        legalName: 'SCIC Essaimons',
        legalForm: 'SCIC',
        essStatus: true,
        vatRecovery: true,
        advanceCategory: 'OTHER',
        addressLine: '4 place du Marché',
        postalCode: '35000',
        city: 'Rennes',
        departement: '35',
      })
      .expect(201);
    orgId = org.body.id;
  });

  function bearer(s: Session) {
    const http = ctx.t.http();
    return {
      get: (url: string) => http.get(url).set('Authorization', `Bearer ${s.token}`),
      post: (url: string) => http.post(url).set('Authorization', `Bearer ${s.token}`),
      delete: (url: string) => http.delete(url).set('Authorization', `Bearer ${s.token}`),
    };
  }
  const invite = (email = INVITEE, s = ownerS) => bearer(s).post(`/api/v1/organisations/${orgId}/invitations`).send({ email });
  const accept = (s: Session, token: string) => bearer(s).post(`/api/v1/invitations/${token}/accept`);

  it('invites, lets only the invited applicant accept, and records it all', async () => {
    const logSpy = jest.spyOn((ctx.t.app.get(InvitationsService) as unknown as { logger: { log: (m: string) => void } }).logger, 'log');
    const created = await invite().expect(201);
    expect(created.body).toMatchObject({ organisationId: orgId, email: 'camille.collegue@ruches.example', status: 'PENDING', invitedBy: owner.id });
    expect(created.body.link).toMatch(new RegExp(`^${ctx.t.config.http.publicUrl}/invitations/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(created.body.link);
    expect(new Date(created.body.expiresAt).getTime() - new Date(created.body.createdAt).getTime()).toBe(7 * 86_400_000);

    // Only the SHA-256 is stored; the token appears nowhere in the database, nor in the logs (neither does the address).
    const [row] = await ctx.owner.query(`SELECT token_hash, email FROM organisation_invitation WHERE id = $1`, [created.body.id]);
    expect(row).toEqual({ token_hash: sha256(token), email: 'camille.collegue@ruches.example' });
    const [{ leaks }] = await ctx.owner.query(
      `SELECT (SELECT count(*) FROM organisation_invitation i WHERE i::text LIKE '%' || $1 || '%')
            + (SELECT count(*) FROM audit_log a WHERE a::text LIKE '%' || $1 || '%' OR a::text ILIKE '%camille.collegue%') AS leaks`,
      [token],
    );
    expect(leaks).toBe('0');
    const logged = logSpy.mock.calls.map((c) => String(c[0])).join('\n');
    expect(logged).toContain(`invitation ${created.body.id} created and mailed`);
    // The invitation is mailed through the outbox: the link is in the mail row only, the job carries the message id.
    const [mail] = await ctx.owner.query(`SELECT m.id, m.subject, m.body_text, m.to_address FROM mail_message m WHERE m.template = 'invitation'`);
    expect(mail).toMatchObject({ subject: 'Invitation à rejoindre SCIC Essaimons sur Essaim', to_address: 'camille.collegue@ruches.example' });
    expect(mail.body_text).toContain(created.body.link);
    const [job] = await ctx.owner.query(`SELECT payload::text AS payload FROM outbox WHERE payload::text LIKE '%' || $1 || '%'`, [mail.id]);
    expect(job.payload).not.toContain(token);
    expect(logged).not.toContain(token);
    expect(logged.toLowerCase()).not.toContain('camille.collegue');
    logSpy.mockRestore();

    // The wrong applicant and a staff member get the same 404 as an unknown token.
    const stranger = await login(ctx.t, await createUser(ctx.owner));
    const staff = await login(ctx.t, await createUser(ctx.owner, { roles: ['INSTRUCTOR'], email: 'camille.collegue+staff@ruches.example' }));
    const wrong = await accept(stranger, token).expect(404);
    expect(wrong.body.code).toBe('NOT_FOUND');
    await accept(staff, token).expect(404);
    await accept(stranger, 'x'.repeat(43)).expect(404);
    await ctx.t.http().post(`/api/v1/invitations/${token}/accept`).expect(401);

    // The invitee signs up with the invited address (any case), signs in and accepts.
    const inviteeId = await signUpConfirmed(ctx.t, ctx.owner, { email: INVITEE.toUpperCase(), displayName: 'Camille Collègue', password: PASSWORD });
    const invitee = await login(ctx.t, { id: inviteeId, email: INVITEE, password: PASSWORD });
    const ok = await accept(invitee, token).expect(200);
    expect(ok.body).toEqual({ organisationId: orgId, legalName: 'SCIC Essaimons', memberRole: 'MEMBER' });
    await accept(invitee, token).expect(404); // used once

    const org = await bearer(invitee).get(`/api/v1/organisations/${orgId}`).expect(200);
    expect(org.body.myRole).toBe('MEMBER');
    const members = await bearer(ownerS).get(`/api/v1/organisations/${orgId}/members`).expect(200);
    expect(members.body.map((m: { displayName: string; memberRole: string }) => [m.displayName, m.memberRole])).toEqual([
      ['Léa Porteuse', 'OWNER'],
      ['Camille Collègue', 'MEMBER'],
    ]);
    const list = await bearer(ownerS).get(`/api/v1/organisations/${orgId}/invitations`).expect(200);
    expect(list.body).toEqual([expect.objectContaining({ id: created.body.id, status: 'ACCEPTED', acceptedAt: expect.any(String) })]);

    // A member reads but does not manage.
    await invite('autre@ruches.example', invitee).expect(403);
    await bearer(invitee).get(`/api/v1/organisations/${orgId}/invitations`).expect(403);

    const audit = await ctx.owner.query(`SELECT action, actor_user_id, after FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit).toEqual([
      { action: 'invitation.created', actor_user_id: owner.id, after: { organisationId: orgId, expiresAt: created.body.expiresAt, closedExpired: [] } },
      {
        action: 'invitation.accepted',
        actor_user_id: inviteeId,
        after: { organisationId: orgId, userId: inviteeId, memberRole: 'MEMBER', alreadyMember: false },
      },
    ]);
  });

  it('keeps one pending invitation per address and refuses to invite a member', async () => {
    await invite().expect(201);
    const again = await invite(INVITEE.toLowerCase()).expect(409);
    expect(again.body).toMatchObject({ code: 'INVITATION_PENDING', errors: [{ path: 'email', code: 'INVITATION_PENDING' }] });
    const self = await invite(owner.email).expect(409);
    expect(self.body.code).toBe('ALREADY_MEMBER');
    await invite('pas-une-adresse').expect(400);
  });

  it('refuses a revoked invitation, and revokes only once', async () => {
    const created = await invite().expect(201);
    const invitee = await login(ctx.t, await createUser(ctx.owner, { email: INVITEE.toLowerCase() }));
    await bearer(ownerS).delete(`/api/v1/organisations/${orgId}/invitations/${created.body.id}`).expect(204);
    await bearer(ownerS).delete(`/api/v1/organisations/${orgId}/invitations/${created.body.id}`).expect(404);
    await accept(invitee, tokenOf(created.body.link)).expect(404);
    const [{ count }] = await ctx.owner.query(`SELECT count(*) FROM organisation_member WHERE organisation_id = $1`, [orgId]);
    expect(count).toBe('1');
    const audit = await ctx.owner.query(`SELECT action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [created.body.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['invitation.created', 'invitation.revoked']);
    await invite().expect(201); // a new one may follow
  });

  it('refuses an expired invitation, and lets the owner invite the same address again', async () => {
    const created = await invite().expect(201);
    const invitee = await login(ctx.t, await createUser(ctx.owner, { email: INVITEE.toLowerCase() }));
    await ctx.owner.query(`UPDATE organisation_invitation SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1`, [
      created.body.id,
    ]);
    await accept(invitee, tokenOf(created.body.link)).expect(404);
    const list = await bearer(ownerS).get(`/api/v1/organisations/${orgId}/invitations`).expect(200);
    expect(list.body[0].status).toBe('EXPIRED');
    const renewed = await invite().expect(201);
    expect((await bearer(ownerS).get(`/api/v1/organisations/${orgId}/invitations`).expect(200)).body.map((i: { status: string }) => i.status)).toEqual([
      'PENDING',
      'REVOKED',
    ]);
    await accept(invitee, tokenOf(renewed.body.link)).expect(200);
  });

  it('hides the invitations of an organisation from applicants who do not belong to it', async () => {
    const stranger = await login(ctx.t, await createUser(ctx.owner));
    const created = await invite().expect(201);
    await invite('x@ruches.example', stranger).expect(404);
    await bearer(stranger).get(`/api/v1/organisations/${orgId}/invitations`).expect(404);
    await bearer(stranger).delete(`/api/v1/organisations/${orgId}/invitations/${created.body.id}`).expect(404);
  });

  describe('pages', () => {
    it('invites from the organisation page, shows the link once, and the invitee accepts from the link', async () => {
      const page = await ctx.t.http().get(`/structures/${orgId}`).set('Cookie', ownerS.cookie).expect(200);
      expect(page.text).toContain('Aucune invitation en attente.');
      const bad = await ctx.t
        .http()
        .post(`/structures/${orgId}/invitations`)
        .type('form')
        .set('Cookie', ownerS.cookie)
        .send({ _csrf: ownerS.csrfToken, email: 'nope' })
        .expect(422);
      expect(bad.text).toMatch(/id="email-message-error">Adresse électronique invalide/);

      const posted = await ctx.t
        .http()
        .post(`/structures/${orgId}/invitations`)
        .type('form')
        .set('Cookie', ownerS.cookie)
        .send({ _csrf: ownerS.csrfToken, email: INVITEE })
        .expect(303);
      expect(posted.headers.location).toBe(`/structures/${orgId}#invitation-creee`);
      const flash = cookieValue(posted, 'essaim_invitation')!;
      const shown = await ctx.t.http().get(`/structures/${orgId}`).set('Cookie', `${ownerS.cookie}; ${flash}`).expect(200);
      const link = group(/id="lien-invitation" type="text" readonly value="([^"]+)"/.exec(shown.text));
      expect(shown.text).toContain('Invitation créée pour camille.collegue@ruches.example');
      expect(cookieValue(shown, 'essaim_invitation')).toBe('essaim_invitation='); // cleared: shown once
      const token = tokenOf(link);
      const forged = await ctx.t
        .http()
        .get(`/structures/${orgId}`)
        .set('Cookie', `${ownerS.cookie}; essaim_invitation=${'y'.repeat(43)}`)
        .expect(200);
      expect(forged.text).not.toContain('lien-invitation');

      // Anonymous: the organisation's name, and links to sign in or sign up that come back here.
      const anon = await ctx.t.http().get(`/invitations/${token}`).expect(200);
      expect(anon.text).toContain('Invitation à rejoindre SCIC Essaimons');
      expect(anon.text).toContain(`href="/connexion?suite=%2Finvitations%2F${token}"`);
      expect(anon.text).toContain(`href="/inscription?suite=%2Finvitations%2F${token}"`);
      await ctx.t
        .http()
        .get(`/invitations/${'z'.repeat(43)}`)
        .set('Accept', 'text/html')
        .expect(404);

      const other = await login(ctx.t, await createUser(ctx.owner));
      const otherPage = await ctx.t.http().get(`/invitations/${token}`).set('Cookie', other.cookie).expect(200);
      expect(otherPage.text).toContain('destinée à une autre adresse électronique');
      await ctx.t
        .http()
        .post(`/invitations/${token}/accepter`)
        .type('form')
        .set('Cookie', other.cookie)
        .set('Accept', 'text/html')
        .send({ _csrf: other.csrfToken })
        .expect(404);

      const invitee = await login(ctx.t, await createUser(ctx.owner, { email: INVITEE.toLowerCase() }));
      const acceptPage = await ctx.t.http().get(`/invitations/${token}`).set('Cookie', invitee.cookie).expect(200);
      expect(acceptPage.text).toContain('Rejoindre la structure');
      await ctx.t.http().post(`/invitations/${token}/accepter`).type('form').set('Cookie', invitee.cookie).send({}).expect(403); // CSRF
      const done = await ctx.t
        .http()
        .post(`/invitations/${token}/accepter`)
        .type('form')
        .set('Cookie', invitee.cookie)
        .send({ _csrf: invitee.csrfToken })
        .expect(303);
      expect(done.headers.location).toBe(`/structures/${orgId}`);
      const mine = await ctx.t.http().get('/structures').set('Cookie', invitee.cookie).expect(200);
      expect(mine.text).toContain('SCIC Essaimons');
    });

    it('revokes a pending invitation from the organisation page', async () => {
      const created = await invite().expect(201);
      const page = await ctx.t.http().get(`/structures/${orgId}`).set('Cookie', ownerS.cookie).expect(200);
      expect(page.text).toContain(`/structures/${orgId}/invitations/${created.body.id}/revoquer`);
      await ctx.t
        .http()
        .post(`/structures/${orgId}/invitations/${created.body.id}/revoquer`)
        .type('form')
        .set('Cookie', ownerS.cookie)
        .send({ _csrf: ownerS.csrfToken })
        .expect(303)
        .expect('location', `/structures/${orgId}#invitations`);
      const after = await ctx.t.http().get(`/structures/${orgId}`).set('Cookie', ownerS.cookie).expect(200);
      expect(after.text).toContain('Aucune invitation en attente.');
    });
  });
});
