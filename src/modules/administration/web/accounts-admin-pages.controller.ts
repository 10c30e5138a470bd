import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../../../common/actor/actor';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { HttpProblemException } from '../../../common/errors/http-problem.exception';
import { Roles } from '../../auth/access.decorator';
import { type AuthContext, CurrentActor, CurrentAuth } from '../../auth/auth-context';
import { ROLE_LABELS, type Role } from '../../auth/roles';
import { frenchDateTime } from '../../../common/fr';
import { errorsByPath, FORM_REFUSED, validateForm } from '../../web/form';
import { ViewsService } from '../../web/views.service';
import type { AccountRow } from '../accounts-admin.repository';
import { AccountsAdminService, type IssuedAccess } from '../accounts-admin.service';
import { STAFF_GRANTABLE } from '../domain/account-rules';
import { CreateStaffAccountDto } from '../dto/create-staff-account.dto';
import { adminLayout, HTML } from './admin-layout';

type FormBody = Record<string, string | string[] | undefined>;
const PAGE_SIZE = 50;
const ID = new ParseUUIDPipe({ exceptionFactory: () => new HttpProblemException('NOT_FOUND', "Ce compte n'existe pas.") });

const NOTICES: Record<string, { title: string; text: string }> = {
  roles: { title: 'Rôles enregistrés', text: 'Ils s’appliquent dès la prochaine page ouverte par la personne.' },
  desactive: { title: 'Compte désactivé', text: 'La personne ne peut plus se connecter ; ses sessions ouvertes sont fermées.' },
  reactive: { title: 'Compte réactivé', text: 'La personne peut de nouveau se connecter avec son mot de passe.' },
};

/** The administrator's account pages: list, creation with roles, role changes, (de)activation, access reset. */
@ApiExcludeController()
@Controller('administration/comptes')
@Roles('ADMINISTRATOR')
export class AccountsAdminPagesController {
  constructor(
    private readonly accounts: AccountsAdminService,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Header('Content-Type', HTML)
  async list(@CurrentAuth() auth: AuthContext, @Query('q') q?: string, @Query('page') page?: string, @Query('tous') all?: string): Promise<string> {
    const search = typeof q === 'string' ? q.trim().slice(0, 100) : '';
    const staffOnly = all !== '1';
    const current = /^\d{1,5}$/.test(page ?? '') ? Math.max(1, Number(page)) : 1;
    const { rows, total } = await this.accounts.list({ search: search || undefined, staffOnly, page: current, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const query = (p: number) =>
      `?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(staffOnly ? {} : { tous: '1' }), page: String(p) }).toString()}`;
    return this.views.render('administration/accounts.njk', {
      ...adminLayout(auth, '/administration/comptes'),
      accounts: rows.map(view),
      total,
      search,
      staffOnly,
      pagination: pages > 1 ? Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: query(i + 1), current: i + 1 === current })) : [],
    });
  }

  @Get('nouveau')
  @Header('Content-Type', HTML)
  newPage(@CurrentAuth() auth: AuthContext): string {
    return this.renderNew(auth, { email: '', displayName: '', roles: [] }, []);
  }

  @Post('nouveau')
  async create(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Body() body: FormBody, @Res() reply: FastifyReply): Promise<void> {
    const roles = list(body.roles);
    const values = { email: text(body.email), displayName: text(body.displayName), roles };
    const { value, errors } = await validateForm(CreateStaffAccountDto, {}, () => ({ email: values.email, displayName: values.displayName }));
    if (errors.length) return send(reply, FORM_REFUSED, this.renderNew(auth, values, errors));
    try {
      const issued = await this.accounts.create(value, roles, actor);
      send(reply, 201, this.renderIssued(auth, issued, 'created'));
    } catch (e) {
      if (!(e instanceof DomainError) || !['VALIDATION_FAILED', 'EMAIL_TAKEN'].includes(e.code)) throw e;
      send(reply, FORM_REFUSED, this.renderNew(auth, values, e.details.errors ?? []));
    }
  }

  @Get(':id')
  @Header('Content-Type', HTML)
  async detail(@CurrentAuth() auth: AuthContext, @Param('id', ID) id: string, @Query('statut') statut?: string): Promise<string> {
    const account = await this.accounts.get(id);
    return this.renderDetail(auth, account, { notice: statut ? NOTICES[statut] : undefined });
  }

