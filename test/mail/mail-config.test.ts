// SMTP_URL and MAIL_FROM: read, checked, and a mail server's password never echoed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';

test('without SMTP_URL mail stays in the outbox, from the default address', () => {
  const config = loadConfig({ SMTP_URL: '  ', MAIL_FROM: '' });
  assert.equal(config.smtpUrl, null);
  assert.equal(config.mailFrom, 'NormHub <no-reply@normhub.localhost>');
});

test('smtp:// and smtps:// URLs and a From with or without a name are accepted', () => {
  assert.equal(loadConfig({ SMTP_URL: 'smtp://user:pass@mail.example.org:2525' }).smtpUrl, 'smtp://user:pass@mail.example.org:2525');
  assert.equal(loadConfig({ SMTP_URL: 'smtps://mail.example.org' }).smtpUrl, 'smtps://mail.example.org');
  assert.equal(loadConfig({ MAIL_FROM: 'UNODC NormHub <normhub@unodc.example>' }).mailFrom, 'UNODC NormHub <normhub@unodc.example>');
  assert.equal(loadConfig({ MAIL_FROM: 'normhub@unodc.example' }).mailFrom, 'normhub@unodc.example');
});

test('a bad SMTP_URL or MAIL_FROM stops the start with a clear message, without echoing the URL', () => {
  for (const url of ['http://user:hunter2@mail.example.org', 'mail.example.org:25', 'smtp://', 'smtp://user:hunter2@']) {
    assert.throws(
      () => loadConfig({ SMTP_URL: url }),
      (error: ConfigError) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 1);
        assert.match(error.problems[0]!, /^SMTP_URL must be an SMTP URL such as smtp:\/\/user:password@mail\.example\.org:587/);
        assert.doesNotMatch(error.message, /hunter2|mail\.example\.org:25\b|http:/);
        return true;
      },
      url,
    );
  }
  assert.throws(() => loadConfig({ MAIL_FROM: 'NormHub' }), (error: ConfigError) => /^MAIL_FROM must be an address/.test(error.problems[0]!) && /"NormHub"/.test(error.message));
});
