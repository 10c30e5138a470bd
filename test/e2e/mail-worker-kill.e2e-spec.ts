import { randomBytes } from 'node:crypto';
import { ChildProcess, spawn } from 'node:child_process';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { MailService } from '../../src/modules/mail/mail.service';
import { createUser } from '../support/factories/user.factory';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at } from '../support/checked';

const QUEUE_PREFIX = `essaim-test-${randomBytes(4).toString('hex')}`;
// Short lock and stalled check, so that the killed worker's job comes back within seconds (docs/decisions/0007).
const WORKER_ENV = { QUEUE_PREFIX, JOB_LOCK_DURATION_MS: '2000', JOB_STALLED_INTERVAL_MS: '1000', REMINDERS_INTERVAL_MS: '3600000' };
const params = {
  number: 'AAP-2026-000077',
  title: 'Atelier vélo solidaire',
  applicationId: '00000000-0000-4000-8000-000000000077',
  submittedAt: '5 décembre 2026 à 18h00',
  callTitle: 'Innovation sociale 2026',
};

function spawnWorker(smtpUrl: string): ChildProcess {
  return spawn(process.execPath, ['dist/src/worker.js'], { env: { ...process.env, ...WORKER_ENV, SMTP_URL: smtpUrl, LOG_LEVEL: 'warn' }, stdio: 'ignore' });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/**
 * A worker process killed in the middle of the SMTP dialogue (after DATA, before the server's answer): the server
 * accepted nothing, the row lock dies with the process, and the job, back from BullMQ's stalled check, is sent by
 * the next worker exactly once (docs/decisions/0006-mail.md). Needs `npm run build` (dist/src/worker.js).
 */
describe('a worker killed while sending a mail (e2e)', () => {
  let sink: SmtpSink;
  const ctx = useTestApp({ env: { QUEUE_PREFIX } });
  beforeAll(async () => {
    sink = await startSmtpSink();
    await truncateAll(ctx.owner);
  });
  afterAll(() => sink?.close());

  it('delivers the message exactly once after a restart', async () => {
    const user = await createUser(ctx.owner);
    const mail = ctx.t.app.get(MailService);
    const id = (await ctx.t.db.transaction((em) =>
      mail.toUser(em, user.id, { template: 'application-submitted', params, eventKey: 'application.submitted:kill' }),
    ))!;

    // The sink reads DATA and never answers: the worker is mid-send, its transaction holding the row, when killed.
    const held = new Promise<void>((resolve) => {
      sink.hold.onHeld = resolve;
      sink.hold.enabled = true;
    });
    const first = spawnWorker(sink.url);
    try {
      ctx.t.app.get(OutboxRelay).kick();
      await held;
      await stop(first, 'SIGKILL');
    } finally {
      await stop(first, 'SIGKILL');
    }
    sink.hold.enabled = false;
    expect(sink.received).toHaveLength(0);
    // The killed process's transaction is rolled back by PostgreSQL: the message is still to send.
    const rowFree = () =>
      ctx.owner
        .transaction((em) => em.query(`SELECT id FROM mail_message WHERE id = $1 FOR UPDATE NOWAIT`, [id]))
        .then(
          () => true,
          () => false,
        );
    await waitFor(rowFree, 10_000);
    expect((await ctx.owner.query(`SELECT status FROM mail_message WHERE id = $1`, [id]))[0].status).toBe('PENDING');

    const second = spawnWorker(sink.url);
    try {
      await waitFor(async () => (await ctx.owner.query(`SELECT status FROM mail_message WHERE id = $1`, [id]))[0].status === 'SENT', 40_000, 200);
      // Let any duplicate delivery of the job happen before counting.
      await new Promise((r) => setTimeout(r, 3000));
      expect(sink.received).toHaveLength(1);
      expect(at(sink.received, 0, 'received message').to).toEqual([user.email]);
      expect(at(sink.received, 0, 'received message').raw).toContain(`Message-ID: <${id}@essaim>`);
    } finally {
      await stop(second, 'SIGTERM');
    }
  });
});
