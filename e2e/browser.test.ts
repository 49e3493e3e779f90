// The public pages in a real Chromium (Debian's, driven by playwright-core) against a real NormHub
// server seeded with the bundled seeds and two corpus resolutions in six languages:
// - every main page, in English and in Arabic, has no axe-core violation;
// - a reader's journeys work with JavaScript off: a Bangkok rule by its permalink, a citation,
//   a cross-reference in both directions, the language switcher keeping the place, search in
//   Arabic and in Chinese;
// - the pages keep to the size budget of docs/pages.md, measured as the server sends them.

import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './helpers/browser.ts';
import { startE2eServer, type E2eServer } from './helpers/server.ts';

const enc = encodeURIComponent;
const BANGKOK_DOCUMENT = 'E/2010/30, chap. I, sect. A, draft resolution II';
const CORRUPTION = 'A/RES/75/194'; // in the corpus, six languages
const INTERPOL = 'A/RES/75/10'; // in the corpus, six languages, says nothing of asset recovery
// Words of A/RES/75/194 in its Arabic and Chinese versions: "asset recovery", "Convention against Corruption".
const ARABIC_QUERY = 'استرداد الموجودات';
const CHINESE_QUERY = '反腐败公约';

interface MainPage {
  name: string;
  path: string;
  status: number;
}

function mainPages(locale: 'en' | 'ar'): MainPage[] {
  const other = locale === 'ar' ? 'en' : 'ar';
  return [
    { name: 'home', path: `/${locale}/`, status: 200 },
    { name: 'document reader', path: `/${locale}/documents/${enc(CORRUPTION)}`, status: 200 },
    { name: 'document provision', path: `/${locale}/documents/${enc(CORRUPTION)}/para-1`, status: 200 },
    { name: 'two languages side by side', path: `/${locale}/documents/${enc(CORRUPTION)}/compare?with=${other}`, status: 200 },
    { name: 'catalogue of instruments', path: `/${locale}/instruments`, status: 200 },
    { name: 'instrument', path: `/${locale}/instruments/bangkok-rules`, status: 200 },
    { name: 'provision permalink', path: `/${locale}/instruments/bangkok-rules/rule-3`, status: 200 },
    { name: 'clusters', path: `/${locale}/clusters`, status: 200 },
    { name: 'search results', path: `/${locale}/search?q=${enc(locale === 'ar' ? ARABIC_QUERY : 'asset recovery')}`, status: 200 },
    { name: 'page not found', path: `/${locale}/documents/${enc('NO/SUCH/1')}`, status: 404 },
    { name: 'broken address', path: `/${locale}/documents/%E0%A4%A`, status: 400 },
  ];
}

let server: E2eServer;
let browser: Browser;

