// HTTP of the compendium reader: the catalogue, the clusters, instruments and provision
// permalinks, as pages and as JSON.

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import type { DocumentNode } from '../importer/document.ts';
import { listCategories, listClusters } from './catalogue.ts';
import { findImportedSymbols } from './reader-store.ts';
import { listCatalogue, readInstrument, readProvision, type InstrumentReading } from './reader-service.ts';
import { instrumentPath, renderCataloguePage, renderClusterPage, renderClustersPage, renderInstrumentPage, renderProvisionPage } from './views/reader-pages.ts';
import { PUBLIC } from '../http/access.ts';

const MAX_ID_LENGTH = 120;

function localeParam(value: string): Locale {
  if (!isLocale(value)) throw new AppError('page.not_found', `There is no interface language "${value}".`);
  return value;
}

function idParam(value: string, code = 'instrument.not_found'): string {
  if (!value || value.length > MAX_ID_LENGTH || !/^[a-z0-9-]+$/.test(value)) throw new AppError(code, 'No instrument has this id.', { instrument: value?.slice(0, 60) });
  return value;
}

function optionalText(value: unknown, pattern: RegExp, max = 200): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= max && pattern.test(value) ? value : null;
}

interface ReaderQuery {
  from?: string;
  lang?: string;
  compare?: string;
  category?: string;
}

function readerInput(query: ReaderQuery) {
  return {
    symbol: optionalText(query.from, /^[^\u0000-\u001f]+$/),
    language: optionalText(query.lang, /^[a-z]{2,3}$/),
    compare: optionalText(query.compare, /^[^\u0000-\u001f]+$/),
  };
}

