import { createApplicant, createDraft, createOpenCall, createStaff } from '../support/factories/application.factory';
import { createEvaluationCall, createInstructedDossier } from '../support/factories/evaluation.factory';
import { insertSubmittedDossier } from '../support/factories/instruction.factory';
import { createUser, login, type Session } from '../support/factories/user.factory';
import { truncateAll, useTestApp } from '../support/test-app';
import { group } from '../support/checked';

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

/** The tasks of one role section of the home page: [count, label, href]. */
function tasksOf(html: string, role: string): [number, string, string][] {
  const section = new RegExp(`<section[^>]*id="espace-${role}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return [...section.matchAll(/<a href="([^"]+)"><span class="essaim-task__count">(\d+)<\/span> ([^<]+)<\/a>/g)].map((m) => [
    Number(group(m, 2)),
    group(m, 3).trim(),
    group(m, 1),
  ]);
}

/** Home pages that say what to do next, per role (issue 14, point 9). */
describe('home pages (e2e)', () => {
  const ctx = useTestApp();
  beforeAll(() => truncateAll(ctx.owner));
  const home = async (s: Session) => decode((await ctx.t.http().get('/accueil').set('Cookie', s.cookie).expect(200)).text);

  it("counts an applicant's drafts, complements due and submitted dossiers, and an instructor's waiting dossiers per step and per instructor", async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const call = await createOpenCall(ctx.owner);
    await createDraft(ctx.t, a, call.id);
    const instructor = await createUser(ctx.owner, { roles: ['INSTRUCTOR'], displayName: 'Inès Instructrice' });
    await insertSubmittedDossier(ctx.owner, call, a.organisation, a.user.id, { instructorId: instructor.id });
    await insertSubmittedDossier(ctx.owner, call, a.organisation, a.user.id, { status: 'ADMISSIBLE', instructorId: instructor.id });
    await insertSubmittedDossier(ctx.owner, call, a.organisation, a.user.id);
    const incomplete = await insertSubmittedDossier(ctx.owner, call, a.organisation, a.user.id, { status: 'INCOMPLETE', instructorId: instructor.id });
    await ctx.owner.query(
      `INSERT INTO admissibility_review (application_id, round, submission_no, checks, outcome, complements, due_date, decided_by)
       VALUES ($1, 1, 1, '[]', 'INCOMPLETE', '[{"section":"DOCUMENTS","text":"RIB"}]', '2027-01-15', $2)`,
      [incomplete.id, instructor.id],
    );

    const page = await home(a.session);
    expect(tasksOf(page, 'applicant')).toEqual([
      [1, 'dossier à compléter (demande de compléments)', `/dossiers/${incomplete.id}`],
      [0, 'message non lu du service instructeur', '/dossiers'],
      [1, 'brouillon à terminer et déposer', expect.stringMatching(/^\/dossiers\/[0-9a-f-]{36}$/)],
      [3, 'dossiers déposés en cours de suivi', '/dossiers'],
    ]);
    expect(page).toContain('Avant le 15 janvier 2027');

    const staff = await login(ctx.t, instructor);
    const staffHome = await home(staff);
    expect(tasksOf(staffHome, 'instructor').map(([n, label]) => [n, label])).toEqual([
      [1, 'dossier affecté : recevabilité à vérifier'],
      [1, 'dossier affecté : éligibilité à vérifier'],
      [0, 'dossier affecté : rapport d’instruction à rédiger'],
      [1, 'dossier sans instructeur'],
      [0, 'réponse non lue d’un porteur de projet'],
    ]);
    expect(staffHome).toMatch(/<th scope="row">Non affectés<\/th><td>1<\/td><td>0<\/td><td>0<\/td><td>1<\/td>/);
    expect(staffHome).toMatch(/<th scope="row">Inès Instructrice<\/th><td>1<\/td><td>1<\/td><td>0<\/td><td>2<\/td>/);
  });

  it('shows the evaluator, programme manager, managing authority and administrator what waits for them', async () => {
    const evaluator = await createStaff(ctx.t, ctx.owner, 'EVALUATOR');
    const call = await createEvaluationCall(ctx.owner);
    const dossier = await createInstructedDossier(ctx.owner, { callId: call.id, status: 'UNDER_EVALUATION' });
    await ctx.owner.query(`INSERT INTO panel_member (call_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [call.id, evaluator.user.id]);
    await ctx.owner.query(`INSERT INTO evaluation_assignment (application_id, evaluator_id, call_id) VALUES ($1, $2, $3)`, [
      dossier.id,
      evaluator.user.id,
      call.id,
    ]);
    await ctx.owner.query(`INSERT INTO conflict_declaration (application_id, evaluator_id) VALUES ($1, $2)`, [dossier.id, evaluator.user.id]);
    expect(tasksOf(await home(await login(ctx.t, evaluator.user)), 'evaluator').map(([n]) => n)).toEqual([1, 0, 0]);

    await createOpenCall(ctx.owner, { status: 'DRAFT' });
    const manager = await createStaff(ctx.t, ctx.owner, 'PROGRAMME_MANAGER');
    const pm = tasksOf(await home(await login(ctx.t, manager.user)), 'programme_manager');
    expect(pm.map(([n, label]) => [n, label])).toEqual([
      [1, 'appel en préparation (brouillon)'],
      [2, 'appels publiés : comités d’évaluation et classements'],
      [0, 'séance de comité à préparer'],
      [0, 'décision à prendre en séance ouverte'],
    ]);

    const authority = await createStaff(ctx.t, ctx.owner, 'MANAGING_AUTHORITY');
    const ma = await home(await login(ctx.t, authority.user));
    // The funding report's charts, each followed by its data table (the accessible alternative), and the charts' script.
    expect(ma).toContain('<script type="module" src="/dsfr-chart/DSFRChart.js"></script>');
    expect(ma).toMatch(/<figure class="essaim-chart"[^>]*>\s*<bar-chart[\s\S]*?<table>\s*<caption>Données : Enveloppe et programmation par appel<\/caption>/);
    expect(ma).toContain("<caption>Données : Consommation de l'enveloppe dans le temps</caption>");
    expect(ma).toContain("Part de l'enveloppe consommée");
    expect(ma).toContain('href="/autorite-de-gestion/rapports"');

    const admin = await createStaff(ctx.t, ctx.owner, 'ADMINISTRATOR');
    const adminHome = await home(await login(ctx.t, admin.user));
    const tasks = tasksOf(adminHome, 'administrator');
    expect(tasks.map(([, label, href]) => [label, href])).toEqual([
      [expect.stringMatching(/^comptes? agents? actifs?$/), '/administration/comptes'],
      [expect.stringMatching(/jamais connectés?$/), '/administration/comptes'],
      [expect.stringMatching(/^comptes? désactivés?$/), '/administration/comptes'],
      [expect.stringMatching(/^tâches? en échec$/), '/administration/taches'],
    ]);
    expect(adminHome).toContain('Base de données : Disponible');
    expect(adminHome).toContain('Redis : Disponible');
  });
});
