import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AccountsSummaryReader } from '../../administration/accounts-summary.reader';
import { ServiceStatusService } from '../../administration/service-status.service';
import { ApplicantHomeReader } from '../../applications/applicant-home.reader';
import { Authenticated } from '../../auth/access.decorator';
import { type AuthContext, CurrentAuth } from '../../auth/auth-context';
import { MeService } from '../../auth/me.service';
import type { Role } from '../../auth/roles';
import { CallsHomeReader } from '../../calls/calls-home.reader';
import { CommitteeHomeReader } from '../../committee/committee-home.reader';
import { EvaluatorHomeReader } from '../../evaluation/evaluator-home.reader';
import { InstructionHomeReader } from '../../instruction/instruction-home.reader';
import { DossierMessagesService } from '../../messages/dossier-messages.service';
import { FailedJobsService } from '../../system/failed-jobs.service';
import { homeSections } from '../../web/home-sections';
import { HTML, layoutContext } from '../../web/page-kit';
import { ViewsService } from '../../web/views.service';
import { DashboardService } from '../dashboard.service';
import { dashboardPageModel } from './dashboard-page.model';
import { administratorTasks, applicantTasks, evaluatorTasks, instructorTasks, managerTasks } from './home-page.model';

/** Figures of the funding report shown on the managing authority's home page (docs/ui.md). */
const HOME_FIGURES = ['consommation', 'appels'];

/**
 * The home page after sign-in (issue 14, point 9): per role, what to do next with counts and links, read through the
 * owning modules' exported readers; the managing authority sees the envelope consumption with its charts and tables.
 */
@ApiExcludeController()
@Controller('accueil')
export class HomePageController {
  constructor(
    private readonly accounts: AccountsSummaryReader,
    private readonly applicants: ApplicantHomeReader,
    private readonly calls: CallsHomeReader,
    private readonly committee: CommitteeHomeReader,
    private readonly dashboard: DashboardService,
    private readonly evaluators: EvaluatorHomeReader,
    private readonly failedJobs: FailedJobsService,
    private readonly instruction: InstructionHomeReader,
    private readonly me: MeService,
    private readonly messages: DossierMessagesService,
    private readonly status: ServiceStatusService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Authenticated()
  @Header('Content-Type', HTML)
  @Header('Cache-Control', 'private, no-store')
  async home(@CurrentAuth() auth: AuthContext): Promise<string> {
    const roles = auth.user.roles;
    const has = (r: Role) => roles.includes(r);
    const [me, unread] = await Promise.all([this.me.describe(auth.user), this.messages.unread(auth.user)]);
    const unreadOf = (side: 'APPLICANT' | 'INSTRUCTOR') => unread.dossiers.filter((d) => d.forRole === side);
    const tasks: Partial<Record<Role, unknown>> = {};
    if (has('APPLICANT')) tasks.APPLICANT = { tasks: applicantTasks(await this.applicants.todo(auth.user.id), unreadOf('APPLICANT')) };
    if (has('INSTRUCTOR')) tasks.INSTRUCTOR = instructorTasks(await this.instruction.waiting(), auth.user.id, unreadOf('INSTRUCTOR'));
    if (has('EVALUATOR')) tasks.EVALUATOR = { tasks: evaluatorTasks(await this.evaluators.todo(auth.user.id)) };
    if (has('PROGRAMME_MANAGER')) tasks.PROGRAMME_MANAGER = { tasks: managerTasks(await this.calls.calls(), await this.committee.openSessions()) };
    if (has('MANAGING_AUTHORITY')) {
      const model = dashboardPageModel(await this.dashboard.dashboard({ from: null, to: null, callId: null }), '');
      tasks.MANAGING_AUTHORITY = { kpis: model.kpis.slice(0, 5), figures: model.figures.filter((f) => HOME_FIGURES.includes(f.id)) };
    }
    if (has('ADMINISTRATOR')) tasks.ADMINISTRATOR = administratorTasks(await this.accounts.summary(), await this.status.read(), await this.failedJobs.count());
    return this.views.render('home.njk', {
      ...layoutContext(auth),
      organisations: me.organisations,
      sections: homeSections(roles).map((s) => ({ ...s, ...(tasks[s.role] as object | undefined) })),
      charts: has('MANAGING_AUTHORITY'),
    });
  }
}