function queryString(input: ReturnType<typeof readerInput>): string {
  const parts: string[] = [];
  if (input.symbol) parts.push(`from=${encodeURIComponent(input.symbol)}`);
  if (input.language) parts.push(`lang=${encodeURIComponent(input.language)}`);
  if (input.compare) parts.push(`compare=${encodeURIComponent(input.compare)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function nodeJson(node: DocumentNode, attachmentId: string, canonical: Map<string, string>): unknown {
  const full = node.id.startsWith(attachmentId + '/') ? node.id.slice(attachmentId.length + 1) : node.id;
  return {
    path: canonical.get(full) ?? full,
    fullPath: full,
    nodeId: node.id,
    kind: node.kind,
    num: node.num ?? null,
    heading: node.heading ?? null,
    text: node.text ?? null,
    notes: node.notes ?? [],
    refs: node.refs ?? [],
    children: node.children.map((child) => nodeJson(child, attachmentId, canonical)),
  };
}

function instrumentJson(reading: InstrumentReading) {
  const { instrument, text } = reading;
  return {
    instrument,
    texts: reading.texts.map((summary) => ({
      symbol: summary.symbol,
      language: summary.language,
      nodeId: summary.nodeId,
      primary: summary.isPrimary,
      adopted: summary.adopted,
    })),
    text: text
      ? {
          symbol: text.summary.symbol,
          language: text.summary.language,
          heading: text.attachment.heading ?? null,
          provisions: text.attachment.children.map((child) => nodeJson(child, text.attachment.id, text.index.canonical)),
        }
      : null,
    crossReferences: {
      incoming: reading.incoming.map((ref) => ({
        provision: ref.provision,
        relation: ref.relation,
        from: { instrument: ref.sourceInstrumentId, provision: ref.sourcePath, symbol: ref.symbol, nodeId: ref.nodeId },
        text: ref.text,
      })),
    },
    explanations: Object.fromEntries(reading.explanations),
    comparison: reading.comparison
      ? { from: reading.comparison.from.symbol, to: reading.comparison.to.symbol, parts: reading.comparison.parts }
      : null,
  };
}

export function registerReaderRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  const ctx = { db };

  app.get<{ Params: { locale: string }; Querystring: ReaderQuery }>('/:locale/instruments', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const category = listCategories().find((candidate) => candidate.id === request.query.category) ?? null;
    const entries = await listCatalogue(ctx);
    const symbols = entries.flatMap((entry) => entry.instrument.adoptions.map((adoption) => adoption.symbol).filter((s): s is string => !!s));
    const importedSymbols = await findImportedSymbols(db, symbols);
    return reply.type('text/html; charset=utf-8').send(renderCataloguePage({ locale, entries, category, importedSymbols }));
  });

  app.get<{ Params: { locale: string } }>('/:locale/clusters', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    return reply.type('text/html; charset=utf-8').send(renderClustersPage({ locale, entries: await listCatalogue(ctx) }));
  });

  app.get<{ Params: { locale: string; cluster: string } }>('/:locale/clusters/:cluster', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const cluster = listClusters().find((candidate) => candidate.id === request.params.cluster);
    if (!cluster) throw new AppError('cluster.not_found', 'No cluster has this id.');
    return reply.type('text/html; charset=utf-8').send(renderClusterPage({ locale, cluster, entries: await listCatalogue(ctx) }));
  });

  app.get<{ Params: { locale: string; id: string }; Querystring: ReaderQuery }>('/:locale/instruments/:id', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const id = idParam(request.params.id);
    const input = readerInput(request.query);
    const reading = await readInstrument(ctx, { id, locale, ...input });
    return reply.type('text/html; charset=utf-8').send(renderInstrumentPage({ locale, reading, query: queryString(input) }));
  });

  app.get<{ Params: { locale: string; id: string; '*': string }; Querystring: ReaderQuery }>('/:locale/instruments/:id/*', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const id = idParam(request.params.id);
    const address = request.params['*'];
    if (!address || address.length > 300) throw new AppError('provision.not_found', 'No provision has this address.');
    const input = readerInput(request.query);
    const reading = await readProvision(ctx, { id, locale, address, ...input });
    const given = address.replace(/^\/+|\/+$/g, '');
    if (given !== reading.canonical) return reply.redirect(instrumentPath(locale, id, reading.canonical, queryString({ ...input, compare: null })), 301);
    return reply.type('text/html; charset=utf-8').send(renderProvisionPage({ locale, reading }));
  });

  app.get('/api/instruments', PUBLIC, async () => {
    const entries = await listCatalogue(ctx);
    return {
      instruments: entries.map(({ instrument, languages }) => ({
        id: instrument.id,
        name: instrument.name,
        shortNames: instrument.shortNames,
        adoptions: instrument.adoptions,
        body: instrument.body,
        year: instrument.year,
        supersedes: instrument.supersedes,
        supersededBy: instrument.supersededBy,
        category: instrument.category,
        clusters: instrument.clusters,
        textLanguages: languages,
      })),
    };
  });

  app.get('/api/clusters', PUBLIC, async () => {
    const entries = await listCatalogue(ctx);
    return {
      categories: listCategories().map((category) => ({
        ...category,
        instruments: entries.filter((entry) => entry.instrument.category === category.id).map((entry) => entry.instrument.id),
      })),
      clusters: listClusters().map((cluster) => ({
        ...cluster,
        instruments: entries.filter((entry) => entry.instrument.clusters.includes(cluster.id)).map((entry) => entry.instrument.id),
      })),
    };
  });

  app.get<{ Params: { id: string }; Querystring: ReaderQuery }>('/api/instruments/:id', PUBLIC, async (request) => {
    const id = idParam(request.params.id);
    return instrumentJson(await readInstrument(ctx, { id, locale: readerInput(request.query).language ?? 'en', ...readerInput(request.query) }));
  });

  app.get<{ Params: { id: string; '*': string }; Querystring: ReaderQuery }>('/api/instruments/:id/*', PUBLIC, async (request) => {
    const id = idParam(request.params.id);
    const input = readerInput(request.query);
    const address = request.params['*'];
    if (!address || address.length > 300) throw new AppError('provision.not_found', 'No provision has this address.');
    const reading = await readProvision(ctx, { id, locale: input.language ?? 'en', address, ...input });
    const text = reading.text!;
    return {
      instrument: { id: reading.instrument.id, name: reading.instrument.name },
      path: reading.canonical,
      fullPath: reading.path,
      text: { symbol: text.summary.symbol, language: text.summary.language },
      provision: nodeJson(reading.node, text.attachment.id, text.index.canonical),
      breadcrumb: reading.ancestors.map((entry) => ({ path: entry.canonical, num: entry.node.num ?? null, heading: entry.node.heading ?? null })),
      previous: reading.previous?.canonical ?? null,
      next: reading.next?.canonical ?? null,
      footnotes: text.footnotes.filter((footnote) => (reading.node.notes ?? []).some((note) => note.marker === footnote.marker)),
      crossReferences: {
        outgoing: reading.crossReferences,
        incoming: reading.incoming
          .filter((ref) => ref.provision === reading.canonical || ref.provision === reading.path)
          .map((ref) => ({ relation: ref.relation, from: { instrument: ref.sourceInstrumentId, provision: ref.sourcePath, symbol: ref.symbol } })),
      },
      explanation: reading.explanations.get(reading.path) ?? null,
    };
  });
}
