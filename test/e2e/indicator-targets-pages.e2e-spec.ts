import { randomUUID } from 'node:crypto';
import { completeDraft, createApplicant, createDraft, createOpenCall } from '../support/factories/application.factory';
import { truncateAll, useTestApp } from '../support/test-app';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
/** The HTML of the element with this id, up to its closing `</tag>` (no nesting of the same tag inside). */
const block = (html: string, id: string, tag: string) => {
  const start = html.indexOf(`id="${id}"`);
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
};

/**
 * The indicator targets of a submitted dossier, read in French (issue 14, points 14 and 15): a read-only table on the
 * section page instead of disabled inputs, a block in the applicant's summary, the operation page by label.
 */
describe('indicator targets pages (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));

  async function draft() {
    const a = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id } = await createDraft(ctx.t, a, callId);
    await completeDraft(ctx.t, a, id); // EECO01 40 (22 F, 17 M, 1 X), the call's others 10
    const page = async (path: string) => decode((await ctx.t.http().get(path).set('Cookie', a.session.cookie).set('Accept', 'text/html').expect(200)).text);
    const submit = () =>
      ctx.t.http().post(`/api/v1/applications/${id}/submit`).set(a.auth).set('Idempotency-Key', randomUUID()).send({ attestation: true }).expect(200);
    return { a, id, page, submit };
  }

  it('shows a form while drafting, then a read-only table with the French labels once submitted', async () => {
    const { id, page, submit } = await draft();
    const editing = await page(`/dossiers/${id}/cibles`);
    expect(editing).toContain('id="form-cibles"');
    expect(editing).toContain('Nombre total de participants <span class="fr-hint-text">Code EECO01</span>');
    expect(editing).not.toContain('disabled');

    await submit();
    const html = await page(`/dossiers/${id}/cibles`);
    expect(html).not.toContain('id="form-cibles"');
    expect(html).not.toMatch(/<input[^>]*disabled/);
    expect(html).not.toContain('autosave.js');
    const table = block(html, 'cibles-declarees', 'table');
    expect(table).toContain('<caption>Cibles des indicateurs déclarées</caption>');
    expect(table).toMatch(
      /<th scope="row">Nombre total de participants <span class="fr-hint-text">Code EECO01<\/span><\/th>\s*<td class="fr-cell--right">40 participants<\/td>\s*<td>dont 22 femmes, 17 hommes, 1 personne non binaire<\/td>/,
    );
    expect(table).toMatch(
      /<th scope="row">Chômeurs, y compris de longue durée <span class="fr-hint-text">Code EECO02<\/span><\/th>\s*<td class="fr-cell--right">10 participants<\/td>\s*<td>—<\/td>/,
    );
    expect(table).toContain('Participants exerçant un emploi, y compris indépendant, au terme de leur participation');
    // The code is only secondary: never as the row's first words.
    expect(table).not.toMatch(/<th scope="row">EEC/);
  });

  it("adds the targets to the applicant's summary of what was submitted", async () => {
    const { id, page, submit } = await draft();
    expect(await page(`/dossiers/${id}`)).not.toContain('id="recap-cibles"');
    await submit();
    const overview = await page(`/dossiers/${id}`);
    // Inside « Ce que vous avez déposé », before the generated documents and the history.
    const at = overview.indexOf('<h3 id="recap-cibles">Cibles des indicateurs</h3>');
    expect(at).toBeGreaterThan(overview.indexOf('id="recapitulatif"'));
    expect(at).toBeLessThan(overview.indexOf('id="historique-titre"'));
    const table = block(overview, 'recap-tableau-cibles', 'table');
    expect(table).toContain('Nombre total de participants');
    expect(table).toContain('40 participants');
    expect(table).toContain('dont 22 femmes, 17 hommes, 1 personne non binaire');
    expect(table).toContain('Participants handicapés <span class="fr-hint-text">Code EECO12</span>');
  });

  it('lists the targets of the operation page by the French label of each indicator', async () => {
    const { id, page, submit } = await draft();
    await submit();
    const html = await page(`/operations/${id}`);
    const table = block(html, 'tableau-cibles', 'table');
    expect(table).toContain('Nombre total de participants <span class="fr-hint-text">Code EECO01</span>');
    expect(table).toContain('Personnes exerçant un emploi, y compris les indépendants <span class="fr-hint-text">Code EECO05</span>');
    expect(table).toContain('Participants à la recherche d’un emploi au terme de leur participation');
    expect(html).not.toMatch(/<li>EEC\w+ : \d+<\/li>/);
  });
});
