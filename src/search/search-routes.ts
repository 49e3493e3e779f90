// Search over HTTP: GET /api/search (JSON) and /{locale}/search (the page).
//
// GET /api/search?q=&lang=&kind=&symbol=&instrument=&cluster=&category=&body=&from=&to=&page=
// answers 200 with a SearchResponse (src/search/search.ts):
//   { query, filters, total, totalExact, page, pageSize, pages, facets: { languages: {en: 3}, kinds: {rule: 2} },
//     suggestion, correctedFrom,
// (past 1,000 matches, MAX_COUNTED, total is 1000 and totalExact false: "more than 1,000")
//     results: [{ symbol, language, nodeId, kind, num, heading, snippetHtml, documentTitle, adopted, body, url, rank }] }
// and 400 application/problem+json, its detail in the language of Accept-Language, for an
// empty or too long query, an unknown language or kind, a bad year or page, a page past the cap
// (code "search.invalid", reason "queryTooLong", "pageTooFar"...).

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { localeOfRequest } from '../http/error-handler.ts';
import { featureTranslator, isLocale, translatorFor, type Locale } from '../i18n/i18n.ts';
import { parseSearchInput, type SearchProblem } from './search-logic.ts';
import { SEARCH_MESSAGES } from './search-messages.ts';
import { searchCorpus } from './search-service.ts';
import type { SearchFilters } from './search.ts';
import { renderSearchPage } from './views/search-page.ts';
import { PUBLIC } from '../http/access.ts';

function problemMessage(problem: SearchProblem, locale: Locale): string {
  const t = featureTranslator(SEARCH_MESSAGES, locale);
  const { reason, ...params } = problem;
  return t(`error.${reason}`, params as Record<string, string | number>);
}

const NO_FILTERS: SearchFilters = {
  language: null,
  symbol: null,
  instrument: null,
  cluster: null,
  category: null,
  body: null,
  yearFrom: null,
  yearTo: null,
  kinds: [],
};

export function registerSearchRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get('/api/search', PUBLIC, async (request, reply) => {
    const locale = localeOfRequest(request);
    const parsed = parseSearchInput(request.query as Record<string, unknown>, { requireQuery: true });
    if (!parsed.ok) {
      // Answered here rather than thrown: the shared handler words a 400 generically outside
      // English, and a reader who typed too much should be told what, in their language.
      return reply
        .code(400)
        .header('content-language', locale)
        .header('cache-control', 'no-store')
        .type('application/problem+json; charset=utf-8')
        .send({
          type: 'about:blank',
          title: translatorFor(locale)('error.badRequest.title'),
          status: 400,
          code: 'search.invalid',
          reason: parsed.problem.reason,
          detail: problemMessage(parsed.problem, locale),
          instance: request.url.length > 500 ? `${request.url.slice(0, 500)}…` : request.url,
        });
    }
    const response = await searchCorpus({ db, locale }, parsed.input);
    reply.header('cache-control', 'public, max-age=60');
    return response;
  });

  app.get<{ Params: { locale: string } }>('/:locale/search', PUBLIC, async (request, reply) => {
    const locale = request.params.locale;
    if (!isLocale(locale)) throw new AppError('page.not_found', `There is no interface language "${locale}".`);
    const raw = request.query as Record<string, unknown>;
    const typed = typeof raw.q === 'string' && raw.q.trim() !== '';
    const parsed = parseSearchInput(raw, { requireQuery: typed });
    reply.type('text/html; charset=utf-8').header('content-language', locale);
    if (!parsed.ok) {
      return reply
        .code(400)
        .send(renderSearchPage({ locale, query: parsed.query, filters: NO_FILTERS, response: null, error: problemMessage(parsed.problem, locale) }));
    }
    const { query, page: _page, ...filters } = parsed.input;
    const response = typed ? await searchCorpus({ db, locale }, parsed.input) : null;
    return reply.send(renderSearchPage({ locale, query, filters, response, error: null }));
  });
}
