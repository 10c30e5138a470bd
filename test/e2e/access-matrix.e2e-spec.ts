import { randomUUID } from 'node:crypto';
import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { createInstructedDossier } from '../support/factories/evaluation.factory';
import { createUser, login } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';

type Who =
  | 'anonymous'
  | 'owner'
  | 'member'
  | 'otherApplicant'
  | 'INSTRUCTOR'
  | 'evaluatorAssigned'
  | 'evaluatorOther'
  | 'PROGRAMME_MANAGER'
  | 'MANAGING_AUTHORITY'
  | 'ADMINISTRATOR';

/**
 * Organisations, their members and draft calls, read with every role (issue: evaluators read only what is assigned to
 * them; drafts belong to the programme managers). A denial is the same 404 as an unknown id.
 */
describe('access matrix: organisations, members, draft calls (e2e)', () => {
  const ctx = useTestApp();
  const auth = {} as Record<Who, Record<string, string>>;
  let orgId: string;
  let draftCallId: string;
  let memberUserId: string;
  let dossierId: string;

  beforeAll(async () => {
    const { t, owner } = ctx;
    await truncateAll(owner);
    const a = await createApplicant(t, owner, 'Olivia Responsable');
    orgId = a.organisation.id;
    auth.owner = a.auth;
    const member = await createUser(owner, { roles: ['APPLICANT'], displayName: 'Marc Membre' });
    memberUserId = member.id;
    await owner.query(`INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, 'MEMBER')`, [orgId, member.id]);
    auth.member = { Authorization: `Bearer ${(await login(t, member)).token}` };
    auth.otherApplicant = (await createApplicant(t, owner, 'Autre Porteuse')).auth;
    for (const role of ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR'] as const)
      auth[role] = (await createStaff(t, owner, role)).auth;
    const assigned = await createStaff(t, owner, 'EVALUATOR');
    auth.evaluatorAssigned = assigned.auth;
    auth.evaluatorOther = (await createStaff(t, owner, 'EVALUATOR')).auth;
    // The organisation's dossier, assigned to one evaluator of the call's panel.
    const call = await createOpenCall(owner);
    const dossier = await createInstructedDossier(owner, { callId: call.id, organisationId: orgId, status: 'UNDER_EVALUATION' });
    dossierId = dossier.id;
    await owner.query(`INSERT INTO panel_member (call_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [call.id, assigned.user.id]);
    await owner.query(`INSERT INTO evaluation_assignment (application_id, evaluator_id, call_id) VALUES ($1, $2, $3)`, [dossier.id, assigned.user.id, call.id]);
    draftCallId = (await createOpenCall(owner, { status: 'DRAFT' })).id;
  });

  const expected: Record<Who, { org: number; draft: number; draftList: number }> = {
    anonymous: { org: 401, draft: 404, draftList: 401 },
    owner: { org: 200, draft: 404, draftList: 403 },
    member: { org: 200, draft: 404, draftList: 403 },
    otherApplicant: { org: 404, draft: 404, draftList: 403 },
    INSTRUCTOR: { org: 200, draft: 404, draftList: 403 },
    evaluatorAssigned: { org: 200, draft: 404, draftList: 403 },
    evaluatorOther: { org: 404, draft: 404, draftList: 403 },
    PROGRAMME_MANAGER: { org: 200, draft: 200, draftList: 200 },
    MANAGING_AUTHORITY: { org: 200, draft: 404, draftList: 403 },
    ADMINISTRATOR: { org: 200, draft: 404, draftList: 403 },
  };

  it.each(Object.keys(expected) as Who[])('%s reads organisations, members and draft calls as the matrix says', async (who) => {
    const h = auth[who] ?? {};
    const org = await ctx.t.http().get(`/api/v1/organisations/${orgId}`).set(h);
    const members = await ctx.t.http().get(`/api/v1/organisations/${orgId}/members`).set(h);
    const draft = await ctx.t.http().get(`/api/v1/calls/${draftCallId}`).set(h);
    const list = await ctx.t.http().get('/api/v1/calls?status=draft').set(h);
    expect({ who, org: org.status, members: members.status, draft: draft.status, draftList: list.status }).toEqual({
      who,
      org: expected[who].org,
      members: expected[who].org,
      draft: expected[who].draft,
      draftList: expected[who].draftList,
    });
    if (org.status === 404) expect(org.body.code).toBe('NOT_FOUND');
    if (members.status === 404) expect(JSON.stringify(members.body)).not.toMatch(/Marc Membre|@/);
    if (draft.status === 404) expect(draft.body.code).toBe('NOT_FOUND');
    // Without ?status, only programme managers see drafts in the list.
    const all = await ctx.t.http().get('/api/v1/calls').set(h).expect(200);
    expect(all.body.items.some((c: { id: string }) => c.id === draftCallId)).toBe(who === 'PROGRAMME_MANAGER');
  });

  it.each(['member', 'otherApplicant', 'INSTRUCTOR', 'evaluatorAssigned', 'ADMINISTRATOR'] as Who[])(
    '%s cannot change the organisation or remove a member',
    async (who) => {
      const h = auth[who];
      const patch = await ctx.t.http().patch(`/api/v1/organisations/${orgId}`).set(h).set('If-Match', '"1"').send({ city: 'Paris' });
      const del = await ctx.t.http().delete(`/api/v1/organisations/${orgId}/members/${memberUserId}`).set(h);
      const visible = expected[who].org === 200;
      const applicant = who === 'member' || who === 'otherApplicant';
      // Staff are refused by role (403); an applicant who reads but does not own gets 403; one who cannot read, 404.
      expect(patch.status).toBe(applicant ? (visible ? 403 : 404) : 403);
      expect(del.status).toBe(applicant ? (visible ? 403 : 404) : 403);
    },
  );

  // Frozen legal identity (docs/security.md): organisation readers read its requests, owners ask, instruction staff decide.
  it.each(Object.keys(expected) as Who[])('%s reaches identity-change requests as the matrix says', async (who) => {
    const h = auth[who] ?? {};
    const decider = ['INSTRUCTOR', 'PROGRAMME_MANAGER', 'ADMINISTRATOR'].includes(who);
    const ofOrg = await ctx.t.http().get(`/api/v1/organisations/${orgId}/identity-changes`).set(h);
    const queue = await ctx.t.http().get('/api/v1/identity-changes').set(h);
    const one = await ctx.t.http().get(`/api/v1/identity-changes/${randomUUID()}`).set(h);
    const approve = await ctx.t.http().post(`/api/v1/identity-changes/${randomUUID()}/approve`).set(h).set('If-Match', '"1"').send({});
    const refuse = await ctx.t.http().post(`/api/v1/identity-changes/${randomUUID()}/refuse`).set(h).set('If-Match', '"1"').send({ comment: 'Non' });
    const ask = await ctx.t
      .http()
      .post(`/api/v1/organisations/${orgId}/identity-changes`)
      .set(h)
      .send({ legalName: `Nom ${who}`, reason: 'Fusion' });
    const staffOnly = who === 'anonymous' ? 401 : decider ? 404 : 403;
    expect({ who, ofOrg: ofOrg.status, queue: queue.status, one: one.status, approve: approve.status, refuse: refuse.status }).toEqual({
      who,
      ofOrg: expected[who].org,
      queue: who === 'anonymous' ? 401 : decider ? 200 : 403,
      one: staffOnly,
      approve: staffOnly,
      refuse: staffOnly,
    });
    const applicant = who === 'member' || who === 'otherApplicant' || who === 'owner';
    expect(ask.status).toBe(who === 'anonymous' ? 401 : who === 'owner' ? 201 : applicant ? (expected[who].org === 200 ? 403 : 404) : 403);
    if (ask.status === 201)
      await ctx.owner.query(`UPDATE organisation_identity_change SET status = 'REFUSED', decided_at = now(), decided_by = requested_by WHERE id = $1`, [
        ask.body.id,
      ]);
  });

  // The answer to a postponement: members of the dossier's organisation only (others 404, staff 403 by role).
  it.each(Object.keys(expected) as Who[])('%s answers a postponement as the matrix says', async (who) => {
    const res = await ctx.t
      .http()
      .post(`/api/v1/applications/${dossierId}/postponement-answer`)
      .set(auth[who] ?? {})
      .set('If-Match', '"1"')
      .send({ answer: 'Réponse' });
    const status = who === 'anonymous' ? 401 : who === 'owner' || who === 'member' ? 409 : who === 'otherApplicant' ? 404 : 403;
    expect({ who, status: res.status }).toEqual({ who, status });
  });

  it('lets the owner remove a member, who loses access at once, and never the last owner', async () => {
    await ctx.t.http().get(`/api/v1/organisations/${orgId}`).set(auth.member).expect(200);
    await ctx.t.http().delete(`/api/v1/organisations/${orgId}/members/${randomUUID()}`).set(auth.owner).expect(404);
    await ctx.t.http().delete(`/api/v1/organisations/${orgId}/members/${memberUserId}`).set(auth.owner).expect(204);
    await ctx.t.http().get(`/api/v1/organisations/${orgId}`).set(auth.member).expect(404);
    const members = await ctx.t.http().get(`/api/v1/organisations/${orgId}/members`).set(auth.owner).expect(200);
    expect(members.body.map((m: { displayName: string }) => m.displayName)).toEqual(['Olivia Responsable']);
    const ownerId = members.body[0].userId;
    const last = await ctx.t.http().delete(`/api/v1/organisations/${orgId}/members/${ownerId}`).set(auth.owner).expect(422);
    expect(last.body.code).toBe('BUSINESS_RULE_VIOLATED');
    const [audit] = await ctx.owner.query(`SELECT action, before FROM audit_log WHERE subject_id = $1 AND action = 'organisation.member_removed'`, [orgId]);
    expect(audit.before).toEqual({ userId: memberUserId, memberRole: 'MEMBER' });
  });

  it('lets the owner remove a member from the organisation page, and says why the last owner stays', async () => {
    const o = await createApplicant(ctx.t, ctx.owner, 'Paula Responsable');
    const m = await createUser(ctx.owner, { roles: ['APPLICANT'], displayName: 'Mia Membre' });
    await ctx.owner.query(`INSERT INTO organisation_member (organisation_id, user_id, member_role) VALUES ($1, $2, 'MEMBER')`, [o.organisation.id, m.id]);
    const { cookie, csrfToken } = o.session;
    const page = await ctx.t.http().get(`/structures/${o.organisation.id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(`data-member-id="${m.id}"`);
    expect(page.text).toContain('Retirer Mia Membre de la structure');
    const memberPage = await ctx.t
      .http()
      .get(`/structures/${o.organisation.id}`)
      .set('Cookie', (await login(ctx.t, m)).cookie)
      .expect(200);
    expect(memberPage.text).not.toContain('/retirer"');
    const removed = await ctx.t
      .http()
      .post(`/structures/${o.organisation.id}/membres/${m.id}/retirer`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfToken })
      .expect(303);
    expect(removed.headers.location).toBe(`/structures/${o.organisation.id}#membres`);
    expect(await ctx.owner.query(`SELECT 1 FROM organisation_member WHERE organisation_id = $1 AND user_id = $2`, [o.organisation.id, m.id])).toEqual([]);
    const last = await ctx.t
      .http()
      .post(`/structures/${o.organisation.id}/membres/${o.user.id}/retirer`)
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfToken });
    expect(last.status).toBe(422);
    expect(last.text).toContain('au moins un responsable');
  });
});
