// The outbox over HTTP, for administrators only:
//
//   GET /:locale/admin/outbox        the messages, newest first (?kind=&to=&page=)
//   GET /:locale/admin/outbox/:id    one message: its headers and text (the HTML as escaped source)

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { allowRoles } from '../http/access.ts';
import { featureTranslator, isLocale } from '../i18n/i18n.ts';
import { outboxQuerySchema } from './mail.ts';
import { MAIL_MESSAGES } from './mail-messages.ts';
import { findOutboxMessage, listOutbox } from './mail-service.ts';
import { renderOutboxMessagePage, renderOutboxPage } from './views/outbox-pages.ts';

const ADMINS = allowRoles(['admin']);

function firstText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

export function registerMailRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get<{ Params: { locale: string } }>('/:locale/admin/outbox', ADMINS, async (request, reply) => {
    const locale = request.params.locale;
    if (!isLocale(locale)) throw new AppError('page.not_found', `There is no interface language "${locale}".`);
    const query = request.query as Record<string, unknown>;
    const values = { kind: firstText(query.kind), to: firstText(query.to) };
    // The outbox holds invitation and reset links: never kept by a browser or a proxy.
    reply.type('text/html; charset=utf-8').header('content-language', locale).header('cache-control', 'no-store');
    const parsed = outboxQuerySchema.safeParse({ ...values, page: firstText(query.page) || undefined });
    if (!parsed.success) {
      const t = featureTranslator(MAIL_MESSAGES, locale);
      const problems = parsed.error.issues.map((issue) =>
        issue.path[0] === 'page' ? { field: '', message: t('error.badPage') } : { field: `outbox-${String(issue.path[0])}`, message: t('error.tooLong') },
      );
      return reply.code(400).send(renderOutboxPage({ locale, values, result: null, problems }));
    }
    const { page, ...filters } = parsed.data;
    const result = await listOutbox({ db }, { filters, page });
    return reply.send(renderOutboxPage({ locale, values, result, problems: [] }));
  });

  app.get<{ Params: { locale: string; id: string } }>('/:locale/admin/outbox/:id', ADMINS, async (request, reply) => {
    const locale = request.params.locale;
    if (!isLocale(locale)) throw new AppError('page.not_found', `There is no interface language "${locale}".`);
    const message = await findOutboxMessage({ db }, request.params.id);
    reply.type('text/html; charset=utf-8').header('content-language', locale).header('cache-control', 'no-store');
    return reply.send(renderOutboxMessagePage({ locale, message }));
  });
}
