// `/{locale}/documents/{encodedSymbol}/compare?base=en&with=ar`: two language versions of a
// document side by side, aligned by node id (compare-logic.ts). A language that is not a
// language at all is a 400, one the document lacks a 404: both are this page, in the reader's
// language, with the form to choose again.

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { alignVersions } from './compare-logic.ts';
import { readDocument } from './documents-service.ts';
import type { DocumentWithTree } from './documents-store.ts';
import { renderComparePage, type CompareProblem, type CompareView } from './views/compare-page.ts';
import { PUBLIC } from '../http/access.ts';

const MAX_SYMBOL_LENGTH = 200;
/** an unknown code is quoted back to the reader; a long one only in part */
const MAX_QUOTED_CODE = 20;

function localeParam(value: string): Locale {
  if (!isLocale(value)) throw new AppError('page.not_found', `There is no interface language "${value}".`);
  return value;
}

function symbolParam(value: string): string {
  const symbol = value.trim();
  if (!symbol || symbol.length > MAX_SYMBOL_LENGTH) throw new AppError('document.not_found', 'No document has this symbol.', { symbol });
  return symbol;
}

type LanguageChoice = { ok: true; language: string | null } | { ok: false; code: string };

/** A query value as a language code: absent or empty is null; anything not a code is refused. */
function languageChoice(value: unknown): LanguageChoice {
  if (value === undefined || value === '') return { ok: true, language: null };
  if (typeof value !== 'string') return { ok: false, code: Array.isArray(value) ? value.map(String).join(',').slice(0, MAX_QUOTED_CODE) : '' };
  const code = value.trim().toLowerCase();
  if (code === '') return { ok: true, language: null };
  // The six official languages are the only ones documents are imported in (importer.ts).
  if (!isLocale(code)) return { ok: false, code: value.slice(0, MAX_QUOTED_CODE) };
  return { ok: true, language: code };
}

/** The first of the candidates that the document has and that is not `except`. */
function firstAvailable(languages: string[], candidates: Array<string | null>, except: string | null): string | null {
  for (const candidate of candidates) if (candidate && candidate !== except && languages.includes(candidate)) return candidate;
  return languages.find((language) => language !== except) ?? null;
}

export function registerCompareRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get<{ Params: { locale: string; symbol: string }; Querystring: Record<string, unknown> }>(
    '/:locale/documents/:symbol/compare',
    PUBLIC,
    async (request, reply) => {
      const locale = localeParam(request.params.locale);
      const symbol = symbolParam(request.params.symbol);
      // Unknown symbol: document.not_found, a 404 page in the reader's language (error-handler.ts).
      const first = await readDocument({ db }, { symbol, preferred: locale });
      const languages = first.languages;
      const send = (status: number, view: Omit<CompareView, 'locale' | 'symbol' | 'languages'>) =>
        reply
          .code(status)
          .type('text/html; charset=utf-8')
          .send(renderComparePage({ locale, symbol, languages, ...view }));

      const askedBase = languageChoice(request.query.base);
      const askedOther = languageChoice(request.query.with);
      const defaultBase = firstAvailable(languages, [locale, 'en'], null);
      const refuse = (status: number, problem: CompareProblem) =>
        send(status, { base: askedBase.ok && askedBase.language && languages.includes(askedBase.language) ? askedBase.language : defaultBase, other: null, problem });

      for (const choice of [askedBase, askedOther]) {
        if (!choice.ok) return refuse(400, { kind: 'unknownLanguage', code: choice.code });
      }
      const baseAsked = askedBase.ok ? askedBase.language : null;
      const otherAsked = askedOther.ok ? askedOther.language : null;
      for (const asked of [baseAsked, otherAsked]) {
        if (asked && !languages.includes(asked)) return refuse(404, { kind: 'missingVersion', language: asked });
      }
      if (languages.length === 1) return send(200, { base: languages[0]!, other: null, problem: { kind: 'singleLanguage', language: languages[0]! } });
      if (baseAsked && baseAsked === otherAsked) return send(400, { base: baseAsked, other: otherAsked, problem: { kind: 'sameLanguage', language: baseAsked } });

      // Defaults: the first column in the page's language, else English; the second in English
      // when the first is not, else the first other language there is.
      const base = baseAsked ?? firstAvailable(languages, [locale, 'en'], otherAsked)!;
      const other = otherAsked ?? firstAvailable(languages, ['en'], base)!;
      const load = async (language: string): Promise<DocumentWithTree> =>
        language === first.document.language ? first.document : (await readDocument({ db }, { symbol, language, preferred: locale })).document;
      const [baseDocument, otherDocument] = await Promise.all([load(base), load(other)]);
      return send(200, {
        base,
        other,
        comparison: { baseDocument, otherDocument, rows: alignVersions(baseDocument.root, otherDocument.root) },
      });
    },
  );
}
