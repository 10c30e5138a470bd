import { createStaff } from '../support/factories/application.factory';
import { closeCall } from '../support/factories/committee.factory';
import { createEvaluationCall, createInstructedDossier, insertConsensus } from '../support/factories/evaluation.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { expectRefusedForm } from '../support/form-errors';
import { at } from '../support/checked';

type Staff = Awaited<ReturnType<typeof createStaff>>;
const decode = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('evaluation pages (e2e)', () => {
  const ctx = useTestApp();
  let manager: Staff;
  let rapporteur: Staff;
  let member: Staff;

  const page = (path: string, who: Staff) => ctx.t.http().get(path).set('Accept', 'text/html').set('Cookie', who.session.cookie);
  const post = (path: string, who: Staff, body: Record<string, string>) =>
    ctx.t
      .http()
      .post(path)
      .type('form')
      .set('Accept', 'text/html')
      .set('Cookie', who.session.cookie)
      .send({ _csrf: who.session.csrfToken, ...body });

  beforeEach(async () => {
    await truncateAll(ctx.owner);
    manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    rapporteur = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    member = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
  });

  it('walks an evaluator through declaration, draft, submission, and the rapporteur through the consensus', async () => {
    const call = await createEvaluationCall(ctx.owner);
    for (const [who, role] of [
      [rapporteur, 'RAPPORTEUR'],
      [member, 'MEMBER'],
    ] as const) {
      await ctx.t.http().post(`/api/v1/calls/${call.id}/panel/members`).set(manager.auth).send({ userId: who.user.id, role }).expect(201);
    }
    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id, title: 'Ruches partagées' });
    await ctx.t.http().post(`/api/v1/calls/${call.id}/panel/assignments/auto`).set(manager.auth).send({}).expect(200);

    const list = decode((await page('/evaluation', rapporteur).expect(200)).text);
    expect(list).toContain('Ruches partagées');
    expect(list).toContain(`href="/evaluation/${dossier.id}/declaration"`);
    await page(`/evaluation/${dossier.id}`, rapporteur).expect(404);
    // The whole dossier and its documents wait for the declaration of no conflict, as the sheet does.
    await page(`/evaluation/${dossier.id}/dossier`, rapporteur).expect(404);
    await page(`/evaluation/${dossier.id}/pieces/00000000-0000-4000-8000-000000000000`, rapporteur).expect(404);

    const missing = await post(`/evaluation/${dossier.id}/declaration`, rapporteur, {}).expect(422);
    expect(decode(missing.text)).toContain('Indiquez si vous avez un conflit');
    await post(`/evaluation/${dossier.id}/declaration`, rapporteur, { conflict: 'non' }).expect(303).expect('Location', `/evaluation/${dossier.id}`);
    const whole = decode((await page(`/evaluation/${dossier.id}/dossier`, rapporteur).expect(200)).text);
    expect(whole).toContain("Rapport d'instruction");
    expect(whole).toContain('Projet solide.');
    const sheet = decode((await page(`/evaluation/${dossier.id}`, rapporteur).expect(200)).text);
    expect(sheet).toContain('id="critere-C1">Besoin social');
    expect(sheet).toContain('Le besoin est-il documenté ?');
    const version = /name="version" value="(\d+)"/.exec(sheet)?.[1] as string;

    const incomplete = await post(`/evaluation/${dossier.id}/notes`, rapporteur, {
      version,
      action: 'soumettre',
      score_C1: '4',
      justification_C1: 'Étayé.',
      score_C2: '2',
    });
    expectRefusedForm(incomplete, { hrefs: ['justification_C2'], echoed: ['Étayé.</textarea>'] });
    expect(decode(incomplete.text)).toContain('Justification manquante pour C2');
    const after = decode((await page(`/evaluation/${dossier.id}`, rapporteur).expect(200)).text);
    const v2 = /name="version" value="(\d+)"/.exec(after)?.[1] as string;
    await post(`/evaluation/${dossier.id}/notes`, rapporteur, {
      version: v2,
      action: 'soumettre',
      score_C1: '4',
      justification_C1: 'Étayé.',
      score_C2: '2',
      justification_C2: 'Peu de partenaires.',
    })
      .expect(303)
      .expect('Location', `/evaluation/${dossier.id}?statut=soumis`);

    await post(`/evaluation/${dossier.id}/declaration`, member, { conflict: 'non' }).expect(303);
    const mv = /name="version" value="(\d+)"/.exec((await page(`/evaluation/${dossier.id}`, member).expect(200)).text)?.[1] as string;
    await post(`/evaluation/${dossier.id}/notes`, member, {
      version: mv,
      action: 'soumettre',
      score_C1: '1',
      justification_C1: 'Faible.',
      score_C2: '2',
      justification_C2: 'Idem.',
    }).expect(303);

    const consensus = decode((await page(`/evaluation/${dossier.id}/consensus`, rapporteur).expect(200)).text);
    expect(consensus).toContain('2,50');
    expect(consensus).toContain('Divergence');
    const noComment = await post(`/evaluation/${dossier.id}/consensus`, rapporteur, { version: '0', score_C1: '2', score_C2: '2' }).expect(422);
    expect(decode(noComment.text)).toContain('Un commentaire est obligatoire');
    await post(`/evaluation/${dossier.id}/consensus`, rapporteur, {
      version: '0',
      score_C1: '2',
      score_C2: '2',
      comment_C1: 'Besoin moins documenté que présenté.',
    })
      .expect(303)
      .expect('Location', `/evaluation/${dossier.id}/consensus?statut=consensus`);
    const [row] = await ctx.owner.query(`SELECT scores, weighted_total FROM evaluation_consensus WHERE application_id = $1`, [dossier.id]);
    expect(row).toEqual({ scores: { C1: 2, C2: 2 }, weighted_total: 10 });
    // The member is not the rapporteur: the form is not offered and a post is refused.
    expect(decode((await page(`/evaluation/${dossier.id}/consensus`, member).expect(200)).text)).not.toContain('Enregistrer le consensus');
    await post(`/evaluation/${dossier.id}/consensus`, member, { version: '1', score_C1: '2', score_C2: '2' }).expect(404);
  });

  it('shows the ranking with the funding line and the reserve', async () => {
    const call = await createEvaluationCall(ctx.owner, { envelopeCents: 15_000_000 });
    const funded = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 10_000_000, status: 'UNDER_EVALUATION' });
    const reserve = await createInstructedDossier(ctx.owner, { callId: call.id, euCents: 10_000_000, status: 'UNDER_EVALUATION' });
    const below = await createInstructedDossier(ctx.owner, { callId: call.id, status: 'UNDER_EVALUATION' });
    await insertConsensus(ctx.owner, funded.id, { C1: 5, C2: 5 }, rapporteur.user.id);
    await insertConsensus(ctx.owner, reserve.id, { C1: 4, C2: 4 }, rapporteur.user.id);
    await insertConsensus(ctx.owner, below.id, { C1: 1, C2: 1 }, rapporteur.user.id);

    // Before the call's closing the page says so instead of ranking.
    expect(decode((await page(`/gestion/evaluation/appels/${call.id}/classement`, manager).expect(200)).text)).toContain('pas encore clos');
    await closeCall(ctx.owner, call.id);
    const html = decode((await page(`/gestion/evaluation/appels/${call.id}/classement`, manager).expect(200)).text);
    const order = [funded.number, 'Ligne de financement', reserve.number, below.number].map((s) => html.indexOf(s));
    expect(order.every((p) => p > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('au-dessous : liste de réserve');
    expect(html).toContain('Liste de réserve : 1 dossier(s).');
    expect(html).toContain('sous le seuil sur C1 : 1 < 2');
    await page(`/gestion/evaluation/appels/${call.id}/classement`, member).expect(404);
  });

  it('edits the grid of a draft call from the CSESS template and reports errors beside their fields', async () => {
    const call = await createEvaluationCall(ctx.owner, { status: 'DRAFT', grid: null });
    const form = decode((await page(`/gestion/evaluation/appels/${call.id}/grille?modele=csess`, manager).expect(200)).text);
    expect(form).toContain('value="Besoin social et réponse apportée"');
    const version = /name="version" value="(\d+)"/.exec(form)?.[1] as string;
    const base = {
      version,
      code_0: 'C1',
      label_0: 'Besoin',
      weight_0: '3',
      scaleMin_0: '0',
      scaleMax_0: '5',
      threshold_0: '2',
      code_1: 'C2',
      label_1: 'Effets',
      weight_1: '2',
      scaleMin_1: '0',
      scaleMax_1: '5',
      code_2: '',
      label_2: '',
      tieBreak: 'C1, C2',
      divergenceGap: '2',
      evaluatorsPerDossier: '3',
      fillRemainder: 'true',
    };
    const bad = await post(`/gestion/evaluation/appels/${call.id}/grille`, manager, { ...base, weight_1: '0' });
    expectRefusedForm(bad, { hrefs: ['weight_1'], echoed: ['value="C1, C2"'] });
    await post(`/gestion/evaluation/appels/${call.id}/grille`, manager, base).expect(303);
    const [stored] = await ctx.owner.query(`SELECT evaluation_grid AS g FROM call WHERE id = $1`, [call.id]);
    expect(stored.g).toMatchObject({
      criteria: [{ code: 'C1', threshold: 2 }, { code: 'C2' }],
      tieBreak: ['C1', 'C2'],
      evaluatorsPerDossier: 3,
      fillRemainder: true,
    });
    await page(`/gestion/evaluation/appels/${call.id}/grille`, member).expect(403);
  });
  it('manages the panel from its page: members, automatic assignment, and the chair waiving a conflict', async () => {
    const call = await createEvaluationCall(ctx.owner);
    const chair = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const base = `/gestion/evaluation/appels/${call.id}/comite`;
    const empty = decode((await page(base, manager).expect(200)).text);
    expect(empty).toContain(`value="${chair.user.id}"`);
    expectRefusedForm(await post(`${base}/membres`, manager, { userId: 'personne', role: 'MEMBER' }));
    for (const [who, role] of [
      [chair, 'CHAIR'],
      [rapporteur, 'RAPPORTEUR'],
      [member, 'MEMBER'],
    ] as const) {
      await post(`${base}/membres`, manager, { userId: who.user.id, role }).expect(303).expect('Location', `${base}?statut=membre`);
    }
    const twice = await post(`${base}/membres`, manager, { userId: member.user.id, role: 'MEMBER' });
    expectRefusedForm(twice);
    expect(decode(twice.text)).toContain('fait déjà partie du comité');
    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id });
    await post(`${base}/attributions/auto`, manager, { evaluatorsPerDossier: '2' }).expect(303).expect('Location', `${base}?statut=auto`);
    const assigned: { evaluator_id: string }[] = await ctx.owner.query(`SELECT evaluator_id FROM evaluation_assignment WHERE application_id = $1`, [
      dossier.id,
    ]);
    expect(assigned).toHaveLength(2);
    const conflicted =
      at(assigned, 0, 'assignment').evaluator_id === chair.user.id ? at(assigned, 1, 'assignment').evaluator_id : at(assigned, 0, 'assignment').evaluator_id;
    const who = conflicted === rapporteur.user.id ? rapporteur : member;
    await ctx.t.http().put(`/api/v1/evaluations/${dossier.id}/declaration`).set(who.auth).send({ conflict: true, details: 'Ancien bénévole.' }).expect(200);

    // The chair finds the conflict on the page and lifts it with a reason; members cannot reach the page.
    await page(base, member.user.id === conflicted ? rapporteur : member).expect(404);
    expect(decode((await page('/evaluation', chair).expect(200)).text)).toContain(`${base}`);
    const chairView = decode((await page(base, chair).expect(200)).text);
    expect(chairView).toContain('Lever le conflit');
    expect(chairView).not.toContain('Ajouter au comité');
    await post(`${base}/derogations`, chair, { applicationId: dossier.id, evaluatorId: conflicted, reason: '' }).expect(422);
    await post(`${base}/derogations`, chair, { applicationId: dossier.id, evaluatorId: conflicted, reason: 'Bénévolat ancien et ponctuel.' }).expect(303);
    await ctx.t.http().get(`/api/v1/evaluations/${dossier.id}`).set(who.auth).expect(200);
    await post(`${base}/membres`, chair, { userId: manager.user.id, role: 'MEMBER' }).expect(403);
  });
});
