// Password rules and hashing, and the small pure rules of accounts (where a sign-in may lead,
// who may invite whom).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseOptions } from '@node-rs/argon2';
import { generateToken, hashPassword, hashToken, isTokenShaped, needsRehash, verifyDummyPassword, verifyPassword } from '../../src/accounts/accounts-crypto.ts';
import { isCommonPassword, passwordProblem, safeNextPath } from '../../src/accounts/accounts-logic.ts';
import { mayManage, newPasswordError, rolesInvitableBy } from '../../src/accounts/accounts.ts';
import { ACCOUNTS_MESSAGES } from '../../src/accounts/accounts-messages.ts';
import { HTTP_MESSAGES } from '../../src/http/http-messages.ts';
import { LOCALES } from '../../src/i18n/i18n.ts';

describe('password rules', () => {
  const email = 'ana.silva@example.org';

  test('at least 12 characters, counted as people see them (code points), at most 128', () => {
    assert.equal(passwordProblem('short pass1', { email }), 'tooShort');
    assert.equal(passwordProblem('twelve chars', { email }), null);
    // 12 Chinese characters are 12 characters, not 36 bytes nor 12 UTF-16 units by accident
    assert.equal(passwordProblem('春眠不觉晓处处闻啼鸟夜来', { email }), null);
    assert.equal(passwordProblem('春眠不觉晓处处闻啼鸟夜', { email }), 'tooShort');
    // astral characters count once each
    assert.equal(passwordProblem('😀'.repeat(11), { email }), 'tooShort');
    assert.equal(passwordProblem('🌊🏔️🌲🦉🌙⭐🍃🔥💧🪨🌾🐚', { email }), null);
    // runs of spaces count as one towards the minimum
    assert.equal(passwordProblem('ab          c', { email }), 'tooShort');
    assert.equal(passwordProblem('cats  and  dogs', { email }), null);
    const long = 'quiet river under 7 lanterns, '.repeat(5).slice(0, 128);
    assert.equal(passwordProblem(long, { email }), null);
    assert.equal(passwordProblem(`${long}!`, { email }), 'tooLong');
    assert.equal(passwordProblem('ab'.repeat(64) + 'c', { email }), 'tooLong');
  });

  test('not the email address (nor its local part), whatever the case', () => {
    assert.equal(passwordProblem('Ana.Silva@Example.org', { email }), 'sameAsEmail');
    assert.equal(passwordProblem('long.person.name', { email: 'long.person.name@example.org' }), 'sameAsEmail');
  });

  test('common passwords and obvious patterns are refused; a passphrase is not', () => {
    for (const common of ['password1234', 'Password1234', 'qwertyuiop123', '123456789012', 'aaaaaaaaaaaa', 'abcabcabcabc', 'P@ssw0rd!!!!', '1qaz2wsx3edc', 'poiuytrewqpo', 'correcthorsebatterystaple']) {
      assert.ok(isCommonPassword(common), common);
      assert.equal(passwordProblem(common, { email }), 'tooCommon', common);
    }
    // from the list of passwords seen in breaches, and such a word padded with digits or signs
    for (const breached of ['mailcreated5240', 'sonyericsson', 'Sunshine1234', 'dragon!!2024', 'football123456']) {
      assert.equal(passwordProblem(breached, { email }), 'tooCommon', breached);
    }
    for (const fine of ['quiet river under 7 lanterns', 'Trois souris vertes 2031', 'ночной поезд в Казань', 'نهر هادئ تحت القمر', 'dragon 海上生明月夜', 'sunshine over the harbour']) {
      assert.equal(passwordProblem(fine, { email }), null, fine);
    }
  });

  test('a new password and its confirmation must match; spaces are kept as typed', () => {
    assert.equal(newPasswordError('quiet river under 7 lanterns', 'quiet river under 7 lanterns ', email), 'password.mismatch');
    assert.equal(newPasswordError('quiet river under 7 lanterns', 'quiet river under 7 lanterns', email), null);
    assert.equal(newPasswordError('short', 'short', email), 'password.tooShort');
  });

  test('every password problem has a message in the six languages', () => {
    for (const locale of LOCALES) {
      for (const key of ['password.tooShort', 'password.tooLong', 'password.sameAsEmail', 'password.tooCommon', 'password.mismatch', 'password.currentWrong'] as const) {
        assert.ok(ACCOUNTS_MESSAGES[locale][key].length > 5, `${locale} ${key}`);
      }
    }
  });
});

