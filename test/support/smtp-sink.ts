import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

/** A real SMTP server in this process (the `smtp-server` package): what Essaim sends arrives here over TCP. */
export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Recipients refused with 550 (a permanent failure). */
  refuse: Set<string>;
  /** While set, DATA is read but never answered: the client hangs as if the network stalled. */
  hold: { enabled: boolean; onHeld?: () => void };
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { received: [] as ReceivedMail[], refuse: new Set<string>(), hold: { enabled: false } as SmtpSink['hold'] };
  const options: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (sink.refuse.has(address.address)) {
        const error = Object.assign(new Error('Adresse inconnue'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.hold.enabled) {
          sink.hold.onHeld?.();
          return; // never answered: the message is not accepted
        }
        sink.received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    ...sink,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
