// The frame of every page: language and direction, a skip link, the language switcher, one <main>.

import { AUTONYMS, LOCALES, textDirection, translatorFor, type Locale } from '../i18n/i18n.ts';
import { html, unsafeRaw, type SafeHtml } from './html.ts';

// Small on purpose: readers on slow connections get the page in one response.
const STYLE = unsafeRaw(`
:root{color-scheme:light dark;--accent:#0b5fa5;font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif;line-height:1.5}
body{margin:0;padding:0 1rem}
header,main,footer{max-width:60rem;margin:0 auto}
a{color:var(--accent)}
.skip{position:absolute;inset-inline-start:-999rem}
.skip:focus{position:static}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;padding:.75rem 0;border-bottom:1px solid #8884}
header ul{list-style:none;display:flex;flex-wrap:wrap;gap:.75rem;margin:0;padding:0}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;vertical-align:top;padding:.4rem;border-bottom:1px solid #8884}
.num{font-weight:600;margin-inline-end:.4em}
.node{margin-inline-start:1rem}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
.meta dd{margin:0}
footer{padding:1rem 0;color:#666;border-top:1px solid #8884;margin-top:2rem}
@media (prefers-color-scheme:dark){:root{--accent:#7db8ff}footer{color:#aaa}}
`);

export interface PageOptions {
  locale: Locale;
  title: string;
  body: SafeHtml;
  /** the same page in another locale; the home page of that locale by default */
  localePath?: (locale: Locale) => string;
}

export function renderPage({ locale, title, body, localePath = (other) => `/${other}/` }: PageOptions): string {
  const t = translatorFor(locale);
  const switcher = LOCALES.map((other) =>
    other === locale
      ? html`<li><span aria-current="true" lang="${other}">${AUTONYMS[other]}</span></li>`
      : html`<li><a href="${localePath(other)}" lang="${other}" hreflang="${other}">${AUTONYMS[other]}</a></li>`,
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
<a href="/${locale}/">NormHub</a>
<nav aria-label="${t('nav.languages')}"><ul>${switcher}</ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer><p>${t('site.tagline')}. ${t('footer.source')}</p></footer>
</body>
</html>
`.value;
}
