import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { frenchDateTime } from '../../../common/fr';
import { isCallClosed } from '../../calls/domain/call-closure';
import type { Actor } from '../../../common/actor/actor';
import type { FieldError } from '../../../common/errors/domain-error';
import { HttpProblemException } from '../../../common/errors/http-problem.exception';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { EvaluationGridDto } from '../../calls/dto/create-call.dto';
import { errorsByPath, FORM_REFUSED, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import type { CallGrid } from '../domain/call-grid';
import { EvaluationAccess } from '../evaluation-access';
import { GridService, type GridView } from '../grid.service';
import { RankingService } from '../ranking.service';
import { applyRowAction, parseRowAction, type RowAction } from './grid-rows';
import { euros, evaluationLayout, field, formFailure, formVersion, intField, send, type FormBody, HTML } from './page-helpers';
import { fundingLinePosition } from '../domain/funding-line';
import type { RankingStatus } from '../domain/ranking';

const ID = new ParseUUIDPipe({
  exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Cet appel à projets n'existe pas ou ne vous est pas accessible."),
});
const BLANK_ROWS = 2;

const STATUS_LABELS: Record<RankingStatus, { label: string; badge: string }> = {
  FUNDED: { label: 'Financé', badge: 'success' },
  RESERVE: { label: 'Liste de réserve', badge: 'warning' },
  BELOW_THRESHOLD: { label: 'Sous les seuils', badge: 'error' },
  INELIGIBLE: { label: 'Inéligible', badge: 'error' },
};

/** The manager's grid page and the ranking page (managers, managing authority, panel chair). */
@ApiExcludeController()
@Controller('gestion/evaluation/appels/:id')
export class EvaluationManagementController {
  constructor(
    private readonly access: EvaluationAccess,
    private readonly grids: GridService,
    private readonly ranking: RankingService,
    private readonly views: ViewsService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('grille')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  @Header('Content-Type', HTML)
  async gridPage(
    @CurrentAuth() auth: AuthContext,
    @Param('id', ID) id: string,
    @Query('statut') statut?: string,
    @Query('modele') modele?: string,
  ): Promise<string> {
    const view = await this.grids.get(id);
    const grid = modele === 'csess' && view.editable ? view.template : view.grid;
    const alert = statut === 'enregistre' ? { type: 'success', title: 'Grille enregistrée', text: 'Elle sera figée à la publication de l’appel.' } : null;
    return this.renderGrid(auth, view, gridValues(grid), [], alert);
  }

  @Post('grille')
  @Roles('PROGRAMME_MANAGER', 'ADMINISTRATOR')
  async saveGrid(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const view = await this.grids.get(id);
    const rows = postedRows(body);
    const action = parseRowAction(field(body, 'action'));
    if (action.kind !== 'save') {
      // Add, move or remove a row: the page comes back rearranged, nothing saved (no JavaScript needed).
      const shown = Object.keys(body).filter((k) => /^code_\d+$/.test(k)).length;
      const blanks = Math.max(shown - rows.length, 0) + (action.kind === 'add' ? 1 : 0);
      return send(reply, 200, this.renderGrid(auth, view, { rows: applyRowAction(rows, action), options: postedOptions(body) }, [], null, blanks, action));
    }
    const { value, errors } = await validateForm(EvaluationGridDto, {}, () => toDto(rows, body));
    if (errors.length) return send(reply, FORM_REFUSED, this.renderGrid(auth, view, { rows, options: postedOptions(body) }, formErrors(errors, rows)));
    try {
      await this.grids.put(id, value, formVersion(body), actor);
      void reply.redirect(`/gestion/evaluation/appels/${id}/grille?statut=enregistre`, 303);
    } catch (e) {
      const failure = formFailure(e);
      send(
        reply,
        failure.status,
        this.renderGrid(
          auth,
          view,
          { rows, options: postedOptions(body) },
          formErrors(failure.errors, rows),
          failure.alert ? { type: 'error', ...failure.alert } : null,
        ),
      );
    }
  }

  @Get('classement')
  @Roles('PROGRAMME_MANAGER', 'MANAGING_AUTHORITY', 'ADMINISTRATOR', 'EVALUATOR')
  @Header('Content-Type', HTML)
  async rankingPage(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string): Promise<string> {
    const call = await this.access.forRanking(auth.user, id);
    // No ranking before the call has closed (docs/domain/committee.md): the page says when it will be.
    const [closure]: { status: string; closesAt: Date; now: Date }[] = await this.dataSource.query(
      `SELECT status, closes_at AS "closesAt", now() AS now FROM call WHERE id = $1`,
      [id],
    );
    if (closure && !isCallClosed(closure, closure.now)) {
      return this.views.render('evaluation/ranking.njk', {
        ...evaluationLayout(auth, '/gestion/appels'),
        call,
        notClosedUntil: frenchDateTime(closure.closesAt),
        rows: [],
        pending: [],
      });
    }
    const result = await this.ranking.rankCall(id);
    const line = fundingLinePosition(result.rows);
    const rows = result.rows.map((r, i) => ({
      ...r,
      fundingLineBefore: i === line.lineAt,
      statusLabel: STATUS_LABELS[r.status].label,
      statusBadge: STATUS_LABELS[r.status].badge,
      euText: euros(r.euAmountCents),
      cumulativeText: r.cumulativeEuCents === null ? '—' : euros(r.cumulativeEuCents),
    }));
    return this.views.render('evaluation/ranking.njk', {
      ...evaluationLayout(auth, '/gestion/appels'),
      call,
      rows,
      lineAtEnd: line.lineAtEnd,
      reserveBelowLine: line.reserveBelowLine,
      reserveCount: line.reserveCount,
      pending: result.pending.map((p) => ({ ...p, euText: euros(p.euAmountCents) })),
      totals: {
        envelope: euros(result.envelopeCents),
        callEnvelope: euros(result.callEnvelopeCents),
        granted: euros(result.grantedCents),
        funded: euros(result.fundedCents),
        remaining: euros(result.remainingCents),
      },
      fillRemainder: result.fillRemainder,
    });
  }

  private renderGrid(
    auth: AuthContext,
    view: GridView,
    values: GridFormValues,
    errors: FieldError[],
    alert: { type: string; title: string; text: string } | null = null,
    blanks = BLANK_ROWS,
    action: RowAction | null = null,
  ): string {
    const rows = [...values.rows];
    if (view.editable) while (rows.filter((r) => !r.code && !r.label).length < Math.min(Math.max(blanks, 1), 20)) rows.push(blankRow());
    // After a click on a row's button, the focus goes back to the row (or to the new one) through the fragment.
    const focusRow =
      action?.kind === 'add'
        ? values.rows.length
        : action && action.kind !== 'save'
          ? Math.max(0, Math.min(action.kind === 'up' ? action.index - 1 : action.kind === 'down' ? action.index + 1 : action.index, values.rows.length - 1))
          : null;
    return this.views.render('evaluation/grid.njk', {
      ...evaluationLayout(auth, '/gestion/appels'),
      view,
      rows,
      filledCount: values.rows.length,
      focusRow,
      rowAction: action?.kind ?? null,
      options: values.options,
      tieBreakLabels: (view.grid?.tieBreak ?? []).map((code) => view.grid?.criteria.find((c) => c.code === code)?.label ?? code).join(', puis '),
      errors: errors.map((e) => ({ ...e, href: `#${e.path}` })),
      fieldErrors: errorsByPath(errors),
      alert,
    });
  }
}

interface GridRow {
  code: string;
  label: string;
  guidance: string;
  weight: string;
  scaleMin: string;
  scaleMax: string;
  threshold: string;
  eliminatory: boolean;
}
interface GridFormValues {
  rows: GridRow[];
  options: { overallThreshold: string; tieBreak: string; divergenceGap: string; evaluatorsPerDossier: string; fillRemainder: boolean };
}

const blankRow = (): GridRow => ({ code: '', label: '', guidance: '', weight: '', scaleMin: '0', scaleMax: '5', threshold: '', eliminatory: false });
const str = (n: number | undefined) => (n === undefined ? '' : String(n));

function gridValues(grid: CallGrid | null): GridFormValues {
  return {
    rows: (grid?.criteria ?? []).map((c) => ({
      code: c.code,
      label: c.label,
      guidance: c.guidance ?? '',
      weight: str(c.weight),
      scaleMin: str(c.scaleMin),
      scaleMax: str(c.scaleMax),
      threshold: str(c.threshold),
      eliminatory: c.eliminatory === true,
    })),
    options: {
      overallThreshold: str(grid?.overallThreshold),
      tieBreak: (grid?.tieBreak ?? []).join(', '),
      divergenceGap: str(grid?.divergenceGap ?? 2),
      evaluatorsPerDossier: str(grid?.evaluatorsPerDossier ?? 2),
      fillRemainder: grid?.fillRemainder === true,
    },
  };
}

/** Posted rows in order; a row with neither code nor label is an unused blank row. */
function postedRows(body: FormBody): GridRow[] {
  const rows: GridRow[] = [];
  for (let i = 0; i < 60 && body[`code_${i}`] !== undefined; i++) {
    const row = {
      code: field(body, `code_${i}`),
      label: field(body, `label_${i}`),
      guidance: field(body, `guidance_${i}`),
      weight: field(body, `weight_${i}`),
      scaleMin: field(body, `scaleMin_${i}`),
      scaleMax: field(body, `scaleMax_${i}`),
      threshold: field(body, `threshold_${i}`),
      eliminatory: field(body, `eliminatory_${i}`) === 'true',
    };
    if (row.code || row.label) rows.push(row);
  }
  return rows;
}

function postedOptions(body: FormBody): GridFormValues['options'] {
  return {
    overallThreshold: field(body, 'overallThreshold'),
    tieBreak: field(body, 'tieBreak'),
    divergenceGap: field(body, 'divergenceGap'),
    evaluatorsPerDossier: field(body, 'evaluatorsPerDossier'),
    fillRemainder: field(body, 'fillRemainder') === 'true',
  };
}

function toDto(rows: GridRow[], body: FormBody): Record<string, unknown> {
  const num = (raw: string) => (raw === '' ? undefined : /^-?\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN);
  return {
    criteria: rows.map((r) => ({
      code: r.code,
      label: r.label,
      ...(r.guidance ? { guidance: r.guidance } : {}),
      weight: num(r.weight),
      scaleMin: num(r.scaleMin),
      scaleMax: num(r.scaleMax),
      ...(r.threshold !== '' ? { threshold: num(r.threshold) } : {}),
      ...(r.eliminatory ? { eliminatory: true } : {}),
    })),
    ...(field(body, 'overallThreshold') !== '' ? { overallThreshold: intField(body, 'overallThreshold') } : {}),
    tieBreak: field(body, 'tieBreak')
      .split(/[\s,;]+/)
      .filter(Boolean),
    divergenceGap: intField(body, 'divergenceGap'),
    evaluatorsPerDossier: intField(body, 'evaluatorsPerDossier'),
    fillRemainder: field(body, 'fillRemainder') === 'true',
  };
}

/** API paths (`criteria[1].weight`, `tieBreak[0]`) to the form's field ids (`weight_1`, `tieBreak`). */
/** The inputs of grid.njk: per criterion (`weight_0`) and the committee's options; an error elsewhere points at the form. */
const CRITERION_FIELDS: ReadonlySet<string> = new Set(['code', 'label', 'guidance', 'weight', 'scaleMin', 'scaleMax', 'threshold', 'eliminatory']);
const GRID_OPTIONS: ReadonlySet<string> = new Set(['overallThreshold', 'tieBreak', 'divergenceGap', 'evaluatorsPerDossier', 'fillRemainder']);

function formErrors(errors: FieldError[], rows: GridRow[]): FieldError[] {
  return errors.map((e) => {
    const m = /^criteria\[(\d+)\]\.(\w+)/.exec(e.path);
    if (m) {
      const field = m[2] === 'scale' ? 'scaleMax' : (m[2] ?? '');
      return {
        ...e,
        // A criterion's field has an input (grid.njk); anything else about the criterion points at its code.
        path: `${CRITERION_FIELDS.has(field) ? field : 'code'}_${m[1]}`,
        message: `Critère ${rows[Number(m[1])]?.code || Number(m[1]) + 1} : ${e.message}`,
      };
    }
    if (e.path.startsWith('tieBreak')) return { ...e, path: 'tieBreak' };
    if (e.path === 'criteria') return { ...e, path: 'code_0' };
    return { ...e, path: GRID_OPTIONS.has(e.path) ? e.path : e.path ? 'form-grille' : '' };
  });
}
