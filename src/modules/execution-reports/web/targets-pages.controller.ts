import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { ApplicationViews } from '../../applications/application-view.service';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { dossierModel } from '../../web/dossier-model';
import { targetRows } from '../../web/indicator-targets-view';
import { errorsByPath, FORM_REFUSED } from '../../web/form';
import { HTML, layoutContext } from '../../web/page-kit';
import { ViewsService } from '../../web/views.service';
import { frenchTime } from '../../../common/fr';
import { ALWAYS_TARGETED, type TargetInput } from '../../participants/domain/targets';
import { IndicatorTargetsService } from '../../participants/indicator-targets.service';

type Form = Record<string, string | string[] | undefined>;
const PARTS = ['total', 'women', 'men', 'nonBinary'] as const;

/**
 * The dossier's « Cibles des indicateurs » section (docs/domain/execution.md): a target for every indicator of the call,
 * EECO01 with its breakdown by sex; required before submission, frozen in the snapshot, printed in the convention.
 */
@ApiExcludeController()
@Controller('dossiers/:id/cibles')
@Roles('APPLICANT')
export class TargetsPagesController {
  constructor(
    private readonly applications: ApplicationViews,
    private readonly targets: IndicatorTargetsService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  page(@CurrentAuth() auth: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Query('enregistre') saved?: string): Promise<string> {
    return this.render(auth, id, { saved: saved === '1' });
  }

  @Post()
  async save(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { codes } = await this.targets.get(auth.user, id);
    const { targets, errors } = targetsFromForm(
      body ?? {},
      codes.map((c) => c.code),
    );
    const values = Object.fromEntries(codes.flatMap(({ code }) => PARTS.map((p) => [`${code}_${p}`, text(body?.[`${code}_${p}`])])));
    if (errors.length)
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, id, { values, errors }));
    try {
      await this.targets.put(auth.user, actor, id, targets);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
      const mapped = (e.details.errors ?? []).map((x) => ({ ...x, path: formPath(x.path, targets) }));
      return void reply
        .status(FORM_REFUSED)
        .type(HTML)
        .send(await this.render(auth, id, { values, errors: mapped }));
    }
    // « Rubrique suivante » saves too, then opens the documents (docs/domain/lifecycle.md, « brouillon »).
    void reply.redirect(body?.suite === '1' ? `/dossiers/${id}/pieces` : `/dossiers/${id}/cibles?enregistre=1`, 303);
  }

  /** The autosave of the section (autosave.js): the same reading and service as the form, answered in JSON. */
  @Post('brouillon')
  @HttpCode(200)
  async autosave(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: Form,
  ): Promise<{ savedAt: string }> {
    const { codes } = await this.targets.get(auth.user, id);
    const { targets, errors } = targetsFromForm(
      body ?? {},
      codes.map((c) => c.code),
    );
    if (errors.length) throw new DomainError('VALIDATION_FAILED', `${errors.length} champ(s) à corriger avant l'enregistrement.`, { errors });
    try {
      await this.targets.put(auth.user, actor, id, targets);
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'VALIDATION_FAILED') throw e;
      throw new DomainError('VALIDATION_FAILED', e.message, { errors: (e.details.errors ?? []).map((x) => ({ ...x, path: formPath(x.path, targets) })) });
    }
    return { savedAt: frenchTime(new Date()) };
  }

  private async render(auth: AuthContext, id: string, opts: { values?: Record<string, string>; errors?: FieldError[]; saved?: boolean }): Promise<string> {
    const [view, declared] = await Promise.all([this.applications.get(auth.user, id), this.targets.get(auth.user, id)]);
    const current = Object.fromEntries(
      declared.targets.flatMap((t) => PARTS.map((p) => [`${t.code}_${p}`, t[p] === null || t[p] === undefined ? '' : String(t[p])])),
    );
    const errors = opts.errors ?? [];
    return this.views.render('applications/targets.njk', {
      ...layoutContext(auth),
      nav: [
        { href: '/accueil', label: 'Accueil' },
        { href: '/dossiers', label: 'Mes dossiers', current: true },
      ],
      d: dossierModel(view, 'indicatorTargets'),
      indicators: declared.codes.map((c) => ({ ...c, breakdown: c.code === ALWAYS_TARGETED })),
      values: opts.values ?? current,
      // Once the section is no longer editable (submitted), a read-only table instead of disabled inputs.
      rows: targetRows(
        declared.targets,
        declared.codes.map((c) => c.code),
      ),
      errors,
      fieldErrors: errorsByPath(errors),
      saved: opts.saved ?? false,
      conflict: false,
    });
  }
}

function text(v: string | string[] | undefined): string {
  return ((Array.isArray(v) ? v[0] : v) ?? '').trim();
}

/**
 * Reads the form: one total per indicator (left empty: not declared yet), the breakdown by sex for EECO01. Paths of
 * errors are `<code>_<part>`, the ids of the inputs.
 */
export function targetsFromForm(body: Form, codes: readonly string[]): { targets: TargetInput[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const targets: TargetInput[] = [];
  for (const code of codes) {
    const read = (part: (typeof PARTS)[number]): number | null => {
      const raw = text(body[`${code}_${part}`]).replace(/\s/g, '');
      if (raw === '') return null;
      if (!/^\d{1,8}$/.test(raw)) {
        errors.push({ path: `${code}_${part}`, code: 'INVALID_NUMBER', message: `${code} : un nombre entier positif ou nul est attendu.` });
        return null;
      }
      return Number(raw);
    };
    const [total = null, women = null, men = null, nonBinary = null] = PARTS.map(read);
    if (total === null) continue;
    targets.push({ code, total, women, men, nonBinary });
  }
  return { targets, errors };
}

/** `targets[i].total` (the service's paths) → `<code>_total`, the input's id; a missing EECO01 → its total. */
function formPath(path: string, targets: readonly TargetInput[]): string {
  const m = /^targets\[(\d+)\]\.(\w+)$/.exec(path);
  if (m) return `${targets[Number(m[1])]?.code ?? ALWAYS_TARGETED}_${m[2] === 'code' ? 'total' : m[2]}`;
  return `${ALWAYS_TARGETED}_total`;
}
