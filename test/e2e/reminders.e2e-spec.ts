import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { JobQueues } from '../../src/common/outbox/job-queues.service';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { QueueName } from '../../src/jobs/queues';
import { RemindersHandler } from '../../src/modules/mail/reminders.handler';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { addMember, createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { committeeScenario, giveRealPlan, openSession, postDecision } from '../support/factories/committee.factory';
import { createUser } from '../support/factories/user.factory';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at } from '../support/checked';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const QUEUE_PREFIX = `essaim-test-${randomBytes(4).toString('hex')}`;

describe('scheduled reminders (e2e)', () => {
  let sink: SmtpSink;
  const workers: INestApplicationContext[] = [];
  // Own queues: a worker left over by another spec must not take these jobs.
  const ctx = useTestApp({ env: { QUEUE_PREFIX } });

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Two workers, as in production: the reminder must still go out once.
    for (let i = 0; i < 2; i++) workers.push(await startTestWorker({ QUEUE_PREFIX, SMTP_URL: sink.url, REMINDERS_INTERVAL_MS: '3600000' }));
    // A job scheduler runs its first tick at once: let it finish on the empty database, or on a slow machine it would
    // send the reminder this test expects its explicit runs to send.
    const system = ctx.t.app.get(JobQueues).get(QueueName.System);
    await waitFor(async () => {
      const next = await system.getJobs(['delayed']);
      const pending = await system.getJobs(['waiting', 'active', 'prioritized']);
      return next.some((j) => j.name === 'send-reminders') && !pending.some((j) => j.name === 'send-reminders');
    });
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await sink?.close();
  });
  beforeEach(() => truncateAll(ctx.owner));

  async function incompleteDueIn(days: number) {
    const a = await createApplicant(ctx.t, ctx.owner);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const id = await submittedDossier(ctx.t, ctx.owner, a, (await createOpenCall(ctx.owner)).id);
    const etag = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Préciser le territoire.' }], dueDate: inDays(10) })
      .expect(200);
    // Move the due date into (or out of) the reminder window, as time passing would.
    await ctx.owner.query(`UPDATE admissibility_review SET due_date = $2 WHERE application_id = $1`, [id, inDays(days)]);
    return { a, id };
  }

  it('reminds each member once of complements due within three days, whatever the number of workers and runs', async () => {
    const soon = await incompleteDueIn(2);
    const later = await incompleteDueIn(6);
    const runs = await Promise.all(workers.map((w) => w.get(RemindersHandler).run()));
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await at(workers, 0, 'worker').get(RemindersHandler).run()).toBe(0);

    ctx.t.app.get(OutboxRelay).kick();
    await waitFor(
      async () => (await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = 'complements-reminder' AND status = 'SENT'`))[0].n === 1,
    );
    await new Promise((r) => setTimeout(r, 500));
    const reminders = sink.received.filter((m) => m.raw.includes('Rappel'));
    expect(reminders).toHaveLength(1);
    expect(at(reminders, 0, 'reminder').to).toEqual([soon.a.user.email]);
    expect(sink.received.some((m) => m.to.includes(later.a.user.email) && m.raw.includes('Rappel'))).toBe(false);
  });

  /** A submitted dossier whose operation has an execution report still in draft, due in `days` days. */
  async function reportDueIn(days: number, kind: 'INTERMEDIATE' | 'FINAL' = 'INTERMEDIATE') {
    const a = await createApplicant(ctx.t, ctx.owner);
    const id = await submittedDossier(ctx.t, ctx.owner, a, (await createOpenCall(ctx.owner)).id);
    const [report] = await ctx.owner.query(
      `INSERT INTO execution_report (application_id, seq, kind, period_start, period_end, due_date) VALUES ($1, 1, $2, $3, $4, $5) RETURNING id`,
      [id, kind, inDays(-200), inDays(-20), inDays(days)],
    );
    return { a, id, reportId: report.id as string };
  }

  const sentTo = (email: string, word: string) => sink.received.filter((m) => m.to.includes(email) && m.raw.includes(word));
  const deliver = async (template: string, n: number) => {
    ctx.t.app.get(OutboxRelay).kick();
    await waitFor(
      async () => (await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = $1 AND status = 'SENT'`, [template]))[0].n === n,
    );
    await new Promise((r) => setTimeout(r, 500));
  };

  it('reminds of an execution report due within 15 days exactly once, and of an overdue one once, whatever the number of workers and runs', async () => {
    const due = await reportDueIn(10);
    const late = await reportDueIn(-3, 'FINAL');
    const farther = await reportDueIn(40);
    const submitted = await reportDueIn(5);
    await ctx.owner.query(`UPDATE execution_report SET status = 'SUBMITTED', snapshot = '{}', submitted_at = now() WHERE id = $1`, [submitted.reportId]);

    const runs = await Promise.all(workers.map((w) => w.get(RemindersHandler).run()));
    expect(runs.reduce((x, y) => x + y, 0)).toBe(2);
    expect(await at(workers, 1, 'worker').get(RemindersHandler).run()).toBe(0);
    await deliver('report-reminder', 2);

    expect(sentTo(due.a.user.email, 'Rappel')).toHaveLength(1);
    expect(sentTo(late.a.user.email, 'Retard')).toHaveLength(1);
    expect(sentTo(farther.a.user.email, 'rapport')).toHaveLength(0);
    expect(sentTo(submitted.a.user.email, 'rapport')).toHaveLength(0);
    expect(sink.received.filter((m) => /rapport/i.test(m.raw))).toHaveLength(2);

    // A granted postponement moves the date: a new due date is a new reminder, once.
    await ctx.owner.query(
      `UPDATE execution_report SET postponement_status = 'GRANTED', postponement_due_date = $2, postponement_reason = 'Retard du partenaire' WHERE id = $1`,
      [due.reportId, inDays(12)],
    );
    expect(await at(workers, 0, 'worker').get(RemindersHandler).run()).toBe(1);
    expect(await at(workers, 0, 'worker').get(RemindersHandler).run()).toBe(0);
  });

  it('reminds the members of the beneficiary of the convention signature deadline once', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const id = await submittedDossier(ctx.t, ctx.owner, a, (await createOpenCall(ctx.owner)).id);
    await ctx.owner.query(`UPDATE application SET status = 'CONVENTION_ISSUED' WHERE id = $1`, [id]);
    await ctx.owner.query(`INSERT INTO operation (application_id, end_date, signature_due_date) VALUES ($1, $2, $3)`, [id, inDays(500), inDays(4)]);
    const runs = await Promise.all(workers.map((w) => w.get(RemindersHandler).run()));
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await at(workers, 0, 'worker').get(RemindersHandler).run()).toBe(0);
    await deliver('signature-reminder', 1);
    expect(sentTo(a.user.email, 'Rappel')).toHaveLength(1);
  });

  it('is registered as a job scheduler by the workers', async () => {
    const queue = ctx.t.app.get(JobQueues).get(QueueName.System);
    const schedulers = await waitFor(async () => {
      const list = await queue.getJobSchedulers();
      return list.some((s) => s.key === 'send-reminders') ? list : null;
    });
    expect(schedulers.find((s) => s.key === 'send-reminders')).toMatchObject({ every: 3_600_000 });
  });

  it('recalls a reduced award’s answer date 7 and 2 days before, once per proposal and offset, and never once answered', async () => {
    const M = 10_000;
    const s = await committeeScenario(ctx.t, ctx.owner, {
      envelopeCents: 3000 * M,
      dossiers: [
        { key: 'A', euCents: 1500 * M, scores: { C1: 5, C2: 5 } },
        { key: 'B', euCents: 1000 * M, scores: { C1: 4, C2: 4 } },
      ],
    });
    const sessionId = await openSession(ctx.t, s);
    const members: Record<string, string> = {};
    for (const key of ['A', 'B'] as const) {
      const d = s.dossiers[key];
      await giveRealPlan(ctx.owner, d.id, key === 'A' ? 1500 * M : 1000 * M);
      const user = await createUser(ctx.owner, { roles: ['APPLICANT'] });
      await addMember(ctx.owner, d.organisationId, user.id);
      members[key] = user.id;
      await postDecision(ctx.t, ctx.owner, sessionId, d.id, s.manager.auth, { outcome: 'FAVORABLE', euCents: (key === 'A' ? 1200 : 800) * M }).expect(201);
    }
    // B answers at once (refused: a renunciation): it is never recalled.
    await ctx.owner.query(
      `UPDATE award_proposal SET status = 'REFUSED', refusal_reason = 'Plan impossible à tenir', answered_at = now() WHERE application_id = $1`,
      [s.dossiers.B.id],
    );
    const [{ due, id: proposalId }] = await ctx.owner.query(`SELECT id, answer_due_date::text AS due FROM award_proposal WHERE application_id = $1`, [
      s.dossiers.A.id,
    ]);
    const before = (days: number) => new Date(Date.parse(`${due}T10:00:00Z`) - days * 86_400_000);
    const handler = at(workers, 0, 'worker').get(RemindersHandler);
    const sent = async () =>
      (await ctx.owner.query(`SELECT dedupe_key FROM mail_message WHERE template = 'award-answer-reminder' ORDER BY created_at, dedupe_key`)).map(
        (r: { dedupe_key: string }) => r.dedupe_key,
      );

    expect(await handler.run(before(8))).toBe(0);
    // Two workers on the day 7 days before: one reminder.
    expect((await Promise.all(workers.map((w) => w.get(RemindersHandler).run(before(7))))).reduce((x, y) => x + y, 0)).toBe(1);
    expect(await handler.run(before(5))).toBe(0); // the 7-day reminder went out already
    expect(await handler.run(before(2))).toBe(1);
    expect(await handler.run(before(1))).toBe(0);
    expect(await handler.run(before(0))).toBe(0);
    expect(await handler.run(before(-1))).toBe(0); // past the date: the lapse is the programme manager's to record
    expect(await sent()).toEqual([`reminder.award-answer:${proposalId}:${due}:7:${members.A}`, `reminder.award-answer:${proposalId}:${due}:2:${members.A}`]);

    ctx.t.app.get(OutboxRelay).kick();
    await waitFor(
      async () =>
        (await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = 'award-answer-reminder' AND status = 'SENT'`))[0].n === 2,
    );
    const mail = sink.received.find((m) => m.raw.includes('proposition de montant FSE+ r'));
    expect(mail).toBeDefined();
  });
});