before(async () => {
  // Both are kept even when the other fails, so `after` can stop what did start (a server left
  // listening would keep the test process alive for ever).
  const [started, launched] = await Promise.allSettled([startE2eServer(), launchChromium()]);
  if (started.status === 'fulfilled') server = started.value;
  if (launched.status === 'fulfilled') browser = launched.value;
  for (const outcome of [started, launched]) if (outcome.status === 'rejected') throw outcome.reason;
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** The body's length as it travels (fetch would decompress it), and its content-encoding. */
function bytesSent(url: string, acceptEncoding: string): Promise<{ encoding: string | null; bytes: number }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.length));
      response.on('end', () => resolve({ encoding: (response.headers['content-encoding'] as string | undefined) ?? null, bytes }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

/** Pages answer in milliseconds: a step that waits longer has failed, and says so quickly. */
async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(5000);
  return { context, page: await context.newPage() };
}

async function open(page: Page, path: string, status = 200): Promise<void> {
  const response = await page.goto(server.baseUrl + path);
  assert.ok(response, `no response for ${path}`);
  assert.equal(response.status(), status, `${path} answered ${response.status()}`);
}

// Pages are checked three at a time, each in a tab of its own: axe's work runs in the browser's
// renderer processes, so this uses the cores the server leaves idle.
describe('accessibility: axe-core finds no violation on the main pages', { concurrency: 3 }, () => {
  let context: BrowserContext;
  before(async () => {
    ({ context } = await newPage());
  });
  after(() => context.close());

  for (const locale of ['en', 'ar'] as const) {
    for (const { name, path, status } of mainPages(locale)) {
      test(`${locale} ${name} (${path})`, async () => {
        const page = await context.newPage();
        try {
          await open(page, path, status);
          assert.equal(await page.getAttribute('html', 'lang'), locale);
          assert.equal(await page.getAttribute('html', 'dir'), locale === 'ar' ? 'rtl' : 'ltr');
          const results = await new AxeBuilder({ page }).analyze();
          const violations = results.violations.map(
            (violation) =>
              `${violation.id} (${violation.impact}): ${violation.help}\n` +
              violation.nodes.slice(0, 5).map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n')[1]?.trim() ?? ''}`).join('\n'),
          );
          assert.deepEqual(violations, [], `axe on ${path}:\n${violations.join('\n')}`);
          assert.ok(results.passes.length > 10, 'axe ran its rules');
        } finally {
          await page.close();
        }
      });
    }
  }
});

describe('accessibility: dark colour scheme and keyboard', () => {
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    ({ context, page } = await newPage({ colorScheme: 'dark' }));
  });
  after(() => context.close());

  for (const path of ['/en/', '/ar/instruments/bangkok-rules/rule-3', `/zh/documents/${enc('NO/SUCH/1')}`]) {
    test(`dark scheme: no violation on ${path}`, async () => {
      await page.goto(server.baseUrl + path);
      const { violations } = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`), []);
    });
  }

  test('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    await open(page, '/ar/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip');
    assert.ok(await page.locator('.skip').isVisible(), 'the focused skip link is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  });
});

describe('a reader with JavaScript off', () => {
  let context: BrowserContext;
  let page: Page;
  before(async () => {
    ({ context, page } = await newPage({ javaScriptEnabled: false }));
  });
  after(() => context.close());

  test('reads Bangkok Rule 3 through its permalink', async () => {
    await open(page, '/en/instruments/bangkok-rules/rule-3');
    const main = page.locator('main');
    assert.match(await main.innerText(), /The number and personal details of the children of a woman being admitted to prison shall be recorded/);
    assert.match(await page.locator('h1').innerText(), /3|Bangkok/);
  });

  test('follows a citation: the Bangkok Rules recall the Salvador Declaration, which is in NormHub', async () => {
    await open(page, `/en/documents/${enc(BANGKOK_DOCUMENT)}`);
    const citation = page.locator(`[id="recital-20"] a[href*="${enc('A/RES/65/230')}"], [id="recital-20"] a[href*="/instruments/salvador-declaration"]`).first();
    assert.equal(await citation.count(), 1, 'recital 20 links its citation of the Salvador Declaration inside NormHub');
    await Promise.all([page.waitForURL((url) => url.pathname !== `/en/documents/${enc(BANGKOK_DOCUMENT)}`), citation.click()]);
    assert.match(new URL(page.url()).pathname, /^\/en\/(documents\/A%2FRES%2F65%2F230|instruments\/salvador-declaration)/);
    assert.match(await page.locator('main').innerText(), /Salvador Declaration/);
  });

  test('follows a cross-reference: Bangkok Rule 5 supplements rules 15 and 16 of the Standard Minimum Rules, whose page says so', async () => {
    await open(page, '/en/instruments/bangkok-rules/rule-5');
    // to rule 15's own page, or to its place on the instrument's page while its text is not imported
    const reference = page.locator('main a[href$="/en/instruments/standard-minimum-rules/rule-15"], main a[href$="/en/instruments/standard-minimum-rules#rule-15"]').first();
    assert.equal(await reference.count(), 1, 'rule 5 links rule 15 of the Standard Minimum Rules');
    await Promise.all([page.waitForURL(/\/en\/instruments\/standard-minimum-rules(\/rule-15|#rule-15)/), reference.click()]);
    assert.ok((await page.locator('[id="rule-15"]').count()) === 1 || new URL(page.url()).pathname.endsWith('/rule-15'), 'the page shows rule 15');
    const back = page.locator('main a[href$="/en/instruments/bangkok-rules/rule-5"]');
    assert.ok((await back.count()) >= 1, 'the Standard Minimum Rules show that Bangkok Rule 5 supplements rule 15, with a link');
    await Promise.all([page.waitForURL(/\/en\/instruments\/bangkok-rules\/rule-5$/), back.first().click()]);
  });

  test('switches to Arabic and keeps its place', async () => {
    await open(page, '/en/instruments/bangkok-rules/rule-3');
    await Promise.all([page.waitForURL(/\/ar\//), page.locator('a[hreflang="ar"][lang="ar"]').first().click()]);
    assert.equal(new URL(page.url()).pathname, '/ar/instruments/bangkok-rules/rule-3');
    assert.equal(await page.getAttribute('html', 'lang'), 'ar');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // the interface is Arabic: the skip link and the search button
    assert.equal((await page.locator('.skip').textContent())?.trim(), 'انتقل إلى المحتوى الرئيسي');

    await open(page, `/en/documents/${enc(CORRUPTION)}`);
    await Promise.all([page.waitForURL(/\/ar\//), page.locator('a[hreflang="ar"][lang="ar"]').first().click()]);
    assert.equal(new URL(page.url()).pathname, `/ar/documents/${enc(CORRUPTION)}`);
  });

  for (const [locale, query] of [
    ['ar', ARABIC_QUERY],
    ['zh', CHINESE_QUERY],
  ] as const) {
    test(`searches in ${locale === 'ar' ? 'Arabic' : 'Chinese'} from the header's form and finds ${CORRUPTION}`, async () => {
      await open(page, `/${locale}/`);
      await page.locator('#site-search').fill(query);
      await Promise.all([page.waitForURL(/\/search\?/), page.locator('form[role="search"] button[type="submit"]').click()]);
      const url = new URL(page.url());
      assert.equal(url.pathname, `/${locale}/search`);
      assert.equal(url.searchParams.get('q'), query);
      const results = page.locator(`main a[href*="${enc(CORRUPTION)}"]`);
      assert.ok((await results.count()) >= 1, `a result links to ${CORRUPTION}`);
      assert.equal(await page.locator(`main a[href*="${enc(INTERPOL)}"]`).count(), 0, `${INTERPOL} does not match`);
      // a result leads to the provision, in the reader's language
      const href = (await results.first().getAttribute('href'))!;
      assert.match(href, new RegExp(`^/${locale}/documents/${enc(CORRUPTION)}/[a-z]`));
      await open(page, href);
      assert.match(await page.locator('main').innerText(), locale === 'ar' ? /الفساد/ : /腐败/);
    });
  }
});

