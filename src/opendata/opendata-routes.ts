// HTTP for open data: the compendium archive per language, the Atom feed of newly imported
// documents, the OpenAPI document, and the API reference (a plain page and Swagger UI).

import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { localeOfRequest } from '../http/error-handler.ts';
import { etagMatches, isCompendiumLanguage, notModifiedSince, weakEtag, type CompendiumLanguage } from './opendata-logic.ts';
import { createArchiveCache, readArchiveValidators, renderDocumentsFeed } from './opendata-service.ts';
import { buildOpenApiDocument, fastifyPathsFor, type OpenApiDocument } from './openapi.ts';
import { renderApiDocsPage } from './views/api-docs-page.ts';
import { declareScopeAccess, PUBLIC } from '../http/access.ts';

export const INTERACTIVE_REFERENCE_PREFIX = '/api/docs/ui';

// The same policy as the application's pages (src/app.ts), which its onSend hook does not apply under /api/.
const PAGE_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
// Swagger UI: its own scripts and styles (files, no inline script), the specification fetched
// from the same origin, the logo as a data: image; React sets style attributes, hence 'unsafe-inline' for styles.
export const INTERACTIVE_REFERENCE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Host names and ports as RFC 3986 allows them; anything else in Host is refused rather than written into links. */
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * Scheme and host for absolute links. Fastify's request.protocol and request.host read
 * X-Forwarded-Proto and X-Forwarded-Host only when the app is built with trustProxy; otherwise
 * they are the connection's scheme and the Host header.
 */
function requestOrigin(request: FastifyRequest): { origin: string; authority: string } {
  const host = request.host;
  if (!host || !HOST.test(host)) throw new AppError('request.invalid', 'The Host header is not a valid host name.');
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  const authority = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return { origin: `${protocol}://${host.toLowerCase()}`, authority };
}

function languageQuery(value: unknown): CompendiumLanguage | null {
  if (value === undefined || value === '') return null;
  if (!isCompendiumLanguage(value)) throw new AppError('request.invalid', 'The lang parameter must be one of ar, en, es, fr, ru, zh.');
  return value;
}

/** Answers 304 and returns true when the client's copy is current. */
function answerNotModified(request: FastifyRequest, reply: FastifyReply, { etag, lastModified }: { etag: string; lastModified: Date | null }): boolean {
  reply.header('etag', etag);
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
  const ifNoneMatch = request.headers['if-none-match'];
  const fresh = ifNoneMatch !== undefined
    ? etagMatches(ifNoneMatch, etag)
    : lastModified !== null && notModifiedSince(request.headers['if-modified-since'], lastModified);
  if (fresh) reply.code(304).send();
  return fresh;
}

export function registerOpenDataRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  const ctx = { db, log: { info: (message: string) => app.log.info(message), warn: (message: string) => app.log.warn(message) } };
  const compendiumArchive = createArchiveCache();

  app.get<{ Params: { lang: string } }>('/api/compendium/:lang.zip', PUBLIC, async (request, reply) => {
    const language = request.params.lang;
    if (!isCompendiumLanguage(language)) {
      throw new AppError('compendium.not_found', `There is no compendium in "${language.slice(0, 20)}"; the languages are ar, en, es, fr, ru and zh.`);
    }
    const validators = await readArchiveValidators(ctx, { language });
    // Clients and caches may keep the archive, but must ask whether it is still current.
    reply.header('cache-control', 'public, no-cache');
    if (answerNotModified(request, reply, validators)) return reply;
    const archive = await compendiumArchive(ctx, { language, validators });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="normhub-compendium-${language}.zip"`)
      .header('content-length', archive.bytes.length)
      .send(Buffer.from(archive.bytes.buffer, archive.bytes.byteOffset, archive.bytes.byteLength));
  });

  app.get<{ Querystring: { lang?: string } }>('/feeds/documents.atom', PUBLIC, async (request, reply) => {
    const language = languageQuery(request.query.lang);
    const { origin, authority } = requestOrigin(request);
    const { xml, lastModified } = await renderDocumentsFeed(ctx, { language, origin, authority });
    reply.header('cache-control', 'public, max-age=300');
    reply.header('vary', 'Host, X-Forwarded-Host, X-Forwarded-Proto');
    if (answerNotModified(request, reply, { etag: weakEtag('feed', xml), lastModified })) return reply;
    return reply.type('application/atom+xml; charset=utf-8').send(xml);
  });

  // The served document describes only what this application has registered (routes are all
  // known once it is ready, so it is computed once).
  let served: OpenApiDocument | null = null;
  const servedDocument = (): OpenApiDocument => {
    if (served) return served;
    const document = buildOpenApiDocument();
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of Object.keys(item)) {
        const registered = fastifyPathsFor(path).some((url) => app.hasRoute({ method: method.toUpperCase() as 'GET', url }));
        if (!registered) delete item[method];
      }
      if (Object.keys(item).length === 0) delete document.paths[path];
    }
    const usedTags = new Set(Object.values(document.paths).flatMap((item) => Object.values(item).flatMap((operation) => (operation as { tags?: string[] }).tags ?? [])));
    document.tags = (document.tags as Array<{ name: string }>).filter((tag) => usedTags.has(tag.name));
    served = document;
    return document;
  };

  app.get('/api/openapi.json', PUBLIC, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(servedDocument()));
  });

  app.get('/api/docs', PUBLIC, async (request, reply) => {
    const locale = localeOfRequest(request);
    reply.header('content-security-policy', PAGE_SECURITY_POLICY).header('referrer-policy', 'same-origin').header('content-language', locale);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderApiDocsPage({ locale, document: servedDocument(), interactiveUrl: `${INTERACTIVE_REFERENCE_PREFIX}/` }));
  });

  // Swagger UI serves the same document (its /json), from files of its own under /api/docs/ui/.
  // Its routes take no options of ours, so the scope that registers them declares them public.
  void app.register(async (scope) => {
    declareScopeAccess(scope, 'public');
    await scope.register(fastifySwagger, { mode: 'static', specification: { document: buildOpenApiDocument() as never } });
    await scope.register(fastifySwaggerUi, {
      routePrefix: INTERACTIVE_REFERENCE_PREFIX,
      staticCSP: INTERACTIVE_REFERENCE_POLICY,
      transformSpecification: () => servedDocument() as never,
      uiConfig: { deepLinking: true, docExpansion: 'list' },
      theme: { title: 'NormHub API' },
    });
  });
}
