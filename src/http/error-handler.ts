// The one place errors become responses: an AppError's code gives the status (httpStatusFor),
// /api/* gets an RFC 9457 problem (application/problem+json), every other address a page; both
// in the reader's language (the URL's locale, else ?lang, else Accept-Language). Nothing internal
// (stack, SQL, paths) ever reaches the client. Addresses Fastify cannot even route (broken
// percent-encoding, over-long parameters) and absurdly long addresses are answered the same way.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor } from '../errors.ts';
import { featureTranslator, isLocale, negotiateLocale, translatorFor, type Locale, type MessageKey } from '../i18n/i18n.ts';
import { isCsrfFailure } from './csrf.ts';
import { html } from './html.ts';
import { HTTP_MESSAGES } from './http-messages.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { compressForClient } from './compression.ts';
import { renderPage } from './layout.ts';

/**
 * The longest address (path and query) answered: a search of a few hundred words fits many times
 * over. Longer ones get 414. The HTTP server must accept headers of this size for the page to
 * be sent at all (`http: { maxHeaderSize: MAX_HEADER_BYTES }` in buildApp); Node's default of
 * 16 KiB otherwise answers a bare 431 with no body before the application sees the request.
 */
export const MAX_URL_LENGTH = 8192;
export const MAX_HEADER_BYTES = 64 * 1024;

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/api?');
}

/** ?lang=xx of the raw address, read without decoding anything that could fail. */
function langParameter(url: string): string | null {
  const query = url.indexOf('?');
  if (query < 0) return null;
  const match = /(?:^|&)lang=([a-zA-Z]{2,3})(?:&|$)/.exec(url.slice(query + 1));
  return match ? match[1]!.toLowerCase() : null;
}

/**
 * The locale of the URL prefix (/fr/...), else ?lang (for /api/*), else the best fit for the
 * browser's languages.
 */
export function localeOfRequest(request: FastifyRequest): Locale {
  const prefix = request.url.split('/')[1]?.split('?')[0];
  if (isLocale(prefix)) return prefix;
  const lang = langParameter(request.url);
  if (isLocale(lang)) return lang;
  return negotiateLocale(request.headers['accept-language']);
}

interface ErrorAnswer {
  status: number;
  code: string;
  /** English, for logs and for English-speaking API clients */
  detail: string;
  params: Record<string, unknown>;
  /** the fields of a refused form, given back so that nothing typed is lost */
  typed?: Array<[string, string]>;
}

/** Fields never given back: the form's token, and anything secret. */
const UNRETURNED_FIELD = /^_csrf$|password|passphrase|secret|token|^confirmation$/i;

/** What a person typed into a posted form, less secrets and empty fields. */
function typedFields(body: unknown): Array<[string, string]> {
  if (!body || typeof body !== 'object') return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([name, value]) =>
    UNRETURNED_FIELD.test(name)
      ? []
      : (Array.isArray(value) ? value : [value])
          .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
          .map((item): [string, string] => [name, item]),
  );
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError | Error, request, reply) => {
    let status: number;
    let code: string;
    let params: Record<string, unknown> = {};
    if (isCsrfFailure(error)) {
      request.log.info({ code: (error as FastifyError).code }, 'request refused: CSRF token missing or invalid');
      // A form that can be shown again is, with what was typed; anything else gets a page that says why.
      const reshowForm = request.routeOptions.config?.reshowForm;
      reply.code(403).header('cache-control', 'no-store');
      if (reshowForm && !isApiRequest(request)) {
        const shown = await reshowForm(request, reply, featureTranslator(HTTP_MESSAGES, localeOfRequest(request))('error.csrf.reshown'));
        if (shown !== false) return reply;
      }
      return sendError(request, reply, { status: 403, code: 'csrf.forbidden', detail: 'The form has expired or did not come from this site (CSRF token missing or invalid).', params: {} });
    }
    if (error instanceof AppError && error.code === 'auth.unauthenticated' && isPageRead(request)) {
      // A page asked for without a session: sign in first, then come back here.
      const locale = localeOfRequest(request);
      return reply.code(303).header('cache-control', 'no-store').redirect(`/${locale}/login?next=${encodeURIComponent(request.url)}`, 303);
    }
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
    if (status === 413) code = 'request.too_large';
    if (status === 429 && Number(params.retryAfter) > 0) reply.header('retry-after', String(Math.ceil(Number(params.retryAfter))));
    // Only errors we raised on purpose, and the client's own mistakes, say what went wrong.
    const detail = status >= 500 ? 'The request could not be completed because of an error on the server.' : error.message;
    const typed = code === 'auth.unauthenticated' && params.formPosted ? typedFields(request.body) : [];
    return sendError(request, reply, { status, code, detail, params, typed });
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, { status: 404, code: 'route.not_found', detail: `There is nothing at ${request.method} ${request.url.slice(0, 200)}.`, params: {} }),
  );

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.length > MAX_URL_LENGTH) {
      request.log.info({ length: request.url.length }, 'request refused: address too long');
      return sendError(request, reply, {
        status: 414,
        code: 'request.uri_too_long',
        detail: `The address is longer than ${MAX_URL_LENGTH} characters.`,
        params: { max: MAX_URL_LENGTH },
      });
    }
  });
}

