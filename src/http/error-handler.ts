// The one place errors become responses: an AppError's code gives the status (httpStatusFor),
// /api/* gets an RFC 9457 problem (application/problem+json), every other address a page in
// the reader's language. Nothing internal (stack, SQL, paths) ever reaches the client.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor } from '../errors.ts';
import { isLocale, negotiateLocale, translatorFor, type Locale } from '../i18n/i18n.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

/** The locale of the URL prefix (/fr/...), else the best fit for the browser's languages. */
export function localeOfRequest(request: FastifyRequest): Locale {
  const prefix = request.url.split('/')[1]?.split('?')[0];
  return isLocale(prefix) ? prefix : negotiateLocale(request.headers['accept-language']);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    let status: number;
    let code: string;
    let params: Record<string, unknown> = {};
    if (error instanceof AppError) {
      status = httpStatusFor(error.code);
      code = error.code;
      params = error.params;
    } else {
      const fastifyError = error as FastifyError;
      const given = fastifyError.statusCode;
      status = given && given >= 400 && given < 500 ? given : 500;
      code = status === 500 ? 'server.error' : fastifyError.validation ? 'request.invalid' : `request.${fastifyError.code ?? 'invalid'}`;
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code, message: error.message }, 'request refused');
    // Only errors we raised on purpose, and the client's own mistakes, say what went wrong.
    const detail = status >= 500 ? 'The request could not be completed because of an error on the server.' : error.message;
    return sendError(request, reply, { status, code, detail, params });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, { status: 404, code: 'route.not_found', detail: `There is nothing at ${request.method} ${request.url}.`, params: {} }),
  );
}

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  { status, code, detail, params }: { status: number; code: string; detail: string; params: Record<string, unknown> },
) {
  reply.code(status);
  if (isApiRequest(request)) {
    return reply.type('application/problem+json; charset=utf-8').send({
      type: 'about:blank',
      title: STATUS_TITLES[status] ?? 'Error',
      status,
      code,
      detail,
      instance: request.url,
    });
  }
  const locale = localeOfRequest(request);
  const t = translatorFor(locale);
  let title: string;
  let text: string;
  if (status === 404) {
    title = t('error.notFound.title');
    text = code === 'document.not_found' && typeof params.symbol === 'string'
      ? t('error.documentNotFound.text', { symbol: params.symbol })
      : t('error.notFound.text');
  } else if (status < 500) {
    title = t('error.badRequest.title');
    text = t('error.badRequest.text');
  } else {
    title = t('error.server.title');
    text = t('error.server.text');
  }
  const body = html`<h1>${title}</h1>
<p>${text}</p>
<p><a href="/${locale}/">${t('error.backHome')}</a></p>`;
  return reply.type('text/html; charset=utf-8').send(renderPage({ locale, title, body }));
}
