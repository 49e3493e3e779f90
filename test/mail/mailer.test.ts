// The mailer on a real database, with a real SMTP server started by the test.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { AppError } from '../../src/errors.ts';
import { renderMail } from '../../src/mail/mail-logic.ts';
import type { MailMessage } from '../../src/mail/mail.ts';
import { createMailer, findOutboxMessage, listOutbox } from '../../src/mail/mail-service.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';

function invitation(to: string, locale: MailMessage['locale'] = 'en'): MailMessage {
  const words = {
    en: { subject: 'Your invitation to NormHub', heading: 'You are invited', label: 'Accept the invitation', body: 'The Secretariat invites you.' },
    ar: { subject: 'دعوتك إلى NormHub', heading: 'أنت مدعو', label: 'قبول الدعوة', body: 'تدعوك الأمانة العامة.' },
  }[locale === 'ar' ? 'ar' : 'en'];
  const content = renderMail({
    locale,
    heading: words.heading,
    paragraphs: [words.body],
    action: { label: words.label, url: `https://normhub.example/${locale}/invitations/secret-token-123` },
  });
  return { to, locale, kind: 'invitation', subject: words.subject, ...content };
}

let db: TestDb;
before(async () => {
  db = await createTestDb();
});
after(async () => {
  await db.close();
});

describe('without SMTP_URL: the outbox', () => {
  test('stores the whole message; the raw message parses back to the same subject, recipient, bodies and language', async () => {
    const mailer = createMailer({ db, from: 'UNODC NormHub <normhub@unodc.example>' });
    const message = invitation('ana@example.org', 'ar');
    const { id } = await mailer.send(message);

    const stored = await findOutboxMessage({ db }, id);
    assert.equal(stored.transport, 'outbox');
    assert.equal(stored.status, 'stored');
    assert.equal(stored.to, 'ana@example.org');
    assert.equal(stored.kind, 'invitation');
    assert.equal(stored.locale, 'ar');
    assert.equal(stored.subject, message.subject);
    assert.equal(stored.text, message.text);
    assert.equal(stored.html, message.html);
    assert.equal(stored.sentAt, null);
    assert.equal(stored.error, null);
    assert.ok(stored.raw && stored.messageId);

    const parsed = await simpleParser(stored.raw);
    assert.equal(parsed.subject, message.subject);
    assert.deepEqual(parsed.to && !Array.isArray(parsed.to) ? parsed.to.value.map((a) => a.address) : null, ['ana@example.org']);
    assert.equal(parsed.from?.value[0]?.address, 'normhub@unodc.example');
    assert.equal(parsed.from?.value[0]?.name, 'UNODC NormHub');
    assert.equal(parsed.text?.trim(), message.text.trim());
    assert.equal(typeof parsed.html === 'string' ? parsed.html.trim() : null, message.html.trim());
    assert.equal(parsed.headers.get('content-language'), 'ar');
    assert.equal(parsed.messageId, stored.messageId);
    assert.match(String(parsed.html), /<html lang="ar" dir="rtl">/);
  });

  test('the default From is NormHub <no-reply@normhub.localhost>', async () => {
    const { id } = await createMailer({ db }).send(invitation('ben@example.org'));
    const parsed = await simpleParser((await findOutboxMessage({ db }, id)).raw!);
    assert.equal(parsed.from?.value[0]?.name, 'NormHub');
    assert.equal(parsed.from?.value[0]?.address, 'no-reply@normhub.localhost');
  });

  test('refuses a message it cannot send as given (two addresses, an unknown language), storing nothing', async () => {
    const mailer = createMailer({ db });
    const before = (await listOutbox({ db }, { filters: { kind: null, to: null } })).total;
    await assert.rejects(mailer.send({ ...invitation('x@example.org'), to: 'a@example.org, b@example.org' }), (error: AppError) => error.code === 'mail.invalid');
    await assert.rejects(mailer.send({ ...invitation('x@example.org'), locale: 'de' as 'en' }), (error: AppError) => error.code === 'mail.invalid' && /locale/.test(error.message));
    assert.equal((await listOutbox({ db }, { filters: { kind: null, to: null } })).total, before);
  });
});

