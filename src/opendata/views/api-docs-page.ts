// The API reference as a plain server-rendered page: every operation of the OpenAPI document
// with its parameters and responses, readable with JavaScript off. The interactive reference
// (Swagger UI) is linked from it.

import { html, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, type Locale } from '../../i18n/i18n.ts';
import { OPENDATA_MESSAGES } from '../opendata-messages.ts';
import type { OpenApiDocument } from '../openapi.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { enum?: unknown[]; type?: unknown };
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<Parameter | { $ref: string }>;
  responses?: Record<string, { description?: string; $ref?: string }>;
}

function resolve<T>(document: OpenApiDocument, value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value && typeof value.$ref === 'string') {
    let target: unknown = document;
    for (const part of value.$ref.replace(/^#\//, '').split('/')) target = (target as Record<string, unknown>)?.[part];
    return target as T;
  }
  return value as T;
}

export function operationAnchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

export function renderApiDocsPage({ locale, document, interactiveUrl }: { locale: Locale; document: OpenApiDocument; interactiveUrl: string | null }): string {
  const t = featureTranslator(OPENDATA_MESSAGES, locale);
  const operations: Array<{ method: string; path: string; operation: Operation }> = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown>)[method] as Operation | undefined;
      if (operation) operations.push({ method, path, operation });
    }
  }
  const renderParameters = (parameters: Parameter[]): SafeHtml | null =>
    parameters.length
      ? html`<table><caption>${t('docs.parameters')}</caption><thead><tr><th scope="col">${t('docs.parameter')}</th><th scope="col">${t('docs.where')}</th><th scope="col" lang="en" dir="ltr">Description</th></tr></thead><tbody>${parameters.map(
          (parameter) =>
            html`<tr><td><code>${parameter.name}</code>${parameter.required ? html` (${t('docs.required')})` : ''}</td><td><code>${parameter.in}</code></td><td lang="en" dir="ltr">${
              parameter.description ?? ''
            }${Array.isArray(parameter.schema?.enum) ? html` <code>${parameter.schema.enum.join(' | ')}</code>` : ''}</td></tr>`,
        )}</tbody></table>`
      : null;
  const body = html`<h1>${t('docs.title')}</h1>
<p>${t('docs.intro')}</p>
<ul>
<li><a href="/api/openapi.json" type="application/json">${t('docs.openapi')}</a></li>
${interactiveUrl ? html`<li><a href="${interactiveUrl}">${t('docs.interactive')}</a></li>` : ''}
</ul>
<p>${t('docs.descriptionLanguage')}</p>
<nav aria-labelledby="operations-heading"><h2 id="operations-heading">${t('docs.operations')}</h2><ul>${operations.map(
    ({ method, path, operation }) =>
      html`<li><a href="#${operationAnchor(method, path)}"><code dir="ltr">${method.toUpperCase()} ${path}</code></a> <span lang="en" dir="ltr">${operation.summary ?? ''}</span></li>`,
  )}</ul></nav>
${operations.map(({ method, path, operation }) => {
    const parameters = (operation.parameters ?? []).map((parameter) => resolve<Parameter>(document, parameter)).filter(Boolean);
    const responses = Object.entries(operation.responses ?? {}).map(([status, response]) => [status, resolve<{ description?: string }>(document, response)] as const);
    return html`<section id="${operationAnchor(method, path)}" aria-labelledby="${operationAnchor(method, path)}-h">
<h2 id="${operationAnchor(method, path)}-h"><code dir="ltr">${method.toUpperCase()} ${path}</code></h2>
<div lang="en" dir="ltr">${operation.summary ? html`<p><strong>${operation.summary}</strong></p>` : ''}${operation.description ? html`<p>${operation.description}</p>` : ''}</div>
${renderParameters(parameters)}
<h3>${t('docs.responses')}</h3>
<dl class="meta">${responses.map(([status, response]) => html`<dt><code>${status}</code></dt><dd lang="en" dir="ltr">${response?.description ?? ''}</dd>`)}</dl>
</section>`;
  })}`;
  return renderPage({ locale, title: t('docs.title'), body, localePath: (other) => `/api/docs?lang=${other}` });
}