describe('page size budget (docs/pages.md)', () => {
  // Bytes as sent to a browser that accepts gzip; HTML as written.
  const BUDGET_TYPICAL_GZIP = 30 * 1024;
  const BUDGET_FRAME_GZIP = 14 * 1024;
  const typical = ['home', 'catalogue of instruments', 'instrument', 'provision permalink', 'clusters', 'search results', 'document provision', 'document reader'];

  for (const locale of ['en', 'ar'] as const) {
    test(`${locale}: every main page within budget, self-contained, no script`, async (t) => {
      const lines: string[] = [];
      const problems: string[] = [];
      for (const { name, path, status } of mainPages(locale)) {
        const plain = await fetch(server.baseUrl + path, { headers: { 'accept-encoding': 'identity' }, redirect: 'manual' });
        const html = await plain.text();
        const sent = await bytesSent(server.baseUrl + path, 'gzip');
        lines.push(`${name.padEnd(28)} ${String(Buffer.byteLength(html)).padStart(8)} B html ${String(sent.bytes).padStart(7)} B gzip  ${path}`);
        if (plain.status !== status) problems.push(`${path} answered ${plain.status}`);
        if (sent.encoding !== 'gzip') problems.push(`${path} is not sent compressed`);
        if (/<script\b/i.test(html)) problems.push(`${path} has a script`);
        if (/<link\b[^>]*rel="?stylesheet|<(img|iframe|video|audio|source)\b[^>]*src="?(https?:)?\/\//i.test(html)) problems.push(`${path} loads an outside asset`);
        if (typical.includes(name) && sent.bytes > BUDGET_TYPICAL_GZIP) problems.push(`${path}: ${sent.bytes} B gzip, over ${BUDGET_TYPICAL_GZIP}`);
        if (name === 'page not found' && sent.bytes > BUDGET_FRAME_GZIP) problems.push(`the frame (${path}): ${sent.bytes} B gzip, over ${BUDGET_FRAME_GZIP}`);
      }
      for (const line of lines) t.diagnostic(line);
      assert.deepEqual(problems, []);
    });
  }
});