describe('password hashing', () => {
  test('argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), a salt of its own each time', async () => {
    const first = await hashPassword('quiet river under 7 lanterns');
    const second = await hashPassword('quiet river under 7 lanterns');
    assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.notEqual(first, second);
    const options = parseOptions(first);
    assert.equal(options.memoryCost, 19456);
    assert.equal(options.timeCost, 2);
    assert.equal(options.parallelism, 1);
    assert.equal(needsRehash(first), false);
  });

  test('verify: the right password only; a malformed hash is false, never an exception', async () => {
    const hash = await hashPassword('quiet river under 7 lanterns');
    assert.equal(await verifyPassword(hash, 'quiet river under 7 lanterns'), true);
    assert.equal(await verifyPassword(hash, 'quiet river under 7 lanterns '), false);
    assert.equal(await verifyPassword('not a hash', 'anything'), false);
    await verifyDummyPassword('anything at all'); // resolves, whatever it is given
  });

  test('a hash made with weaker parameters is redone at the next sign-in', () => {
    assert.equal(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c29tZXNhbHRzb21lc2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g'), true);
    assert.equal(needsRehash('garbage'), true);
  });

  test('tokens: 256 random bits in 43 URL-safe characters; only their SHA-256 is stored', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));
    assert.equal(tokens.size, 200);
    for (const token of tokens) assert.ok(isTokenShaped(token), token);
    const token = [...tokens][0]!;
    assert.match(hashToken(token), /^[0-9a-f]{64}$/);
    assert.equal(hashToken(token), hashToken(token));
    assert.equal(isTokenShaped(`${token}x`), false);
    assert.equal(isTokenShaped("' or 1=1 --"), false);
  });
});

describe('where a sign-in leads back to', () => {
  test('paths of this site only', () => {
    assert.equal(safeNextPath('/fr/instruments?x=1#a', '/'), '/fr/instruments?x=1');
    for (const hostile of ['//evil.example', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/\tevil', '\\\\evil', '', undefined, 42, '/a'.repeat(1500)]) {
      assert.equal(safeNextPath(hostile, '/home'), '/home', String(hostile).slice(0, 40));
    }
  });
});

describe('who may invite and manage whom', () => {
  test('an administrator any role; an officer no Secretariat role; the others none', () => {
    assert.deepEqual([...rolesInvitableBy('admin')], ['admin', 'officer', 'focal_point', 'contributor', 'expert', 'observer']);
    assert.deepEqual([...rolesInvitableBy('officer')], ['focal_point', 'contributor', 'expert', 'observer']);
    for (const role of ['focal_point', 'contributor', 'expert', 'observer'] as const) assert.deepEqual([...rolesInvitableBy(role)], []);
  });

  test('nobody manages their own account here; an officer does not manage administrators or officers', () => {
    assert.equal(mayManage({ role: 'admin', userId: 'a' }, { role: 'admin', id: 'a' }), false);
    assert.equal(mayManage({ role: 'admin', userId: 'a' }, { role: 'officer', id: 'b' }), true);
    assert.equal(mayManage({ role: 'officer', userId: 'a' }, { role: 'admin', id: 'b' }), false);
    assert.equal(mayManage({ role: 'officer', userId: 'a' }, { role: 'officer', id: 'b' }), false);
    assert.equal(mayManage({ role: 'officer', userId: 'a' }, { role: 'focal_point', id: 'b' }), true);
  });
});

describe('the catalogues of accounts and of the HTTP layer', () => {
  const SCRIPT: Partial<Record<(typeof LOCALES)[number], RegExp>> = { ar: /[\u0600-\u06ff]/, ru: /[\u0400-\u04ff]/, zh: /[\u4e00-\u9fff]/ };
  for (const [name, catalogue] of [['accounts', ACCOUNTS_MESSAGES], ['http', HTTP_MESSAGES]] as const) {
    test(`${name}: every key in every language, written in that language, with the same placeholders`, () => {
      const english = catalogue.en as Record<string, string>;
      for (const locale of LOCALES) {
        const messages = catalogue[locale] as Record<string, string>;
        assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), locale);
        for (const [key, text] of Object.entries(messages)) {
          assert.ok(text.trim(), `${locale} ${key} is empty`);
          const placeholders = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
          assert.deepEqual(placeholders(text), placeholders(english[key]!), `${locale} ${key}: placeholders`);
          if (locale !== 'en' && SCRIPT[locale] && /[a-z]{4}/i.test(english[key]!.replace(/\{\w+\}|NormHub|ECOSOC|UTC/g, ''))) {
            assert.match(text, SCRIPT[locale]!, `${locale} ${key} is written in its script`);
          }
        }
      }
    });
  }
});
