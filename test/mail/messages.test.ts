// The interface strings of mail, the outbox and the audit log: written in each of the six
// languages (no English left in the catalogues in other scripts), with the same placeholders.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUDIT_MESSAGES } from '../../src/audit/audit-messages.ts';
import { LOCALES } from '../../src/i18n/i18n.ts';
import { MAIL_MESSAGES } from '../../src/mail/mail-messages.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
// Words that are the same in every language: codes and names of things, not sentences.
const LATIN_WORDS = /\{\w+\}|NormHub|SMTP_URL|SMTP|HTML|Message-ID|UTC|YYYY-MM-DD|user\.invite|user\.|\bcli\b|\bseed\b|KEN/g;

for (const [name, catalogue] of [['mail and outbox', MAIL_MESSAGES], ['audit log', AUDIT_MESSAGES]] as const) {
  test(`${name}: every key in six languages, the same placeholders, other scripts without English`, () => {
    const english = catalogue.en as Record<string, string>;
    for (const locale of LOCALES) {
      const messages = catalogue[locale] as Record<string, string>;
      assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), locale);
      for (const [key, text] of Object.entries(messages)) {
        assert.ok(text.trim(), `${locale} ${key} is empty`);
        assert.deepEqual(placeholders(text), placeholders(english[key]!), `${locale} ${key} placeholders`);
        if (locale === 'ar' || locale === 'ru' || locale === 'zh') {
          assert.doesNotMatch(text.replace(LATIN_WORDS, ''), /[A-Za-z]{3,}/, `${locale} ${key} holds English: ${text}`);
        }
        if (locale !== 'en' && text.length > 25) assert.notEqual(text, english[key], `${locale} ${key} is the English sentence`);
      }
    }
  });
}
