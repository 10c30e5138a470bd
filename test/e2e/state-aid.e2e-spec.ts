import { randomUUID } from 'node:crypto';
import { completeDraft, createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { DocumentDataRepository } from '../../src/modules/documents/document-data.repository';
import { group } from '../support/checked';

const csrfIn = (html: string): string => group(/name="_csrf" value="([^"]+)"/.exec(html.slice(html.indexOf('id="form-aides-d-etat"'))));
const txt = (r: { text: string }): string => r.text.replace(/&#39;/g, "'").replace(/&quot;/g, '"');
const versionIn = (html: string): string => group(/name="version" value="(\d+)"/.exec(html.slice(html.indexOf('id="form-aides-d-etat"'))));

/** State aid is a regime (docs/domain/state-aid.md): the applicant chooses it, the instructor sees it, the convention data carries it. */
describe('state aid regime (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('applicant declares de minimis → refused over the ceiling, saved under it → instructor sees it → convention data carries it', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id); // ESF+ requested 106 400 €
    await ctx.owner.query(`DELETE FROM application_state_aid WHERE application_id = $1`, [id]); // completeDraft declares « no State aid »
    const get = (path: string) => ctx.t.http().get(path).set('Cookie', a.session.cookie).set('Accept', 'text/html');
    const post = (form: Record<string, string>) => ctx.t.http().post(`/dossiers/${id}/aides-d-etat`).set('Cookie', a.session.cookie).type('form').send(form);

    const page = await get(`/dossiers/${id}/aides-d-etat`).expect(200);
    expect(txt(page)).toContain('Aide de minimis (règlement (UE) 2023/2831');
    expect(page.text.replace(/<[^>]+>/g, ' ')).not.toMatch(/DE_MINIMIS|SIEG_DECISION|GBER|SIEG_DE/);
    const base = { _csrf: csrfIn(page.text), version: versionIn(page.text) };

    // No regime chosen, then « no State aid » without a reason, then GBER without its article: each refused in French.
    expect(txt(await post({ ...base, regime: '' }).expect(422))).toContain("Choisissez le régime d'aide d'État");
    expect(txt(await post({ ...base, regime: 'NONE' }).expect(422))).toContain("Expliquez pourquoi le soutien ne constitue pas une aide d'État");
    expect(txt(await post({ ...base, regime: 'GBER', reference: 'SA.111726' }).expect(422))).toContain("Indiquez l'article du règlement (UE) n° 651/2014");

    // 250 000 € received + 106 400 € requested > 300 000 € over three years (Regulation (EU) 2023/2831, art. 3(2)).
    const over = await post({ ...base, regime: 'DE_MINIMIS', deMinimisReceived: '250 000,00' }).expect(422);
    expect(txt(over)).toContain('au-delà du plafond de 300\u202f000,00\u202f€');
    expect(await ctx.owner.query(`SELECT 1 FROM application_state_aid WHERE application_id = $1`, [id])).toHaveLength(0);

    await post({ ...base, regime: 'DE_MINIMIS', deMinimisReceived: '150 000', gberArticle: 'ignoré' }).expect(303);
    const [row] = await ctx.owner.query(
      `SELECT regime, gber_article, de_minimis_received_cents::int AS received FROM application_state_aid WHERE application_id = $1`,
      [id],
    );
    expect(row).toEqual({ regime: 'DE_MINIMIS', gber_article: null, received: 15_000_000 });
    const [app] = await ctx.owner.query(`SELECT state_aid FROM application WHERE id = $1`, [id]);
    expect(app.state_aid).toBe(true);
    const audit = await ctx.owner.query(
      `SELECT action FROM audit_log WHERE subject_id = $1 AND action = 'application.state_aid.updated' AND after->>'regime' = 'DE_MINIMIS'`,
      [id],
    );
    expect(audit).toHaveLength(1);
    const saved = await get(`/dossiers/${id}/aides-d-etat?enregistre=1`).expect(200);
    expect(txt(saved)).toContain("dix ans à compter de l'octroi de l'aide");
    expect(txt(saved)).toContain('256\u202f400,00\u202f€ avec le FSE+');

    const submitted = await ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true });
    expect([200, 201]).toContain(submitted.status);

    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const seen = await ctx.t.http().get(`/instruction/dossiers/${id}`).set('Cookie', instructor.session.cookie).set('Accept', 'text/html').expect(200);
    expect(txt(seen)).toMatch(/id="regime-aide">Aide de minimis \(règlement \(UE\) 2023\/2831/);
    expect(seen.text).toContain('150\u202f000,00\u202f€');
    expect(seen.text).toContain('Conservation des pièces');

    const convention = await new DocumentDataRepository(ctx.t.db).conventionStateAid(id);
    expect(convention).toMatchObject({ regime: 'DE_MINIMIS', deMinimisReceivedCents: 15_000_000, gberArticle: null, retentionEndDate: null });
    expect(convention.regimeLabel).toContain('2023/2831');
    expect(convention.clause).toContain('aide de minimis accordée en application du règlement (UE) 2023/2831');
    expect(convention.clause).toContain('150\u202f000,00\u202f€');
    expect(convention.retentionBasis).toContain('article 6, paragraphe 4, du règlement (UE) 2023/2831');
    // The convention's own facts carry the declared regime's clause, printed in its State aid article.
    const facts = await new DocumentDataRepository(ctx.t.db).convention(id);
    expect(facts.stateAid).toMatchObject({ declared: true, clause: expect.stringContaining('règlement (UE) 2023/2831') });
  });

  it('a dossier submitted before the declaration was required is flagged to the instructor and its convention data says so', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id);
    await ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(200);
    // Such a dossier has no row (the declaration is required at submission since issue 11 point 3).
    await ctx.owner.query(`DELETE FROM application_state_aid WHERE application_id = $1`, [id]);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const seen = await ctx.t.http().get(`/instruction/dossiers/${id}`).set('Cookie', instructor.session.cookie).set('Accept', 'text/html').expect(200);
    expect(seen.text).toContain('Non déclaré');
    expect(await new DocumentDataRepository(ctx.t.db).conventionStateAid(id)).toMatchObject({ regime: null, regimeLabel: 'Non déclaré' });
  });
});
