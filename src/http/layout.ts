// The frame of every page: language and direction, a skip link, the site's navigation with a
// search form that works without JavaScript, the language switcher that keeps the reader's place,
// one <main>. The budget for the frame is in docs/pages.md and is measured by a test.

import type { FastifyInstance } from 'fastify';
import { AUTONYMS, featureTranslator, isLocale, LOCALES, textDirection, translatorFor, type Locale } from '../i18n/i18n.ts';
import type { Actor } from './access.ts';
import { CSRF_FIELD } from './csrf.ts';
import { html, unsafeRaw, type SafeHtml } from './html.ts';
import { STATES_MESSAGES } from '../states/states-messages.ts';
import { HTTP_MESSAGES } from './http-messages.ts';

// Small on purpose: readers on slow connections get the page in one response, with no other
// request for a stylesheet, a font or a script. Colours keep a contrast of at least 4.5:1 in
// both schemes; focus is always visible; print drops the frame and keeps the text.
const STYLE = unsafeRaw(
  `:root{color-scheme:light dark;--bg:#fff;--text:#1b1b1b;--accent:#0b5fa5;--muted:#595959;--error:#b00020;--line:#8886;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif;line-height:1.5}
body{margin:0;padding:0 1rem;background:var(--bg);color:var(--text)}
header,main,footer{max-width:60rem;margin:0 auto}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
main:focus{outline:none}
.skip{position:absolute;inset-inline-start:-999rem}
.skip:focus{position:static;display:inline-block;padding:.5rem}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem;padding:.75rem 0;border-bottom:1px solid var(--line)}
header ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
[aria-current]{font-weight:600}
form[role=search]{display:flex;gap:.25rem}
input,button{font:inherit}
input[type=search]{min-width:0;width:12rem;padding:.2rem .4rem}
.account{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem;margin:0}
.field{display:flex;flex-direction:column;gap:.2rem;max-width:30rem}
.field input,.field select{padding:.3rem .4rem}
.hint{color:var(--muted)}
.error{color:var(--error);font-weight:600}
.problems,.notice{border-inline-start:4px solid var(--accent);padding:.25rem .75rem;margin:1rem 0}
.problems{border-color:var(--error)}
button{padding:.2rem .6rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;vertical-align:top;padding:.4rem;border-bottom:1px solid var(--line)}
.num{font-weight:600;margin-inline-end:.4em}
.node{margin-inline-start:1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
.meta dd{margin:0}
footer{padding:1rem 0;color:var(--muted);border-top:1px solid var(--line);margin-top:2rem}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--text:#e8e8e8;--accent:#7db8ff;--muted:#b0b0b0;--error:#ff8a80}}
@media print{header,.skip,footer,form{display:none}body{padding:0;font-size:11pt;background:#fff;color:#000}a{color:inherit}main{max-width:none}section,.node{break-inside:avoid-page}}`,
);

export interface PageOptions {
  locale: Locale;
  title: string;
  body: SafeHtml;
  /**
   * The same page in another locale (keep the query string: /ar/search?q=…); the home page of
   * that locale by default. Its value for the page's own locale is the page's own address, which
   * marks the current section in the navigation.
   */
  localePath?: (locale: Locale) => string;
  /** the words in the header's search box (the search page passes the query it shows) */
  searchQuery?: string;
}

/** The longest query the header's search box accepts; the search page may refuse less. */
export const SEARCH_INPUT_MAX_LENGTH = 500;

