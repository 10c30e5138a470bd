import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { OutboxRelay } from '../../src/common/outbox/outbox.relay';
import { submittedDossier } from '../support/factories/admissibility.factory';
import { addMember, createApplicant, createOpenCall, createStaff } from '../support/factories/application.factory';
import { committeeScenario, openSession, postDecision } from '../support/factories/committee.factory';
import { createUser } from '../support/factories/user.factory';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { startTestWorker, truncateAll, useTestApp, waitFor } from '../support/test-app';
import { at, first } from '../support/checked';

const M = 100_000;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const QUEUE_PREFIX = `essaim-test-${randomBytes(4).toString('hex')}`;

describe('mail that follows a dossier through its lifecycle (e2e)', () => {
  let sink: SmtpSink;
  let worker: INestApplicationContext;
  // Own queues: a worker left over by another spec must not take these jobs.
  const ctx = useTestApp({ env: { QUEUE_PREFIX } });

  beforeAll(async () => {
    sink = await startSmtpSink();
    worker = await startTestWorker({ QUEUE_PREFIX, SMTP_URL: sink.url });
  });
  afterAll(async () => {
    await worker?.close();
    await sink?.close();
  });
  beforeEach(async () => {
    await truncateAll(ctx.owner);
    sink.received.length = 0;
  });

  const arrived = (to: string, subject: RegExp) => sink.received.filter((m) => m.to.includes(to) && subject.test(decodeSubject(m.raw)));
  const settle = async () => {
    ctx.t.app.get(OutboxRelay).kick();
    await waitFor(async () => (await ctx.owner.query(`SELECT count(*)::int AS n FROM mail_message WHERE status = 'PENDING'`))[0].n === 0);
    await new Promise((r) => setTimeout(r, 500));
  };

  it('tells every member of the organisation of the deposit and of a request for complements with its due date, once each', async () => {
    const a = await createApplicant(ctx.t, ctx.owner);
    const colleague = await createUser(ctx.owner);
    await addMember(ctx.owner, a.organisation.id, colleague.id);
    const instructor = await createStaff(ctx.t, ctx.owner, 'INSTRUCTOR');
    const callId = (await createOpenCall(ctx.owner)).id;

    const id = await submittedDossier(ctx.t, ctx.owner, a, callId);
    await settle();
    const [{ number }] = await ctx.owner.query(`SELECT number FROM application WHERE id = $1`, [id]);
    for (const who of [a.user.email, colleague.email]) expect(arrived(who, new RegExp(`Dossier ${number} déposé`))).toHaveLength(1);

    const etag = (await ctx.t.http().get(`/api/v1/applications/${id}`).set(instructor.auth).expect(200)).headers.etag as string;
    const dueDate = inDays(10);
    await ctx.t
      .http()
      .post(`/api/v1/applications/${id}/admissibility/decision`)
      .set(instructor.auth)
      .set('If-Match', etag)
      .send({ outcome: 'INCOMPLETE', complements: [{ section: 'PROJECT', message: 'Le titre doit nommer le quartier.' }], dueDate })
      .expect(200);
    await settle();
    const complements = first(arrived(a.user.email, /à compléter avant le/), 'complements mail');
    expect(complements).toBeDefined();
    const frenchDue = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${dueDate}T00:00:00Z`),
    );
    expect(decodeSubject(complements.raw)).toContain(frenchDue);
    expect(arrived(a.user.email, /à compléter/)).toHaveLength(1);
    // Internal steps send nothing: two mails per person in all.
    expect(sink.received.filter((m) => m.to.includes(a.user.email))).toHaveLength(2);
  });

  it('tells the applicant of a committee decision, once, in French', async () => {
    const s = await committeeScenario(ctx.t, ctx.owner, { envelopeCents: 3000 * M, dossiers: [{ key: 'A', euCents: 1000 * M }] });
    const applicant = await createUser(ctx.owner);
    await addMember(ctx.owner, s.dossiers.A.organisationId, applicant.id);
    const sessionId = await openSession(ctx.t, s);
    await postDecision(ctx.t, ctx.owner, sessionId, s.dossiers.A.id, s.manager.auth, { outcome: 'FAVORABLE' }).expect(201);
    await settle();
    const mails = arrived(applicant.email, new RegExp(`Dossier ${s.dossiers.A.number} : avis favorable du comité de programmation`));
    expect(mails).toHaveLength(1);
    expect(at(mails, 0, 'mail').raw).toContain('Auto-Submitted: auto-generated');
  });
});

/** The Subject header, decoded from RFC 2047 encoded-words (UTF-8, B or Q). */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
  return header.replace(/\r?\n[ \t]/g, ' ').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
