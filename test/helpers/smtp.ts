// A real SMTP server for tests (smtp-server), on 127.0.0.1 and a free port, TLS off: the
// mailer speaks real SMTP to it, and tests read what arrived, parsed by mailparser.
//
//   const smtp = await startTestSmtpServer();            // or { auth: { user, pass } }
//   const mailer = createMailer({ db, smtpUrl: smtp.url });
//   …
//   const mail = await smtp.waitForMessage((m) => m.to.includes('ana@example.org'));
//   mail.subject, mail.text, mail.html, mail.language, mail.raw
//   await smtp.close();

import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** the SMTP envelope: MAIL FROM and RCPT TO, as the server received them */
  envelope: { from: string; to: string[] };
  /** the user name the client signed in with, when the server asked for one */
  user: string | null;
  /** the message as received (RFC 822) */
  raw: string;
  parsed: ParsedMail;
  /** the addresses of the To header */
  to: string[];
  from: string;
  subject: string;
  text: string;
  /** the HTML part ('' when there is none) */
  html: string;
  /** the Content-Language header */
  language: string | null;
}

export interface TestSmtpServer {
  /** smtp://[user:pass@]127.0.0.1:port, for createMailer({ smtpUrl }) */
  url: string;
  port: number;
  /** every message received so far, oldest first */
  messages: ReceivedMail[];
  /** the first message (received or to come) for which `predicate` holds; rejects after timeoutMs */
  waitForMessage(predicate?: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export interface TestSmtpServerOptions {
  /** require these credentials (AUTH PLAIN/LOGIN over the plain connection); none by default */
  auth?: { user: string; pass: string };
  /** recipients the server refuses with a 550 (to test failures the server reports) */
  refuse?: (address: string) => boolean;
}

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const arrivals = new EventEmitter();
  const auth = options.auth;

  const server = new SMTPServer({
    secure: false,
    // No STARTTLS offered: nodemailer would otherwise upgrade and refuse the self-signed certificate.
    disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(credentials, _session, callback) {
      if (auth && credentials.username === auth.user && credentials.password === auth.pass) {
        callback(null, { user: credentials.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        const error = new Error(`Mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const mail = describe(raw, parsed, session);
            messages.push(mail);
            arrivals.emit('mail', mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // The server keeps running after a client error; tests see failures through their own asserts.
  server.on('error', () => {});
  const port = (server.server.address() as AddressInfo).port;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    port,
    messages,
    waitForMessage(predicate = () => true, timeoutMs = 5000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const onMail = (mail: ReceivedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          const seen = messages.map((mail) => `${mail.to.join(', ')}: ${mail.subject}`).join('; ') || 'none';
          reject(new Error(`No matching mail arrived within ${timeoutMs} ms (received: ${seen})`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function describe(raw: string, parsed: ParsedMail, session: { envelope: { mailFrom: false | { address: string }; rcptTo: Array<{ address: string }> }; user?: unknown }): ReceivedMail {
  const addresses = (field: ParsedMail['to']) =>
    (Array.isArray(field) ? field : field ? [field] : []).flatMap((list) => list.value.map((entry) => entry.address ?? '')).filter(Boolean);
  const language = parsed.headers.get('content-language');
  return {
    envelope: {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
    },
    user: typeof session.user === 'string' ? session.user : null,
    raw,
    parsed,
    to: addresses(parsed.to),
    from: parsed.from?.value[0]?.address ?? '',
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    language: typeof language === 'string' ? language : null,
  };
}