/**
 * Fastify's `frameworkErrors` option: addresses its router refuses before any route or hook runs
 * (a broken percent-encoding such as /en/documents/%E0%A4%A, a parameter over maxParamLength).
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, { https = false }: { https?: boolean } = {}): void {
  request.log.info({ code: error.code }, 'request refused by the router');
  // No hook runs on this path: compress here, and set the security headers every other answer has.
  setSecurityHeaders(request, reply, { https });
  const direct = { compress: true };
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendError(request, reply, { status: 414, code: 'request.uri_too_long', detail: 'A part of the address is too long.', params: { max: MAX_URL_LENGTH } }, direct);
    return;
  }
  const badUrl = error.code === 'FST_ERR_BAD_URL';
  void sendError(request, reply, {
    status: badUrl ? 400 : 500,
    code: badUrl ? 'request.bad_url' : 'server.error',
    detail: badUrl ? 'The address is not valid: it contains a broken percent-encoding.' : 'The request could not be completed because of an error on the server.',
    params: {},
  }, direct);
}

/** A GET (or HEAD) of a page, which a browser may simply be sent elsewhere for. */
function isPageRead(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !isApiRequest(request) && isLocale(request.url.split('/')[1]?.split('?')[0]);
}

/** Title and text of the page or problem, in the reader's language. */
function localisedMessages(locale: Locale, { status, code, params }: ErrorAnswer, api: boolean): { title: string; text: string } {
  const t = translatorFor(locale);
  const h = featureTranslator(HTTP_MESSAGES, locale);
  if (status === 401) return { title: h('error.unauthenticated.title'), text: h('error.unauthenticated.text') };
  if (code === 'csrf.forbidden') return { title: h('error.csrf.title'), text: h('error.csrf.text') };
  if (status === 403) return { title: h('error.forbidden.title'), text: h('error.forbidden.text') };
  if (status === 413) return { title: h('error.tooLarge.title'), text: h('error.tooLarge.text') };
  if (status === 429) return { title: h('error.rateLimited.title'), text: h('error.rateLimited.text', { minutes: Math.max(1, Math.ceil(Number(params.retryAfter) / 60) || 1) }) };
  if (status === 404) {
    const text =
      code === 'document.not_found' && typeof params.symbol === 'string' && params.symbol
        ? t('error.documentNotFound.text', { symbol: params.symbol })
        : t(api ? 'problem.notFound.text' : 'error.notFound.text');
    return { title: t(api ? 'problem.notFound.title' : 'error.notFound.title'), text };
  }
  if (status === 414) return { title: t('error.uriTooLong.title'), text: t('error.uriTooLong.text', { max: Number(params.max) || MAX_URL_LENGTH }) };
  if (status < 500) {
    const text: MessageKey = code === 'request.bad_url' ? 'error.badUrl.text' : 'error.badRequest.text';
    return { title: t('error.badRequest.title'), text: t(text) };
  }
  return { title: t('error.server.title'), text: t('error.server.text') };
}

async function sendError(request: FastifyRequest, reply: FastifyReply, answer: ErrorAnswer, { compress = false } = {}) {
  const locale = localeOfRequest(request);
  const api = isApiRequest(request);
  const { title, text } = localisedMessages(locale, answer, api);
  reply.code(answer.status).header('content-language', locale).header('cache-control', 'no-store');
  const send = async (payload: string) => reply.send(compress ? await compressForClient(request, reply, payload) : payload);
  if (api) {
    reply.type('application/problem+json; charset=utf-8');
    return send(JSON.stringify({
      type: 'about:blank',
      title,
      status: answer.status,
      // the stable code is what a program should test; title and detail are for people
      code: answer.code,
      // English readers get the precise reason; others the same in their language, less precisely
      detail: locale === 'en' && answer.status < 500 ? answer.detail : text,
      instance: request.url.length > 500 ? `${request.url.slice(0, 500)}…` : request.url,
    }));
  }
  const h = featureTranslator(HTTP_MESSAGES, locale);
  const signIn = answer.status === 401 ? html`<p><a href="/${locale}/login">${h('account.signIn')}</a></p>
` : '';
  // A form whose session ended on the way: its text, to copy before signing in again.
  const typed = answer.typed?.length
    ? html`<section aria-labelledby="typed"><h2 id="typed">${h('error.unauthenticated.typedHeading')}</h2>
<p>${h('error.unauthenticated.typedText')}</p>
${answer.typed.map(([name, value], index) => html`<p><label for="typed-${index}">${name}</label><br><textarea id="typed-${index}" readonly rows="${Math.min(12, value.split('\n').length + 1)}" cols="60">${value}</textarea></p>
`)}</section>
`
    : '';
  const body = html`<h1>${title}</h1>
<p>${text}</p>
${typed}${signIn}<p><a href="/${locale}/">${translatorFor(locale)('error.backHome')}</a></p>`;
  reply.type('text/html; charset=utf-8');
  return send(renderPage({ locale, title, body }));
}
