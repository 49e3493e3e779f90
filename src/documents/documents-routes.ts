// Reading pages and the read-only JSON API for imported documents.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { instrumentPermalinkOfNode } from '../compendium/reader-service.ts';
import {
  EXPORT_FORMATS,
  exportDocument,
  findDocumentNode,
  importedCitedSymbols,
  listDocumentLanguages,
  listDocumentSummaries,
  readDocument,
  splitUnencodedAddress,
  type ExportFormat,
} from './documents-service.ts';
import { renderDocumentNodePage, renderDocumentPage } from './views/document-page.ts';
import { renderHomePage } from './views/home-page.ts';
import { PUBLIC } from '../http/access.ts';

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

function formatQuery(value: unknown): ExportFormat | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(value)) {
    throw new AppError('request.invalid', `The format parameter must be one of: ${EXPORT_FORMATS.join(', ')}.`);
  }
  return value as ExportFormat;
}

export function registerDocumentRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get<{ Params: { locale: string } }>('/:locale', PUBLIC, async (request, reply) => {
    return reply.redirect(`/${localeParam(request.params.locale)}/`);
  });

  app.get<{ Params: { locale: string } }>('/:locale/', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const documents = await listDocumentSummaries({ db }, { preferred: locale });
    return reply.type('text/html; charset=utf-8').send(renderHomePage({ locale, documents }));
  });

  app.get<{ Params: { locale: string; symbol: string }; Querystring: { lang?: string } }>(
    '/:locale/documents/:symbol',
    PUBLIC,
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
      const importedSymbols = await importedCitedSymbols({ db }, document);
      return reply.type('text/html; charset=utf-8').send(renderDocumentPage({ locale, document, languages, importedSymbols }));
    },
  );

  // One provision of a document. A node that belongs to an instrument's text is read at the
  // instrument's permalink; others are shown here. An unencoded symbol (/en/documents/A/RES/65/230,
  // with /compare or a node id after it) lands here too when its first segment is no symbol, and
  // is sent to the address with the symbol as one encoded segment.
  app.get<{ Params: { locale: string; symbol: string; '*': string }; Querystring: { lang?: string } }>(
    '/:locale/documents/:symbol/*',
    PUBLIC,
    async (request, reply) => {
      const locale = localeParam(request.params.locale);
      const symbol = symbolParam(request.params.symbol);
      const nodeId = request.params['*'].replace(/^\/+|\/+$/g, '');
      if ((await listDocumentLanguages({ db }, symbol)).length === 0) {
        const whole = symbolParam(`${symbol}/${request.params['*']}`);
        const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
        const found = await splitUnencodedAddress({ db }, whole);
        if (!found) return reply.redirect(`/${locale}/documents/${encodeURIComponent(whole)}${query}`, 301);
        const after = found.rest.length ? `/${found.rest.map(encodeURIComponent).join('/')}` : '';
        return reply.redirect(`/${locale}/documents/${encodeURIComponent(found.symbol)}${after}${query}`, 301);
      }
      if (!nodeId || nodeId.length > 300) throw new AppError('document.not_found', 'No such part of the document.', { symbol });
      let asked: string | null = null;
      try {
        asked = languageQuery(request.query.lang);
      } catch {
        asked = null;
      }
      const { document } = await readDocument({ db }, { symbol, language: asked, preferred: locale }).catch(() =>
        readDocument({ db }, { symbol, preferred: locale }),
      );
      const { node, ancestors } = findDocumentNode(document, nodeId);
      const permalink = await instrumentPermalinkOfNode({ db }, { symbol, language: document.language, nodeId });
      if (permalink) {
        const path = permalink.canonical ? `/${permalink.canonical.split('/').map(encodeURIComponent).join('/')}` : '';
        const query = permalink.isPrimary ? '' : `?from=${encodeURIComponent(symbol)}&lang=${encodeURIComponent(permalink.language)}`;
        return reply.redirect(`/${locale}/instruments/${encodeURIComponent(permalink.instrumentId)}${path}${query}`, 302);
      }
      const importedSymbols = await importedCitedSymbols({ db }, document);
      return reply.type('text/html; charset=utf-8').send(renderDocumentNodePage({ locale, document, node, ancestors, importedSymbols }));
    },
  );

  // Symbols contain slashes; a reader who types them unencoded (/en/documents/A/RES/65/230)
  // is sent to the address with the symbol as one encoded segment.
  app.get<{ Params: { locale: string; '*': string } }>('/:locale/documents/*', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const symbol = symbolParam(request.params['*']);
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${locale}/documents/${encodeURIComponent(symbol)}${query}`, 301);
  });

  app.get('/api/documents', PUBLIC, async () => {
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

  // ?format=akn (Akoma Ntoso XML) or ?format=json downloads the document as a file.
  const readApiDocument = async (rawSymbol: string, query: { lang?: string; format?: string }, reply: FastifyReply) => {
    const symbol = symbolParam(rawSymbol);
    const language = languageQuery(query.lang);
    const format = formatQuery(query.format);
    if (format) {
      const file = await exportDocument({ db }, { symbol, language, format });
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
    }
    const { document, languages } = await readDocument({ db }, { symbol, language, preferred: 'en' });
    return { ...document, languages };
  };
  app.get<{ Params: { symbol: string }; Querystring: { lang?: string; format?: string } }>('/api/documents/:symbol', PUBLIC, (request, reply) =>
    readApiDocument(request.params.symbol, request.query, reply),
  );
  app.get<{ Params: { '*': string }; Querystring: { lang?: string; format?: string } }>('/api/documents/*', PUBLIC, (request, reply) =>
    readApiDocument(request.params['*'], request.query, reply),
  );
}