function sectionLinks(locale: Locale, current: string, t: ReturnType<typeof translatorFor>): SafeHtml[] {
  const path = current.split(/[?#]/)[0]!;
  const sections: Array<{ href: string; label: string; isCurrent: boolean }> = [
    { href: `/${locale}/`, label: t('nav.home'), isCurrent: path === `/${locale}/` || path.startsWith(`/${locale}/documents/`) },
    { href: `/${locale}/instruments`, label: t('nav.instruments'), isCurrent: path === `/${locale}/instruments` || path.startsWith(`/${locale}/instruments/`) },
    { href: `/${locale}/clusters`, label: t('nav.clusters'), isCurrent: path === `/${locale}/clusters` || path.startsWith(`/${locale}/clusters/`) },
    { href: `/${locale}/states`, label: STATES_MESSAGES[locale]['nav.states'], isCurrent: path === `/${locale}/states` || path.startsWith(`/${locale}/states/`) },
  ];
  // aria-current="page" only on the section's own index; "true" inside it (a document, a rule).
  return sections.map(
    ({ href, label, isCurrent }) =>
      html`<li><a href="${href}"${isCurrent ? html` aria-current="${path === href ? 'page' : 'true'}"` : ''}>${label}</a></li>`,
  );
}

export function renderPage({ locale, title, body, localePath = (other) => `/${other}/`, searchQuery }: PageOptions): string {
  const t = translatorFor(locale);
  const switcher = LOCALES.map((other) =>
    other === locale
      ? html`<li><span aria-current="true" lang="${other}" dir="${textDirection(other)}">${AUTONYMS[other]}</span></li>`
      : html`<li><a href="${localePath(other)}" lang="${other}" dir="${textDirection(other)}" hreflang="${other}">${AUTONYMS[other]}</a></li>`,
  );
  return html`<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · NormHub</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#main">${t('nav.skip')}</a>
<header>
<a class="brand" href="/${locale}/">NormHub</a>
<nav aria-label="${t('nav.main')}"><ul>${sectionLinks(locale, localePath(locale), t)}</ul></nav>
<form role="search" method="get" action="/${locale}/search"><label class="vh" for="site-search">${t('search.label')}</label><input id="site-search" type="search" name="q" maxlength="${SEARCH_INPUT_MAX_LENGTH}" value="${searchQuery ?? ''}"><button type="submit">${t('search.submit')}</button></form>
<nav aria-label="${t('nav.languages')}"><ul>${switcher}</ul></nav>
${ACCOUNT_SLOT}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer><p>${t('site.tagline')}. ${t('footer.source')}</p></footer>
</body>
</html>
`.value;
}

// ---------------------------------------------------------------------------------------------
// The account area of the header: "Sign in", or the account's name and a sign-out button. It
// depends on who asks, not on the page, so renderPage leaves a slot that the HTTP layer fills
// for every HTML answer (registerAccountArea): no route has to pass the actor to its page, and
// none can forget to. The slot is a comment that escaped text can never produce.

const ACCOUNT_SLOT_MARKER = '<!--normhub:account-->';
const ACCOUNT_SLOT = unsafeRaw(ACCOUNT_SLOT_MARKER);

// Pages whose address must not travel in a `next` parameter (they hold a token) or that are the sign-in itself.
const NO_RETURN_PATH = /^\/[a-z]{2}\/(login|logout|invitations\/|password-reset)/;

export function renderAccountArea({ locale, actor, csrfToken, currentPath }: { locale: Locale; actor: Actor | null; csrfToken: () => string; currentPath: string | null }): SafeHtml {
  const t = featureTranslator(HTTP_MESSAGES, locale);
  if (!actor) {
    const next = currentPath && !NO_RETURN_PATH.test(currentPath) ? `?next=${encodeURIComponent(currentPath)}` : '';
    return html`<p class="account"><a href="/${locale}/login${next}">${t('account.signIn')}</a></p>`;
  }
  return html`<form class="account" method="post" action="/${locale}/logout" aria-label="${t('account.area')}"><a href="/${locale}/account">${actor.name}</a><input type="hidden" name="${CSRF_FIELD}" value="${csrfToken()}"><button type="submit">${t('account.signOut')}</button></form>`;
}

/** Fills the account slot of every HTML page (register it before compression). */
export function registerAccountArea(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || !String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
    const at = payload.indexOf(ACCOUNT_SLOT_MARKER);
    if (at < 0) return payload;
    const locale = /^<!doctype html>\n<html lang="([a-z]{2})"/.exec(payload)?.[1];
    const area = renderAccountArea({
      locale: isLocale(locale) ? locale : 'en',
      actor: request.actor ?? null,
      csrfToken: () => request.csrfToken(),
      // back here after signing in: only from a page that was found, and whose address is of a sensible length
      currentPath: request.method === 'GET' && reply.statusCode === 200 && request.url.length <= 1000 ? request.url : null,
    });
    return payload.slice(0, at) + area.value + payload.slice(at + ACCOUNT_SLOT_MARKER.length);
  });
}

// Compression moved to ./compression.ts; these names stay importable from here for existing callers.
export { chooseEncoding, compressForClient, registerResponseCompression } from './compression.ts';
