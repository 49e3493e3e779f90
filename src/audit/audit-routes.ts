// The audit log over HTTP, for administrators only:
//
//   GET /:locale/admin/audit   the page (filters as a GET form)
//   GET /api/admin/audit       JSON: { entries: [{ id, at, actor: { userId, label, role }, action,
//                              entityType, entityId, stateCode, before, after, ip, changes }],
//                              total, page, pageSize, pages, filters }
//
// Both take ?actor=&action=&entityType=&entityId=&state=&from=&to=&page= (dates YYYY-MM-DD, UTC,
// both ends included). A refused filter gives 400: the page again with what was typed and an
// error summary, or a problem (code "audit.invalid") listing each field's problem.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { allowRoles } from '../http/access.ts';
import { localeOfRequest } from '../http/error-handler.ts';
import { featureTranslator, isLocale, translatorFor, type Locale } from '../i18n/i18n.ts';
import { auditQuerySchema, filtersOfQuery } from './audit.ts';
import { diffFields } from './audit-logic.ts';
import { AUDIT_MESSAGES, type AuditMessageKey } from './audit-messages.ts';
import { listAuditLog } from './audit-service.ts';
import { AUDIT_FORM_FIELDS, renderAuditPage, type AuditFormValues } from './views/audit-page.ts';
import type { FieldProblem } from './views/admin-parts.ts';

const ADMINS = allowRoles(['admin']);

/** What was typed, as strings (a repeated parameter counts by its first value). */
function formValues(query: Record<string, unknown>): AuditFormValues & { page: string } {
  const text = (name: string) => {
    const value = query[name];
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : '';
  };
  return {
    actor: text('actor'),
    action: text('action'),
    entityType: text('entityType'),
    entityId: text('entityId'),
    state: text('state'),
    from: text('from'),
    to: text('to'),
    page: text('page'),
  };
}

/** The filters, or each field's problem in the reader's language. */
function readQuery(query: Record<string, unknown>, locale: Locale) {
  const values = formValues(query);
  const parsed = auditQuerySchema.safeParse({ ...values, page: values.page || undefined });
  if (parsed.success) return { values, query: parsed.data, problems: [] as Array<FieldProblem & { name: string }> };
  const t = featureTranslator(AUDIT_MESSAGES, locale);
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '');
    const known = ['too_long', 'bad_date', 'bad_state', 'bad_range', 'bad_page'].includes(issue.message);
    return {
      name,
      field: (AUDIT_FORM_FIELDS as string[]).includes(name) ? `audit-${name}` : '',
      message: t(`error.${known ? issue.message : 'bad_page'}` as AuditMessageKey),
    };
  });
  return { values, query: null, problems };
}

export function registerAuditRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  app.get<{ Params: { locale: string } }>('/:locale/admin/audit', ADMINS, async (request, reply) => {
    const locale = request.params.locale;
    if (!isLocale(locale)) throw new AppError('page.not_found', `There is no interface language "${locale}".`);
    const { values, query, problems } = readQuery(request.query as Record<string, unknown>, locale);
    // Administrators' pages name people and what they did: never kept by a browser or a proxy.
    reply.type('text/html; charset=utf-8').header('content-language', locale).header('cache-control', 'no-store');
    if (!query) return reply.code(400).send(renderAuditPage({ locale, values, result: null, problems }));
    const result = await listAuditLog({ db }, { filters: filtersOfQuery(query), page: query.page });
    return reply.send(renderAuditPage({ locale, values, result, problems: [] }));
  });

  app.get('/api/admin/audit', ADMINS, async (request: FastifyRequest, reply: FastifyReply) => {
    const locale = localeOfRequest(request);
    const { query, problems } = readQuery(request.query as Record<string, unknown>, locale);
    reply.header('cache-control', 'no-store');
    if (!query) {
      const t = featureTranslator(AUDIT_MESSAGES, locale);
      return reply
        .code(400)
        .header('content-language', locale)
        .type('application/problem+json; charset=utf-8')
        .send({
          type: 'about:blank',
          title: translatorFor(locale)('error.badRequest.title'),
          status: 400,
          code: 'audit.invalid',
          detail: t('error.invalid', { problems: problems.map((problem) => problem.message).join(' ') }),
          problems: problems.map(({ name, message }) => ({ field: name, message })),
          instance: request.url.length > 500 ? `${request.url.slice(0, 500)}…` : request.url,
        });
    }
    const filters = filtersOfQuery(query);
    const result = await listAuditLog({ db }, { filters, page: query.page });
    return {
      ...result,
      entries: result.entries.map((entry) => ({ ...entry, changes: diffFields(entry.before, entry.after) })),
      filters,
    };
  });
}
