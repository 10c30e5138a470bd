import { systemActor } from '../../src/common/actor/actor';
import { DomainError } from '../../src/common/errors/domain-error';
import { ApplicationLifecycle, type TransitionEvent } from '../../src/modules/applications/lifecycle/application-lifecycle';
import { setStatus, submittedDossier } from '../support/factories/documents.factory';
import { truncateAll, useTestApp } from '../support/test-app';

/** ApplicationLifecycle on the real database: the one writer of application.status (docs/domain/lifecycle.md). */
describe('application lifecycle (e2e)', () => {
  const ctx = useTestApp();
  const actor = systemActor('lifecycle-e2e');
  let lifecycle: ApplicationLifecycle;
  const events: TransitionEvent[] = [];
  beforeAll(async () => {
    await truncateAll(ctx.owner);
    lifecycle = ctx.t.app.get(ApplicationLifecycle);
    lifecycle.onTransition(async (em, e) => {
      // Listeners run inside the transaction, after the change: they see the new status.
      const [row] = await em.query(`SELECT status FROM application WHERE id = $1`, [e.id]);
      events.push({ ...e, reason: `${e.reason} (${row.status})` });
    });
  });

  const state = async (id: string) =>
    (
      await ctx.owner.query(
        `SELECT a.status, a.version,
              (SELECT json_agg(json_build_object('from', from_status, 'to', to_status, 'reason', reason, 'version', application_version) ORDER BY h.id)
                 FROM application_status_history h WHERE h.application_id = a.id) AS history,
              (SELECT json_agg(json_build_object('action', action, 'before', before, 'after', after) ORDER BY seq)
                 FROM audit_log l WHERE l.subject_id = a.id::text) AS audit
         FROM application a WHERE a.id = $1`,
        [id],
      )
    )[0];

  const refusal = async (p: Promise<unknown>): Promise<DomainError> => {
    try {
      await p;
    } catch (e) {
      return e as DomainError;
    }
    throw new Error('expected a refusal');
  };

  it('runs the execution statuses to closure, with history, audit and listeners in the transaction', async () => {
    const { applicationId: id } = await submittedDossier(ctx.t, ctx.owner);
    await setStatus(ctx.owner, id, 'CONVENTION_ISSUED');
    const before = await state(id);
    events.length = 0;

    const signed = await ctx.t.db.transaction((em) =>
      lifecycle.transition(em, { id, from: 'CONVENTION_ISSUED', to: 'CONVENTION_SIGNED', actor, reason: 'Convention signée le 2 mars' }),
    );
    expect(signed).toEqual({ id, from: 'CONVENTION_ISSUED', to: 'CONVENTION_SIGNED', version: before.version + 1 });
    // Several accepted origins: the lifecycle reads which one holds under the row lock.
    await ctx.t.db.transaction((em) =>
      lifecycle.transition(em, { id, from: ['CONVENTION_ISSUED', 'CONVENTION_SIGNED'], to: 'IN_PROGRESS', actor, expectedVersion: signed.version }),
    );
    await ctx.t.db.transaction((em) => lifecycle.transition(em, { id, from: 'IN_PROGRESS', to: 'CLOSED', actor, reason: 'Solde versé' }));

    const after = await state(id);
    expect(after.status).toBe('CLOSED');
    expect(after.version).toBe(before.version + 3);
    expect(after.history.slice(-3)).toEqual([
      { from: 'CONVENTION_ISSUED', to: 'CONVENTION_SIGNED', reason: 'Convention signée le 2 mars', version: before.version + 1 },
      { from: 'CONVENTION_SIGNED', to: 'IN_PROGRESS', reason: null, version: before.version + 2 },
      { from: 'IN_PROGRESS', to: 'CLOSED', reason: 'Solde versé', version: before.version + 3 },
    ]);
    expect(after.audit.slice(-3)).toEqual([
      {
        action: 'application.status_changed',
        before: { status: 'CONVENTION_ISSUED' },
        after: { status: 'CONVENTION_SIGNED', version: before.version + 1, reason: 'Convention signée le 2 mars' },
      },
      {
        action: 'application.status_changed',
        before: { status: 'CONVENTION_SIGNED' },
        after: { status: 'IN_PROGRESS', version: before.version + 2, reason: null },
      },
      {
        action: 'application.status_changed',
        before: { status: 'IN_PROGRESS' },
        after: { status: 'CLOSED', version: before.version + 3, reason: 'Solde versé' },
      },
    ]);
    expect(events.map((e) => [e.from, e.to, e.reason])).toEqual([
      ['CONVENTION_ISSUED', 'CONVENTION_SIGNED', 'Convention signée le 2 mars (CONVENTION_SIGNED)'],
      ['CONVENTION_SIGNED', 'IN_PROGRESS', 'null (IN_PROGRESS)'],
      ['IN_PROGRESS', 'CLOSED', 'Solde versé (CLOSED)'],
    ]);
  });

  it('refuses with INVALID_STATUS_TRANSITION a move the table forbids, a status that moved, and rolls everything back', async () => {
    const { applicationId: id } = await submittedDossier(ctx.t, ctx.owner);
    await setStatus(ctx.owner, id, 'PROGRAMMED');
    const before = await state(id);
    events.length = 0;

    const forbidden = await refusal(ctx.t.db.transaction((em) => lifecycle.transition(em, { id, from: 'PROGRAMMED', to: 'CLOSED', actor })));
    expect(forbidden).toBeInstanceOf(DomainError);
    expect(forbidden.code).toBe('INVALID_STATUS_TRANSITION');
    expect(forbidden.message).toBe('Le dossier ne peut pas passer du statut « Programmé » au statut « Clôturé ».');

    // The caller believed CONVENTION_ISSUED; the row says PROGRAMMED (a concurrent change): same code, nothing written.
    const moved = await refusal(ctx.t.db.transaction((em) => lifecycle.transition(em, { id, from: 'CONVENTION_ISSUED', to: 'RENOUNCED', actor })));
    expect(moved.code).toBe('INVALID_STATUS_TRANSITION');
    expect(moved.details).toMatchObject({ from: 'PROGRAMMED', to: 'RENOUNCED' });

    const stale = await refusal(
      ctx.t.db.transaction((em) => lifecycle.transition(em, { id, from: 'PROGRAMMED', to: 'RENOUNCED', actor, expectedVersion: before.version - 1 })),
    );
    expect(stale.code).toBe('PRECONDITION_FAILED');

    // A listener that fails rolls the transition back with it.
    lifecycle.onTransition(async (_em, e) => {
      if (e.reason === 'boom') throw new Error('listener failed');
    });
    await expect(ctx.t.db.transaction((em) => lifecycle.transition(em, { id, from: 'PROGRAMMED', to: 'RENOUNCED', actor, reason: 'boom' }))).rejects.toThrow(
      'listener failed',
    );
    expect(await state(id)).toEqual(before);

    const renounced = await ctx.t.db.transaction((em) =>
      lifecycle.transition(em, { id, from: 'PROGRAMMED', to: 'RENOUNCED', actor, expectedVersion: before.version }),
    );
    expect(renounced.version).toBe(before.version + 1);
    expect((await state(id)).status).toBe('RENOUNCED');
  });

  it('moves several dossiers in one transaction, or none', async () => {
    const a = await submittedDossier(ctx.t, ctx.owner);
    const b = await submittedDossier(ctx.t, ctx.owner);
    await setStatus(ctx.owner, a.applicationId, 'CONVENTION_SIGNED');
    await setStatus(ctx.owner, b.applicationId, 'IN_PROGRESS');
    const refused = await refusal(
      ctx.t.db.transaction((em) =>
        lifecycle.transitionAll(em, [
          { id: a.applicationId, from: 'CONVENTION_SIGNED', to: 'IN_PROGRESS', actor },
          { id: b.applicationId, from: 'CONVENTION_SIGNED', to: 'IN_PROGRESS', actor },
        ]),
      ),
    );
    expect(refused.code).toBe('INVALID_STATUS_TRANSITION');
    expect((await state(a.applicationId)).status).toBe('CONVENTION_SIGNED');
  });
});