  @Post(':id/roles')
  async roles(
    @CurrentAuth() auth: AuthContext,
    @CurrentActor() actor: Actor,
    @Param('id', ID) id: string,
    @Body() body: FormBody,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.act(auth, reply, id, 'roles', () => this.accounts.setRoles(id, list(body.roles), actor), list(body.roles));
  }

  @Post(':id/desactivation')
  async deactivate(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.act(auth, reply, id, 'desactive', () => this.accounts.setActive(id, false, actor));
  }

  @Post(':id/reactivation')
  async reactivate(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply): Promise<void> {
    await this.act(auth, reply, id, 'reactive', () => this.accounts.setActive(id, true, actor));
  }

  @Post(':id/reinitialisation')
  async reset(@CurrentAuth() auth: AuthContext, @CurrentActor() actor: Actor, @Param('id', ID) id: string, @Res() reply: FastifyReply): Promise<void> {
    const issued = await this.accounts.resetAccess(id, actor);
    send(reply, 200, this.renderIssued(auth, issued, 'reset'));
  }

  /** A change then back to the account page (303), or the page again with the reason it was refused. */
  private async act(auth: AuthContext, reply: FastifyReply, id: string, statut: string, run: () => Promise<unknown>, postedRoles?: string[]): Promise<void> {
    try {
      await run();
      void reply.redirect(`/administration/comptes/${id}?statut=${statut}`, 303);
    } catch (e) {
      if (!(e instanceof DomainError) || !['VALIDATION_FAILED', 'CONFLICT'].includes(e.code)) throw e;
      const account = await this.accounts.get(id);
      const errors = e.details.errors ?? [];
      send(reply, FORM_REFUSED, this.renderDetail(auth, account, { errors, refusal: e.code === 'CONFLICT' ? e.message : undefined, postedRoles }));
    }
  }

  private renderNew(auth: AuthContext, values: { email: string; displayName: string; roles: string[] }, errors: FieldError[]): string {
    return this.views.render('administration/account-new.njk', {
      ...adminLayout(auth, '/administration/comptes'),
      values,
      roleItems: roleItems(values.roles),
      errors: errors.map((e) => ({ ...e, href: e.path === 'roles' ? '#roles-INSTRUCTOR' : `#${e.path}` })),
      fieldErrors: errorsByPath(errors),
    });
  }

  private renderDetail(
    auth: AuthContext,
    account: AccountRow,
    o: { notice?: { title: string; text: string }; errors?: FieldError[]; refusal?: string; postedRoles?: string[] },
  ): string {
    const errors = o.errors ?? [];
    return this.views.render('administration/account.njk', {
      ...adminLayout(auth, '/administration/comptes'),
      a: view(account),
      self: account.id === auth.user.id,
      applicant: account.roles.includes('APPLICANT'),
      roleItems: roleItems(o.postedRoles ?? account.roles),
      notice: o.notice,
      refusal: o.refusal,
      errors: errors.map((e) => ({ ...e, href: '#roles-INSTRUCTOR' })),
      fieldErrors: errorsByPath(errors),
    });
  }

  private renderIssued(auth: AuthContext, issued: IssuedAccess, kind: 'created' | 'reset'): string {
    return this.views.render('administration/account-issued.njk', {
      ...adminLayout(auth, '/administration/comptes'),
      a: view(issued.account),
      password: issued.temporaryPassword,
      kind,
    });
  }
}

function view(a: AccountRow) {
  return {
    ...a,
    roleLabels: a.roles.map((r: Role) => ROLE_LABELS[r]),
    lastLogin: a.lastLoginAt ? frenchDateTime(new Date(a.lastLoginAt)) : 'Jamais connecté',
    created: frenchDateTime(new Date(a.createdAt)),
  };
}

function roleItems(checked: readonly string[]) {
  return STAFF_GRANTABLE.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: checked.includes(r) }));
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.slice(0, 300) : '';
}

function list(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').slice(0, 10);
}

function send(reply: FastifyReply, status: number, html: string): void {
  void reply.status(status).type(HTML).header('Cache-Control', 'no-store').send(html);
}
