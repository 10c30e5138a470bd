import { createApplicant, createDraft, createOpenCall, createStaff, validProject } from '../support/factories/application.factory';
import { submittedDossier } from '../support/factories/documents.factory';
import { truncateAll, useTestApp } from '../support/test-app';

/** The category of region of an operation (CPR art. 108(2), docs/domain/region-category.md): stored on the dossier and shown. */
describe('region category of a dossier (e2e)', () => {
  const ctx = useTestApp();
  beforeEach(() => truncateAll(ctx.owner));

  it('stores the category of the declared département, shows it to the applicant and the instructor', async () => {
    const { applicant, applicationId } = await submittedDossier(ctx.t, ctx.owner);
    const [stored] = await ctx.owner.query(`SELECT region_category, region_category_departement FROM application WHERE id = $1`, [applicationId]);
    expect(stored).toEqual({ region_category: 'MORE_DEVELOPED', region_category_departement: '69' });

    const overview = await ctx.t.http().get(`/dossiers/${applicationId}`).set('Cookie', applicant.session.cookie).set('Accept', 'text/html').expect(200);
    expect(overview.text).toContain('Région plus développée (Rhône, 69)');

    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const page = await ctx.t
      .http()
      .get(`/instruction/dossiers/${applicationId}`)
      .set('Cookie', instructor.session.cookie)
      .set('Accept', 'text/html')
      .expect(200);
    expect(page.text).toMatch(/id="categorie-region">Région plus développée \(Rhône, 69\)/);
  });

  it('classes an overseas département as a less developed region when the project is saved', async () => {
    const applicant = await createApplicant(ctx.t, ctx.owner);
    const { id: callId } = await createOpenCall(ctx.owner);
    const { id: applicationId, etag } = await createDraft(ctx.t, applicant, callId);
    await ctx.t
      .http()
      .put(`/api/v1/applications/${applicationId}/project`)
      .set(applicant.auth)
      .set('If-Match', etag)
      .send({ ...validProject(), departement: '972' })
      .expect(200);
    const [stored] = await ctx.owner.query(`SELECT region_category, region_category_departement FROM application WHERE id = $1`, [applicationId]);
    expect(stored).toEqual({ region_category: 'LESS_DEVELOPED', region_category_departement: '972' });
    const overview = await ctx.t.http().get(`/dossiers/${applicationId}`).set('Cookie', applicant.session.cookie).set('Accept', 'text/html').expect(200);
    expect(overview.text).toContain('Région moins développée (Martinique, 972)');
  });
});
