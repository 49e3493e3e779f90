// People and access in a real Chromium (Debian's, driven by playwright-core) against a real
// NormHub server that sends its mail to a real SMTP server (test/helpers/smtp.ts):
// - the first administrator is created the way an operator bootstraps one: `normhub users invite
//   --role admin` (its command function, on the server's database) prints a link, which the
//   administrator opens to choose a password;
// - the administrator signs in and invites a focal point for Kenya in French; the mail that
//   arrives over SMTP is in French; the focal point opens its link in a browser of their own,
//   chooses a password and a language, is signed in, signs out, signs in again, and sees only
//   their State: their account says Kenya, Kenya's contact persons are theirs to see, another
//   State's and the administration pages are refused (pages and API);
// - the sign-in form works with JavaScript off;
// - axe-core finds no violation on the sign-in, invitation, account and administration pages,
//   in English and in Arabic.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accountsTranslator, roleLabel } from '../src/accounts/accounts-messages.ts';
import { inviteUser } from '../src/accounts/invitations-service.ts';
import type { AccountsContext } from '../src/accounts/accounts.ts';
import { commandAccountsContext, inviteUserCommand } from '../src/cli/users-command.ts';
import { loadConfig } from '../src/config.ts';
import type { Role } from '../src/http/access.ts';
import { HTTP_MESSAGES } from '../src/http/http-messages.ts';
import { featureTranslator, type Locale } from '../src/i18n/i18n.ts';
import { createMailer } from '../src/mail/mail-service.ts';
import { findState, stateName } from '../src/states/states-service.ts';
import { testAccountsContext } from '../test/helpers/accounts.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../test/helpers/smtp.ts';
import { axeViolations } from './helpers/axe.ts';
import { launchChromium } from './helpers/browser.ts';
import { findFreePort, startE2eServer, type E2eServer } from './helpers/server.ts';

const ADMIN = { email: 'ines.secretariat@example.org', name: 'Inès Secrétariat', password: 'ledger of seven quiet harbours' };
const FOCAL_POINT = { email: 'wanjiru.kamau@example.org', name: 'Wanjiru Kamau', password: 'acacia shade at four in Nyeri' };
const KENYA = 'KEN';
const OTHER_STATE = 'FRA';

let smtp: TestSmtpServer;
let server: E2eServer;
let browser: Browser;
let accounts: AccountsContext;

before(async () => {
  // Each is kept even when another fails, so that `after` stops what did start.
  const [smtpStarted, launched] = await Promise.allSettled([startTestSmtpServer(), launchChromium()]);
  if (smtpStarted.status === 'fulfilled') smtp = smtpStarted.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [smtpStarted, launched]) if (outcome.status === 'rejected') throw outcome.reason;
  // The links in mails must lead back to this server: its address is chosen before it starts.
  const port = await findFreePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  server = await startE2eServer({ seed: false, env: { PORT: String(port), PUBLIC_URL: publicUrl, SMTP_URL: smtp.url } });
  assert.equal(server.baseUrl, publicUrl);
  accounts = testAccountsContext(server.server.db, { publicUrl, mailer: createMailer({ db: server.server.db, smtpUrl: smtp.url }) });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await smtp?.close();
});

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  // Pages answer in milliseconds; setting a password hashes it (a fraction of a second).
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
}

async function open(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(server.baseUrl + path);
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
}

function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

