import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { JobQueues } from '../../src/common/outbox/job-queues.service';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { QueueName } from '../../src/jobs/queues';
import { RemindersHandler } from '../../src/modules/mail/reminders.handler';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';

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
    await ctx.t.http().post(`/api/v1/applications/${id}/admissibility/decision`).set(instructor.auth).set('If-Match', etag)
      .send({ outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Préciser le territoire.' }], dueDate: inDays(10) }).expect(200);
    // Move the due date into (or out of) the reminder window, as time passing would.
    await ctx.owner.query(`UPDATE admissibility_review SET due_date = $2 WHERE application_id = $1`, [id, inDays(days)]);
    return { a, id };
  }

  it('reminds each member once of complements due within three days, whatever the number of workers and runs', async () => {
    const soon = await incompleteDueIn(2);
    const later = await incompleteDueIn(6);
    const runs = await Promise.all(workers.map((w) => w.get(RemindersHandler).run()));
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await workers[0].get(RemindersHandler).run()).toBe(0);

    ctx.t.app.get(OutboxRelay).kick();
    await waitFor(async () => (await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE template = 'complements-reminder' AND status = 'SENT'`))[0].n === 1);
    await new Promise((r) => setTimeout(r, 500));
    const reminders = sink.received.filter((m) => m.raw.includes('Rappel'));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].to).toEqual([soon.a.user.email]);
    expect(sink.received.some((m) => m.to.includes(later.a.user.email) && m.raw.includes('Rappel'))).toBe(false);
  });

  it('is registered as a job scheduler by the workers', async () => {
    const queue = ctx.t.app.get(JobQueues).get(QueueName.System);
    const schedulers = await waitFor(async () => {
      const list = await queue.getJobSchedulers();
      return list.some((s) => s.key === 'send-reminders') ? list : null;
    });
    expect(schedulers.find((s) => s.key === 'send-reminders')).toMatchObject({ every: 3_600_000 });
  });
});
