import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ApplicationReader } from '../../applications/application-reader.service';
import { APPLICATION_STATUS_LABELS } from '../../applications/domain/application-status';
import { notFound } from '../../applications/application-access.service';
import { FORM_REFUSED, isFormRefusal, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import { INSTRUCTION_STAFF } from '../../auth/roles';
import { AdmissibilityService } from '../admissibility.service';
import { AdmissibilityDecisionDto } from '../dto/admissibility-decision.dto';
import { ADMISSIBILITY_CHECK_IDS } from '../domain/admissibility-checks';
import { admissibilityPageModel, COMPLEMENT_ROWS, type DecisionFormValues, EMPTY_FORM } from './admissibility-page-model';
import { HTML, layoutContext } from '../../web/page-kit';

type Form = Record<string, string | string[]>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** The instructor's admissibility page of a dossier: checks, decision form, rounds and the diff of a resubmission. */
@ApiExcludeController()
@Controller('instruction/dossiers/:id/recevabilite')
@Roles(...INSTRUCTION_STAFF)
export class AdmissibilityPagesController {
  constructor(
    private readonly admissibility: AdmissibilityService,
    private readonly applications: ApplicationReader,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('decide') decided?: string): Promise<string> {
    return this.render(auth, id, EMPTY_FORM, [], { decided: decided === '1' });
  }

  @Post()
  async decide(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const values = formValues(body);
    const { value, errors } = await validateForm(AdmissibilityDecisionDto, body, () => toDto(values));
    const onForm = (list: FieldError[]) => toFormRows(list, values);
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, id, values, onForm(errors)));
    try {
      await this.admissibility.decide(auth.user, actor, id, `"${one(body?.version)}"`, value);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'PRECONDITION_FAILED')
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.render(auth, id, values, [], { conflict: true }));
      // Every refusal re-renders the form with 422 (docs/ui.md, « Errors »); a message without a field goes on the choice.
      if (isFormRefusal(e)) {
        const list: FieldError[] = e.details.errors?.length ? e.details.errors : [{ path: 'outcome', code: e.code, message: e.message }];
        return void reply
          .status(FORM_REFUSED)
          .type(HTML)
          .send(await this.render(auth, id, values, onForm(list)));
      }
      throw e;
    }
    void reply.redirect(`/instruction/dossiers/${id}/recevabilite?decide=1`, 303);
  }

  private async render(
    auth: AuthContext,
    id: string,
    form: DecisionFormValues,
    errors: FieldError[],
    flags: { decided?: boolean; conflict?: boolean } = {},
  ): Promise<string> {
    const row = await this.applications.findById(id);
    if (!row || row.submittedAt === null) throw notFound();
    const call = (await this.applications.findCall(row.callId))!;
    const [run, rounds, submissions, organisation] = await Promise.all([
      this.admissibility.check(id),
      this.admissibility.rounds(id),
      this.admissibility.submissions(id),
      this.applications.findOrganisation(row.organisationId),
    ]);
    const diff = submissions.length >= 2 ? await this.admissibility.diff(id) : null;
    return this.views.render('admissibility/page.njk', {
      ...layoutContext(auth),
      nav: [{ href: '/accueil', label: 'Accueil' }],
      // The shared dossier header (title, badges, breadcrumb, tabs) reads `dossier` and `activeTab`.
      activeTab: 'recevabilite',
      dossier: {
        id: row.id,
        number: row.number,
        title: row.title,
        status: row.status,
        statusLabel: APPLICATION_STATUS_LABELS[row.status],
        organisationName: organisation?.legalName ?? '',
        callId: row.callId,
        callReference: call.reference,
      },
      ...admissibilityPageModel(row, call, run, rounds, diff, form, errors),
      ...flags,
    });
  }
}

function formValues(body: Form): DecisionFormValues {
  return {
    outcome: one(body?.outcome),
    remarks: one(body?.remarks),
    reasons: one(body?.reasons),
    dueDate: one(body?.dueDate),
    complements: Array.from({ length: COMPLEMENT_ROWS }, (_, i) => ({
      section: one(body?.[`complements-${i}-section`]),
      documentType: one(body?.[`complements-${i}-documentType`]),
      message: one(body?.[`complements-${i}-message`]),
    })),
    overrides: Object.fromEntries(ADMISSIBILITY_CHECK_IDS.map((c): [string, string] => [c, one(body?.[`overrides-${c}`])]).filter(([, v]) => v !== '')),
  };
}

/**
 * Empty repeater rows are ignored; reasons are typed one per line. Only the chosen branch's fields are sent: without
 * JavaScript every branch is visible (docs/domain/admissibility.md), and what was typed in another one is not part of the decision.
 */
function toDto(v: DecisionFormValues): Record<string, unknown> {
  const branch = { ADMISSIBLE: v.outcome === 'ADMISSIBLE', INCOMPLETE: v.outcome === 'INCOMPLETE', INADMISSIBLE: v.outcome === 'INADMISSIBLE' };
  const overrides = branch.ADMISSIBLE ? Object.entries(v.overrides).map(([checkId, reason]) => ({ checkId, reason })) : [];
  const complements = !branch.INCOMPLETE
    ? []
    : v.complements
        .filter(filledRow)
        .map((c) => ({ section: c.section, message: c.message, ...(c.section === 'DOCUMENTS' && c.documentType ? { documentType: c.documentType } : {}) }));
  const reasons = !branch.INADMISSIBLE
    ? []
    : v.reasons
        .split(/\r?\n/)
        .map((r) => r.trim())
        .filter((r) => r !== '');
  return {
    outcome: v.outcome,
    ...(v.remarks ? { remarks: v.remarks } : {}),
    ...(reasons.length ? { reasons } : {}),
    ...(complements.length ? { complements } : {}),
    ...(overrides.length ? { overrides } : {}),
    ...(branch.INCOMPLETE && v.dueDate ? { dueDate: v.dueDate } : {}),
  };
}

const filledRow = (c: { section: string; message: string }): boolean => c.section !== '' || c.message !== '';

/** `complements[k]` counts the filled rows only (empty ones are not sent): back to the row of the form the person typed in. */
function toFormRows(errors: FieldError[], v: DecisionFormValues): FieldError[] {
  const rows = v.complements.flatMap((c, i) => (filledRow(c) ? [i] : []));
  return errors.map((e) => {
    const m = /^complements\[(\d+)\]/.exec(e.path);
    const row = m ? rows[Number(m[1])] : undefined;
    return m && row !== undefined ? { ...e, path: `complements[${row}]${e.path.slice(m[0].length)}` } : e;
  });
}