async function signIn(page: Page, { email, password }: { email: string; password: string }, locale: Locale = 'en'): Promise<void> {
  await open(page, `/${locale}/login`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([page.waitForURL(/\/account(\?|$)/), page.click(`main form[action="/${locale}/login"] button[type="submit"]`)]);
}

async function kenyaIn(locale: Locale): Promise<string> {
  const state = await findState(server.server.db, KENYA);
  assert.ok(state, 'Kenya is in the States table');
  return stateName(state, locale);
}

describe('the Secretariat invites a focal point, who sees only their State', () => {
  let admin: { context: BrowserContext; page: Page };
  let focal: { context: BrowserContext; page: Page };
  let link: string;

  before(async () => {
    admin = await newPage();
    focal = await newPage();
  });
  after(async () => {
    await admin?.context.close();
    await focal?.context.close();
  });

  test('the first administrator, invited from the command line, opens the printed link and chooses a password', async () => {
    // What `normhub users invite --email … --role admin` runs, with the server's configuration and database.
    const config = loadConfig({ PORT: new URL(server.baseUrl).port, PUBLIC_URL: server.baseUrl, SMTP_URL: smtp.url, NORMHUB_DATA_DIR: 'memory://' });
    const warnings: string[] = [];
    const printed = await inviteUserCommand(commandAccountsContext(server.server.db, config, (message) => warnings.push(message)), {
      email: ADMIN.email,
      name: ADMIN.name,
      role: 'admin',
      locale: 'en',
    });
    assert.deepEqual(warnings, []);
    const printedLink = printed.trim().split('\n').pop()!;
    assert.match(printedLink, new RegExp(`^${server.baseUrl.replace(/[.]/g, '\\.')}/en/invitations/[A-Za-z0-9_-]{43}$`), printed);
    // The same link went by mail.
    const mail = await smtp.waitForMessage((message) => message.to.includes(ADMIN.email), 10_000);
    assert.ok(mail.text.includes(printedLink), mail.text);

    const { page } = admin;
    await open(page, new URL(printedLink).pathname);
    await page.fill('#field-password', ADMIN.password);
    await page.fill('#field-confirmation', ADMIN.password);
    await page.selectOption('#field-locale', 'en');
    await Promise.all([page.waitForURL(/\/en\/account\?done=welcome$/), page.click('main form button[type="submit"]')]);
    assert.ok((await page.textContent('main'))?.includes(roleLabel('admin', 'en')));
    await Promise.all([page.waitForURL(/\/en\/login\?done=signed-out$/), page.click('header form.account button[type="submit"]')]);
  });

  test('the administrator signs in and invites a focal point for Kenya, in French', async () => {
    const { page } = admin;
    await signIn(page, ADMIN);
    assert.equal(pathOf(page), '/en/account');
    await Promise.all([page.waitForURL(/\/en\/admin\/people$/), page.click('main a[href="/en/admin/people"]')]);
    await Promise.all([page.waitForURL(/\/en\/admin\/people\/invite$/), page.click('main a[href="/en/admin/people/invite"]')]);
    await page.fill('#field-name', FOCAL_POINT.name);
    await page.fill('#field-email', FOCAL_POINT.email);
    await page.selectOption('#field-role', 'focal_point');
    await page.selectOption('#field-stateCode', KENYA);
    await page.selectOption('#field-locale', 'fr');
    await Promise.all([page.waitForURL(/\/en\/admin\/people\/[0-9a-f-]{36}\?done=invited$/), page.click('main form[action="/en/admin/people/invite"] button[type="submit"]')]);
    const main = await page.textContent('main');
    assert.ok(main?.includes(FOCAL_POINT.email) && main.includes(`${await kenyaIn('en')} (${KENYA})`), main ?? '');
  });

  test('the invitation arrives over SMTP, in French, with a link to this server', async () => {
    const mail = await smtp.waitForMessage((message) => message.to.includes(FOCAL_POINT.email), 10_000);
    const fr = accountsTranslator('fr');
    assert.equal(mail.language, 'fr');
    assert.equal(mail.subject, fr('mail.invitation.subject'));
    assert.ok(mail.text.includes(fr('mail.invitation.heading', { name: FOCAL_POINT.name })), mail.text);
    assert.ok(mail.text.includes(await kenyaIn('fr')), mail.text);
    assert.match(mail.html, /<html[^>]* lang="fr"/);
    const found = new RegExp(`${server.baseUrl.replace(/[.]/g, '\\.')}/fr/invitations/[A-Za-z0-9_-]{43}`).exec(mail.text);
    assert.ok(found, `no invitation link to ${server.baseUrl} in:\n${mail.text}`);
    link = found[0];
    assert.ok(mail.html.includes(`href="${link}"`), 'the HTML part links to the same address');
  });

  test('the focal point opens the link in a browser of their own, sets a password and a language, and is signed in', async () => {
    const { page } = focal;
    assert.ok(link, 'the mail has been read');
    const response = await page.goto(link);
    assert.equal(response?.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.ok((await page.textContent('h1'))?.includes(FOCAL_POINT.name));
    await page.fill('#field-password', FOCAL_POINT.password);
    await page.fill('#field-confirmation', FOCAL_POINT.password);
    // Spanish rather than the French of the invitation: the choice is theirs, and it is kept.
    await page.selectOption('#field-locale', 'es');
    await Promise.all([page.waitForURL(/\/es\/account\?done=welcome$/), page.click('main form button[type="submit"]')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'es');
    assert.ok((await page.textContent('main'))?.includes(`${await kenyaIn('es')} (${KENYA})`));
    // The link worked once; now it says so.
    const again = await page.goto(link);
    assert.equal(again?.status(), 410);
  });

  test('they sign out, sign in again, and see their State and nothing else', async () => {
    const { page } = focal;
    await open(page, '/es/account');
    await Promise.all([page.waitForURL(/\/es\/login\?done=signed-out$/), page.click('header form.account button[type="submit"]')]);
    // Signed out on the server: the account page sends them to sign in.
    await open(page, '/es/account');
    assert.equal(pathOf(page), `/es/login?next=${encodeURIComponent('/es/account')}`);

    await signIn(page, FOCAL_POINT, 'es');
    assert.equal(pathOf(page), '/es/account');
    const account = await page.textContent('main');
    assert.ok(account?.includes(FOCAL_POINT.email) && account.includes(`${await kenyaIn('es')} (${KENYA})`), account ?? '');

    // Kenya's contact persons: theirs to see, themselves among them.
    await Promise.all([page.waitForURL(new RegExp(`/es/states/${KENYA}/contacts$`)), page.click(`main a[href="/es/states/${KENYA}/contacts"]`)]);
    assert.ok((await page.textContent('main'))?.includes(FOCAL_POINT.email));

    // Another State's directory and the administration: refused, with a page that says so.
    const forbidden = featureTranslator(HTTP_MESSAGES, 'es')('error.forbidden.title');
    for (const path of [`/es/states/${OTHER_STATE}/contacts`, '/es/admin/people', '/es/admin/people/invite', '/es/admin/outbox', '/es/admin/audit']) {
      await open(page, path, 403);
      assert.equal(await page.textContent('main h1'), forbidden, path);
    }
    // The same through the API, with the browser's session.
    const own = await page.request.get(`${server.baseUrl}/api/states/${KENYA}/contacts`);
    assert.equal(own.status(), 200);
    assert.deepEqual(
      ((await own.json()) as { contacts: Array<{ email: string }> }).contacts.map((contact) => contact.email),
      [FOCAL_POINT.email],
    );
    for (const path of [`/api/states/${OTHER_STATE}/contacts`, '/api/admin/audit']) {
      const refused = await page.request.get(server.baseUrl + path);
      assert.equal(refused.status(), 403, path);
    }
  });
});

test('with JavaScript off, the sign-in form signs in', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  try {
    await signIn(page, ADMIN);
    assert.equal(pathOf(page), '/en/account');
    assert.equal(await page.textContent('h1'), accountsTranslator('en')('account.title'));
    assert.equal(await page.textContent('header form.account a'), ADMIN.name);
  } finally {
    await context.close();
  }
});

describe('accessibility: axe-core finds no violation on the pages of accounts', { concurrency: 3 }, () => {
  let visitor: BrowserContext;
  let administrator: BrowserContext;
  const invitations = new Map<Locale, { token: string; userId: string }>();

  async function invite(locale: Locale, role: Role, stateCode: string | null) {
    const sent = await inviteUser(accounts, { actor: null, label: 'cli' }, { email: `axe-${locale}-${role}@example.org`, name: locale === 'ar' ? 'ليلى حداد' : 'Lila Haddad', role, stateCode, locale });
    return { token: sent.invitationUrl.split('/').pop()!, userId: sent.user.id };
  }

  before(async () => {
    ({ context: visitor } = await newPage());
    const signedIn = await newPage();
    administrator = signedIn.context;
    await signIn(signedIn.page, ADMIN);
    await signedIn.page.close();
    for (const locale of ['en', 'ar'] as const) invitations.set(locale, await invite(locale, 'contributor', KENYA));
  });
  after(async () => {
    await visitor?.close();
    await administrator?.close();
  });

  for (const locale of ['en', 'ar'] as const) {
    const pages: Array<{ name: string; path: () => string; as: () => BrowserContext }> = [
      { name: 'sign-in', path: () => `/${locale}/login`, as: () => visitor },
      { name: 'invitation', path: () => `/${locale}/invitations/${invitations.get(locale)!.token}`, as: () => visitor },
      { name: 'account', path: () => `/${locale}/account`, as: () => administrator },
      { name: 'people', path: () => `/${locale}/admin/people`, as: () => administrator },
      { name: 'invitation form', path: () => `/${locale}/admin/people/invite`, as: () => administrator },
      { name: 'a person', path: () => `/${locale}/admin/people/${invitations.get(locale)!.userId}`, as: () => administrator },
      { name: "Kenya's contact persons", path: () => `/${locale}/states/${KENYA}/contacts`, as: () => administrator },
    ];
    for (const { name, path, as } of pages) {
      test(`${locale} ${name}`, async () => {
        const page = await as().newPage();
        try {
          await open(page, path());
          assert.equal(await page.getAttribute('html', 'lang'), locale);
          assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
          const { violations, passes } = await axeViolations(page);
          assert.deepEqual(violations, [], `axe on ${path()}:\n${violations.join('\n')}`);
          assert.ok(passes > 10, 'axe ran its rules');
        } finally {
          await page.close();
        }
      });
    }
  }
});
