import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { MailService } from '../../src/modules/mail/mail.service';
import { createUser, login } from '../support/factories/user.factory';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at, only } from '../support/checked';

const params = {
  number: 'AAP-2026-000042',
  title: 'Tiers-lieu « Les Abeilles » & co',
  applicationId: '00000000-0000-4000-8000-000000000042',
  submittedAt: '5 décembre 2026 à 17h30',
  callTitle: 'Innovation sociale 2026',
};

const QUEUE_PREFIX = `essaim-test-${randomBytes(4).toString('hex')}`;

describe('mail through the outbox (e2e)', () => {
  let sink: SmtpSink;
  // Own queues: a worker left over by another spec must not take these jobs.
  const ctx = useTestApp({ env: { QUEUE_PREFIX } });
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => (sink = await startSmtpSink()));
  afterAll(() => sink.close());
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    sink.received.length = 0;
    sink.refuse.clear();
  });
  afterEach(async () => {
    await worker?.close();
    worker = undefined;
  });

  async function queue(userId: string, eventKey: string): Promise<string | null> {
    const mail = ctx.t.app.get(MailService);
    const id = await ctx.t.db.transaction((em) => mail.toUser(em, userId, { template: 'application-submitted', params, eventKey }));
    ctx.t.app.get(OutboxRelay).kick();
    return id;
  }
  const status = async (id: string) => (await ctx.owner.query(`SELECT status, attempts, last_error FROM mail_message WHERE id = $1`, [id]))[0];

  it('delivers a queued message once over SMTP, in French, with text and HTML parts and no personal data in the job', async () => {
    const user = await createUser(ctx.owner);
    const id = (await queue(user.id, 'application.submitted:1'))!;
    const [outbox] = await ctx.owner.query(`SELECT payload FROM outbox WHERE job_name = 'send-mail'`);
    expect(outbox.payload).toEqual({ mailId: id });
    // The same event again queues nothing more.
    expect(await queue(user.id, 'application.submitted:1')).toBeNull();

    worker = await startTestWorker({ QUEUE_PREFIX, SMTP_URL: sink.url });
    await waitFor(async () => (await status(id)).status === 'SENT');
    expect(sink.received).toHaveLength(1);
    const mail = only(sink.received, 'received message');
    expect(mail.to).toEqual([user.email]);
    expect(mail.raw).toContain(`Message-ID: <${id}@essaim>`);
    expect(mail.raw).toMatch(/Content-Type: text\/plain/);
    expect(mail.raw).toMatch(/Content-Type: text\/html/);
    expect(mail.raw).toContain('AAP-2026-000042');
    expect(mail.raw).not.toMatch(/<img|track/i);
  });

  it('sends once when the job is delivered twice', async () => {
    const user = await createUser(ctx.owner);
    const id = (await queue(user.id, 'application.submitted:2'))!;
    // A second job for the same message, as a re-published outbox row would give.
    await ctx.owner.query(`INSERT INTO outbox (queue, job_name, payload) VALUES ('mail', 'send-mail', $1::jsonb)`, [JSON.stringify({ mailId: id })]);
    ctx.t.app.get(OutboxRelay).kick();
    worker = await startTestWorker({ QUEUE_PREFIX, SMTP_URL: sink.url });
    await waitFor(
      async () => (await ctx.owner.query(`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'send-mail' AND published_at IS NOT NULL`))[0].n === 2,
    );
    await waitFor(async () => (await status(id)).status === 'SENT');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.received).toHaveLength(1);
  });

  it('marks a refused recipient failed with the reason, lists it for administrators, and sends it again on retry', async () => {
    const user = await createUser(ctx.owner);
    sink.refuse.add(user.email);
    const id = (await queue(user.id, 'application.submitted:3'))!;
    worker = await startTestWorker({ QUEUE_PREFIX, SMTP_URL: sink.url });
    await waitFor(async () => (await status(id)).status === 'FAILED');
    expect((await status(id)).last_error).toMatch(/550/);

    const admin = await login(ctx.t, await createUser(ctx.owner, { roles: ['ADMINISTRATOR'] }));
    const list = await ctx.t.http().get('/api/v1/mails?status=FAILED').set('Authorization', `Bearer ${admin.token}`).expect(200);
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([id]);
    const applicant = await login(ctx.t, user);
    await ctx.t.http().get('/api/v1/mails').set('Authorization', `Bearer ${applicant.token}`).expect(403);

    sink.refuse.clear();
    await ctx.t.http().post(`/api/v1/mails/${id}/retry`).set('Authorization', `Bearer ${admin.token}`).expect(202);
    await waitFor(async () => (await status(id)).status === 'SENT');
    expect(sink.received).toHaveLength(1);
    await ctx.t.http().post(`/api/v1/mails/${id}/retry`).set('Authorization', `Bearer ${admin.token}`).expect(404);
  });

  it('without SMTP writes the message to the mail folder and lists it on /dev/mails', async () => {
    const dir = join(ctx.t.config.files.dir, '..', `mail-${Date.now()}`);
    const user = await createUser(ctx.owner);
    const id = (await queue(user.id, 'application.submitted:4'))!;
    worker = await startTestWorker({ QUEUE_PREFIX, MAIL_DIR: dir });
    await waitFor(async () => (await status(id)).status === 'SENT');
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(await readFile(join(dir, at(files, 0, 'file')), 'utf8')).toContain(`To: ${user.email}`);

    const page = await ctx.t.http().get('/dev/mails').expect(200);
    expect(page.text).toContain('Dossier AAP-2026-000042 déposé');
    expect(page.text).toContain(user.email);
    const one = await ctx.t.http().get(`/dev/mails/${id}`).expect(200);
    expect(one.text).toContain('Tiers-lieu « Les Abeilles » &amp; co');
    await rm(dir, { recursive: true, force: true });
  });
});
