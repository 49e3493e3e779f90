// Reading pages and the read-only JSON API for imported documents.

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { listDocumentSummaries, readDocument } from './documents-service.ts';
import { renderDocumentPage } from './views/document-page.ts';
import { renderHomePage } from './views/home-page.ts';

const MAX_SYMBOL_LENGTH = 200;

function localeParam(value: string): Locale {
  if (!isLocale(value)) throw new AppError('page.not_found', `There is no interface language "${value}".`);
  return value;
}

function symbolParam(value: string): string {
  const symbol = value.trim();
  if (!symbol || symbol.length > MAX_SYMBOL_LENGTH) throw new AppError('document.not_found', 'No document has this symbol.', { symbol });
  return symbol;
}

function languageQuery(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^[a-z]{2,3}$/.test(value)) {
    throw new AppError('request.invalid', 'The lang parameter must be a language code such as en or fr.');
  }
  return value;
}

export function registerDocumentRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get<{ Params: { locale: string } }>('/:locale', async (request, reply) => {
    return reply.redirect(`/${localeParam(request.params.locale)}/`);
  });

  app.get<{ Params: { locale: string } }>('/:locale/', async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const documents = await listDocumentSummaries({ db }, { preferred: locale });
    return reply.type('text/html; charset=utf-8').send(renderHomePage({ locale, documents }));
  });

  app.get<{ Params: { locale: string; symbol: string }; Querystring: { lang?: string } }>(
    '/:locale/documents/:symbol',
    async (request, reply) => {
      const locale = localeParam(request.params.locale);
      const symbol = symbolParam(request.params.symbol);
      let asked: string | null = null;
      try {
        asked = languageQuery(request.query.lang);
      } catch {
        asked = null; // a damaged link still shows the document
      }
      let found;
      try {
        found = await readDocument({ db }, { symbol, language: asked, preferred: locale });
      } catch (error) {
        // A link to a language version that does not exist still leads to the document.
        if (!(asked && error instanceof AppError && error.params.language)) throw error;
        found = await readDocument({ db }, { symbol, preferred: locale });
      }
      const { document, languages } = found;
      return reply.type('text/html; charset=utf-8').send(renderDocumentPage({ locale, document, languages }));
    },
  );

  // Symbols contain slashes; a reader who types them unencoded (/en/documents/A/RES/65/230)
  // is sent to the address with the symbol as one encoded segment.
  app.get<{ Params: { locale: string; '*': string } }>('/:locale/documents/*', async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const symbol = symbolParam(request.params['*']);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${locale}/documents/${encodeURIComponent(symbol)}${query}`, 301);
  });

  app.get('/api/documents', async () => {
    const summaries = await listDocumentSummaries({ db }, { preferred: 'en' });
    return {
      documents: summaries.map(({ symbol, shown, languages }) => ({
        symbol,
        title: shown.title,
        body: shown.body,
        adopted: shown.adopted,
        type: shown.type,
        partOf: shown.partOf,
        languages,
      })),
    };
  });

  const readApiDocument = async (rawSymbol: string, lang: unknown) => {
    const symbol = symbolParam(rawSymbol);
    const { document, languages } = await readDocument({ db }, { symbol, language: languageQuery(lang), preferred: 'en' });
    return { ...document, languages };
  };
  app.get<{ Params: { symbol: string }; Querystring: { lang?: string } }>('/api/documents/:symbol', (request) =>
    readApiDocument(request.params.symbol, request.query.lang),
  );
  app.get<{ Params: { '*': string }; Querystring: { lang?: string } }>('/api/documents/*', (request) =>
    readApiDocument(request.params['*'], request.query.lang),
  );
}