describe('with SMTP_URL', () => {
  let smtp: TestSmtpServer;
  before(async () => {
    smtp = await startTestSmtpServer({ auth: { user: 'normhub', pass: 'p@ss word' } });
  });
  after(async () => {
    await smtp.close();
  });

  test('the message arrives with its subject, recipient and language; the row says sent and keeps no body', async () => {
    const mailer = createMailer({ db, smtpUrl: smtp.url });
    const message = invitation('carmen@example.org', 'ar');
    const { id } = await mailer.send(message);

    const mail = await smtp.waitForMessage((m) => m.to.includes('carmen@example.org'));
    assert.equal(mail.user, 'normhub', 'the credentials of the URL were used');
    assert.equal(mail.subject, message.subject);
    assert.deepEqual(mail.envelope.to, ['carmen@example.org']);
    assert.equal(mail.envelope.from, 'no-reply@normhub.localhost');
    assert.equal(mail.language, 'ar');
    assert.match(mail.html, /<html lang="ar" dir="rtl">/);
    assert.match(mail.text, /secret-token-123/);

    const row = await findOutboxMessage({ db }, id);
    assert.equal(row.transport, 'smtp');
    assert.equal(row.status, 'sent');
    assert.ok(row.sentAt);
    assert.equal(row.messageId, mail.parsed.messageId);
    assert.equal(row.text, null);
    assert.equal(row.html, null);
    assert.equal(row.raw, null);
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from mail_outbox where id = $1 and (coalesce(text_body, '') || coalesce(html_body, '') || coalesce(raw, '')) like '%secret-token%'`, [id]);
    assert.equal(rows[0]!.n, 0, 'the link is nowhere in the row');
  });

  test('a recipient the server refuses: status failed with the reason, send rejects with mail.failed', async () => {
    const refusing = await startTestSmtpServer({ refuse: (address) => address.startsWith('nobody@') });
    try {
      const mailer = createMailer({ db, smtpUrl: refusing.url });
      const error = await mailer.send(invitation('nobody@example.org')).then(
        () => assert.fail('send should have failed'),
        (error: unknown) => error as AppError,
      );
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'mail.failed');
      assert.match(error.message, /nobody@example\.org/);
      const row = await findOutboxMessage({ db }, String(error.params.id));
      assert.equal(row.status, 'failed');
      assert.match(row.error ?? '', /550|unavailable/);
      assert.equal(refusing.messages.length, 0);
    } finally {
      await refusing.close();
    }
  });

  test('the server down: status failed, the error recorded, send rejects with mail.failed', async () => {
    const gone = await startTestSmtpServer();
    const url = gone.url;
    await gone.close();
    const mailer = createMailer({ db, smtpUrl: url });
    await assert.rejects(mailer.send(invitation('dora@example.org')), (error: AppError) => {
      assert.equal(error.code, 'mail.failed');
      assert.match(error.message, /could not be sent: .*ECONNREFUSED/);
      return true;
    });
    const { messages } = await listOutbox({ db }, { filters: { kind: null, to: 'dora@' } });
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.status, 'failed');
    assert.equal(messages[0]!.transport, 'smtp');
    assert.match(messages[0]!.error ?? '', /ECONNREFUSED/);
  });

  test('wrong credentials are a failure too, not a silent loss', async () => {
    const mailer = createMailer({ db, smtpUrl: smtp.url.replace('p%40ss%20word', 'wrong') });
    await assert.rejects(mailer.send(invitation('eve@example.org')), (error: AppError) => error.code === 'mail.failed');
    const { messages } = await listOutbox({ db }, { filters: { kind: null, to: 'eve@example.org' } });
    assert.equal(messages[0]?.status, 'failed');
    assert.equal(smtp.messages.some((m) => m.to.includes('eve@example.org')), false);
  });
});

describe('the outbox list', () => {
  test('newest first, filtered by kind and by part of the address, paginated', async () => {
    // Kinds and addresses of this test only: the database is shared with the tests above.
    const mailer = createMailer({ db });
    for (let i = 1; i <= 5; i++) await mailer.send({ ...invitation(`person${i}@list.example`), kind: 'list-invitation' });
    await mailer.send({ ...invitation('reset@list.example'), kind: 'list-reset' });

    const all = await listOutbox({ db }, { filters: { kind: null, to: '@list.example' } });
    assert.equal(all.total, 6);
    assert.ok(all.kinds.includes('list-invitation') && all.kinds.includes('list-reset') && all.kinds.includes('invitation'));
    assert.deepEqual(all.kinds, [...all.kinds].sort());
    assert.equal(all.messages[0]!.to, 'reset@list.example', 'newest first');

    const resets = await listOutbox({ db }, { filters: { kind: 'list-reset', to: null } });
    assert.deepEqual(resets.messages.map((m) => m.to), ['reset@list.example']);

    const byAddress = await listOutbox({ db }, { filters: { kind: null, to: 'PERSON3@' } });
    assert.deepEqual(byAddress.messages.map((m) => m.to), ['person3@list.example']);
    // LIKE's wildcards are taken literally
    assert.equal((await listOutbox({ db }, { filters: { kind: null, to: '%' } })).total, 0);
    assert.equal((await listOutbox({ db }, { filters: { kind: null, to: 'person_@' } })).total, 0);

    const page2 = await listOutbox({ db }, { filters: { kind: 'list-invitation', to: null }, page: 2, pageSize: 4 });
    assert.equal(page2.total, 5);
    assert.equal(page2.pages, 2);
    assert.deepEqual(page2.messages.map((m) => m.to), ['person1@list.example']);
  });

  test('an unknown id is mail.not_found', async () => {
    await assert.rejects(findOutboxMessage({ db }, '999999'), (error: AppError) => error.code === 'mail.not_found');
    await assert.rejects(findOutboxMessage({ db }, '1 or 1=1'), (error: AppError) => error.code === 'mail.not_found');
  });
});
