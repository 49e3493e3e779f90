// The OpenAPI 3.1 description of NormHub's API, written by hand. It describes every agreed
// address (docs/architecture.md, the URL scheme); `servedOpenApiDocument` keeps only the paths the
// running application has registered, so the document never promises an address that answers 404.
// test/opendata/openapi.test.ts fails when the application registers an /api route that is not here.

import { EXPORT_FORMATS } from '../documents/documents-service.ts';
import { NODE_KINDS } from '../importer/document.ts';
import { COMPENDIUM_LANGUAGES } from './opendata-logic.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OpenApiDocument = { [key: string]: Json } & { paths: Record<string, Record<string, Json>> };

const LANGUAGES = [...COMPENDIUM_LANGUAGES];
const nullable = (type: string, extra: Record<string, Json> = {}): Json => ({ type: [type, 'null'], ...extra });
const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): Json => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const PROBLEMS: Record<string, Json> = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '414': { $ref: '#/components/responses/UriTooLong' },
  '500': { $ref: '#/components/responses/ServerError' },
};
const json = (schema: Json, description: string): Json => ({ description, content: { 'application/json': { schema } } });

const ADOPTED_EXAMPLE = '2010-12-21';

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'NormHub API',
      version: '1',
      summary: 'United Nations standards and norms in crime prevention and criminal justice, as data.',
      description:
        'Every imported document, instrument and provision of the compendium, in the six official languages of the United Nations. ' +
        'Answers are JSON unless stated otherwise. Errors are RFC 9457 problems (application/problem+json) with a stable `code`; ' +
        'their `title` and `detail` are in the language of `?lang=` or of the Accept-Language header. ' +
        'Documents are official documents of the United Nations.',
      license: { name: 'MIT (the software)', identifier: 'MIT' },
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'documents', description: 'Imported documents: their metadata, tree and footnotes, and downloads' },
      { name: 'instruments', description: 'The catalogue of standards and norms, and their provisions' },
      { name: 'clusters', description: 'The categories and priority clusters of ECOSOC resolution 2003/30' },
      { name: 'search', description: 'Full-text search over every provision' },
      { name: 'states', description: 'The Member States and observer States: codes, regional groups, M49 regions, names in the six languages' },
      { name: 'open data', description: 'Archives, feeds and this description' },
      { name: 'operations', description: 'For load balancers and monitoring' },
      { name: 'administration', description: 'For signed-in administrators only: the audit log of every write' },
    ],
    paths: {
      '/api/documents': {
        get: {
          tags: ['documents'],
          operationId: 'listDocuments',
          summary: 'List the imported documents',
          description: 'One entry per symbol, described in English when that version exists, with the languages it is available in.',
          responses: { '200': json(ref('DocumentList'), 'The documents'), ...PROBLEMS },
        },
      },
      '/api/documents/{symbol}': {
        get: {
          tags: ['documents'],
          operationId: 'getDocument',
          summary: 'Read one document, or download it as a file',
          description:
            'Without `format`: the document in the asked language (else English, else the first there is) with its tree and footnotes. ' +
            'With `format`: a file to download (`Content-Disposition: attachment`): `json` the document as the importer gives it, ' +
            '`akn` Akoma Ntoso 3.0 XML valid against the OASIS schema, `text` plain UTF-8 text (numbers, headings, notes as [1]).',
          parameters: [
            { $ref: '#/components/parameters/Symbol' },
            { $ref: '#/components/parameters/DocumentLanguage' },
            {
              name: 'format',
              in: 'query',
              required: false,
              description: 'Download format',
              schema: { type: 'string', enum: [...EXPORT_FORMATS] },
            },
          ],
          responses: {
            '200': {
              description: 'The document (JSON), or the file in the asked format',
              content: {
                'application/json': { schema: ref('StoredDocument') },
                'application/akn+xml': { schema: { type: 'string', description: 'Akoma Ntoso 3.0 XML' } },
                'text/plain': { schema: { type: 'string', description: 'The document as plain text' } },
              },
            },
            '404': problem('No document has this symbol, or not in the asked language (`code`: document.not_found)'),
            ...PROBLEMS,
          },
        },
      },
      '/api/instruments': {
        get: {
          tags: ['instruments'],
          operationId: 'listInstruments',
          summary: 'List the instruments of the compendium',
          description: 'The catalogue: every standard and norm with its adopting acts, body, year, category, clusters and what supersedes it.',
          parameters: [{ $ref: '#/components/parameters/InterfaceLanguage' }],
          responses: { '200': json(ref('InstrumentList'), 'The instruments'), ...PROBLEMS },
        },
      },
      '/api/instruments/{instrumentId}': {
        get: {
          tags: ['instruments'],
          operationId: 'getInstrument',
          summary: 'Read one instrument',
          description: 'The catalogue entry, the documents that carry its text, and its provisions.',
          parameters: [{ $ref: '#/components/parameters/InstrumentId' }, { $ref: '#/components/parameters/DocumentLanguage' }],
          responses: {
            '200': json(ref('Instrument'), 'The instrument'),
            '404': problem('No instrument has this id'),
            ...PROBLEMS,
          },
        },
      },
      '/api/instruments/{instrumentId}/{provisionPath}': {
        get: {
          tags: ['instruments'],
          operationId: 'getProvision',
          summary: 'Read one provision of an instrument',
          description: 'A rule, principle, article or paragraph by its permalink path (`rule-3`, `annex-1/para-4`), with its sub-nodes and footnotes.',
          parameters: [
            { $ref: '#/components/parameters/InstrumentId' },
            {
              name: 'provisionPath',
              in: 'path',
              required: true,
              description: 'The provision\'s id path inside the instrument; its slashes may be written as they are',
              schema: { type: 'string', examples: ['rule-3', 'sec-I/rule-22'] },
            },
            { $ref: '#/components/parameters/DocumentLanguage' },
          ],
          responses: {
            '200': json(ref('Provision'), 'The provision'),
            '404': problem('No such instrument, or no such provision in it'),
            ...PROBLEMS,
          },
        },
      },
      '/api/clusters': {
        get: {
          tags: ['clusters'],
          operationId: 'listClusters',
          summary: 'List the categories and priority clusters',
          description: 'The four categories of ECOSOC resolution 2003/30, paragraph 3, and the priority clusters of its annex, paragraph 8, with their instruments.',
          parameters: [{ $ref: '#/components/parameters/InterfaceLanguage' }],
          responses: { '200': json(ref('ClusterList'), 'The categories and clusters'), ...PROBLEMS },
        },
      },
      '/api/search': {
        get: {
          tags: ['search'],
          operationId: 'search',
          summary: 'Search every provision',
          description:
            'PostgreSQL full-text search in the language of each document (Chinese by characters), with phrases in double quotes, ' +
            'words to exclude with a leading minus, typo tolerance and highlighted snippets.',
          parameters: [
            { name: 'q', in: 'query', required: true, description: 'The words to find; "a phrase" in double quotes', schema: { type: 'string', maxLength: 256 } },
            { name: 'lang', in: 'query', required: false, description: 'Only documents in this language', schema: { type: 'string', enum: LANGUAGES } },
            { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 50, default: 1 } },
            { name: 'kind', in: 'query', required: false, description: 'Only provisions of these kinds (comma-separated)', schema: { type: 'string' } },
            { name: 'symbol', in: 'query', required: false, description: 'Only this document (or the report that carries it)', schema: { type: 'string' } },
            { name: 'instrument', in: 'query', required: false, description: 'Only this instrument (catalogue id)', schema: { type: 'string' } },
            { name: 'cluster', in: 'query', required: false, description: 'Only instruments of this cluster', schema: { type: 'string' } },
            { name: 'category', in: 'query', required: false, description: 'Only instruments of this category', schema: { type: 'string' } },
            { name: 'body', in: 'query', required: false, description: 'Only documents of this body ("General Assembly")', schema: { type: 'string' } },
            { name: 'from', in: 'query', required: false, description: 'Adopted in or after this year', schema: { type: 'integer', minimum: 1900, maximum: 2100 } },
            { name: 'to', in: 'query', required: false, description: 'Adopted in or before this year', schema: { type: 'integer', minimum: 1900, maximum: 2100 } },
          ],
          responses: { '200': json(ref('SearchResponse'), 'One page of results'), ...PROBLEMS },
        },
      },
      '/api/compendium/{lang}.zip': {
        get: {
          tags: ['open data'],
          operationId: 'downloadCompendium',
          summary: 'Download every document in one language as a zip archive',
          description:
            'For offline use: for each document (its current version) NAME.json, NAME.xml (Akoma Ntoso) and NAME.txt, ' +
            'with index.json and README.txt. Answers carry ETag and Last-Modified; send If-None-Match (or If-Modified-Since) to get 304 when nothing changed.',
          parameters: [
            { name: 'lang', in: 'path', required: true, description: 'Language of the documents', schema: { type: 'string', enum: LANGUAGES } },
            { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
            { name: 'If-Modified-Since', in: 'header', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The archive',
              headers: {
                ETag: { schema: { type: 'string' } },
                'Last-Modified': { schema: { type: 'string' } },
              },
              content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
            },
            '304': { description: 'The archive has not changed since the copy the client has' },
            '404': problem('Not one of the six languages'),
            ...PROBLEMS,
          },
        },
      },
      '/api/openapi.json': {
        get: {
          tags: ['open data'],
          operationId: 'getOpenApi',
          summary: 'This description of the API (OpenAPI 3.1)',
          responses: { '200': json({ type: 'object' }, 'The OpenAPI document') },
        },
      },
      '/api/docs': {
        get: {
          tags: ['open data'],
          operationId: 'getApiReference',
          summary: 'The API reference as a web page (no JavaScript needed), with a link to the interactive reference',
          parameters: [{ $ref: '#/components/parameters/InterfaceLanguage' }],
          responses: { '200': { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
        },
      },
      '/feeds/documents.atom': {
        get: {
          tags: ['open data'],
          operationId: 'getDocumentsFeed',
          summary: 'Atom feed of newly imported documents',
          description: 'The 50 documents imported or updated last, newest first; with `lang`, only documents in that language.',
          parameters: [{ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: LANGUAGES } }],
          responses: {
            '200': { description: 'An Atom 1.0 feed', content: { 'application/atom+xml': { schema: { type: 'string' } } } },
            '304': { description: 'The feed has not changed' },
            '400': { description: 'A language that is not one of the six (an HTML page)' },
          },
        },
      },
      '/api/states': {
        get: {
          tags: ['states'],
          operationId: 'listStates',
          summary: 'List the Member States and observer States',
          description:
            'The 193 Member States and the two non-member observer States, sorted by ISO 3166-1 alpha-3 code, with their United Nations ' +
            'regional group, M49 code and areas, and official short names in the six languages; the regional groups with their names.',
          parameters: [
            {
              name: 'group',
              in: 'query',
              required: false,
              description: 'Only the Member States of this regional group',
              schema: { type: 'string', enum: ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'western-european-other'] },
            },
            {
              name: 'status',
              in: 'query',
              required: false,
              description: 'Only Member States (`member`) or only non-member observer States (`observer`)',
              schema: { type: 'string', enum: ['member', 'observer'] },
            },
          ],
          responses: { '200': json(ref('StateList'), 'The States'), ...PROBLEMS },
        },
      },
      '/api/states/{code}': {
        get: {
          tags: ['states'],
          operationId: 'getState',
          summary: 'Read one State',
          parameters: [
            {
              name: 'code',
              in: 'path',
              required: true,
              description: 'ISO 3166-1 alpha-2 or alpha-3 code, in any case',
              schema: { type: 'string', pattern: '^[A-Za-z]{2,3}$', examples: ['BOL', 'bo'] },
            },
            { $ref: '#/components/parameters/InterfaceLanguage' },
          ],
          responses: {
            '200': json(ref('State'), 'The State'),
            '404': problem('No Member State or observer State has this code (`code`: state.not_found)'),
            ...PROBLEMS,
          },
        },
      },
      '/api/states/{code}/focal-point': {
        get: {
          tags: ['states'],
          operationId: 'getStateHasFocalPoint',
          summary: 'Whether a State has a national focal point',
          description:
            'Public: whether the State has at least one national focal point (the contact person of ECOSOC resolution 2003/30, annex, paragraph 11) ' +
            'with an active account. Who they are is for the Secretariat and the State itself (`/api/states/{code}/contacts`).',
          parameters: [
            { name: 'code', in: 'path', required: true, description: 'ISO 3166-1 alpha-2 or alpha-3 code, in any case', schema: { type: 'string', pattern: '^[A-Za-z]{2,3}$' } },
            { $ref: '#/components/parameters/InterfaceLanguage' },
          ],
          responses: {
            '200': json(
              { type: 'object', required: ['state', 'hasFocalPoint'], properties: { state: { type: 'string', pattern: '^[A-Z]{3}$' }, hasFocalPoint: { type: 'boolean' } } },
              'The answer',
            ),
            '404': problem('No Member State or observer State has this code (`code`: state.not_found)'),
            ...PROBLEMS,
          },
        },
      },
      '/api/states/{code}/contacts': {
        get: {
          tags: ['states'],
          operationId: 'listStateContacts',
          summary: 'The contact persons of a State (Secretariat; the State\'s own focal points and contributors)',
          description:
            'The national focal points and contributors of the State with an active account, focal points first. ' +
            'Signed-in only (session cookie): the Secretariat for every State, a focal point or contributor for their own State only.',
          parameters: [
            { name: 'code', in: 'path', required: true, description: 'ISO 3166-1 alpha-3 code', schema: { type: 'string', pattern: '^[A-Za-z]{3}$' } },
            { $ref: '#/components/parameters/InterfaceLanguage' },
          ],
          responses: {
            '200': json(
              {
                type: 'object',
                required: ['state', 'contacts'],
                properties: {
                  state: { type: 'string', pattern: '^[A-Z]{3}$' },
                  contacts: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['name', 'email', 'role', 'locale'],
                      properties: {
                        name: { type: 'string' },
                        email: { type: 'string', format: 'email' },
                        role: { enum: ['focal_point', 'contributor'] },
                        locale: { type: 'string', enum: LANGUAGES },
                      },
                    },
                  },
                },
              },
              'The contact persons',
            ),
            '401': problem('No session (`code`: auth.unauthenticated)'),
            '403': problem('The account may not see this State\'s contacts (`code`: auth.forbidden)'),
            '404': problem('No State has this code (`code`: state.not_found)'),
            ...PROBLEMS,
          },
        },
      },
      '/api/admin/audit': {
        get: {
          tags: ['administration'],
          operationId: 'listAuditEntries',
          summary: 'Read the audit log (administrators)',
          description:
            'Every write with who made it, when, to what, and its fields before and after, newest first, 50 a page. ' +
            'Administrators only: 401 without a session, 403 for other roles. Secrets (hashes, tokens) are never recorded.',
          parameters: [
            { name: 'actor', in: 'query', required: false, description: 'An account id, or part of the actor\'s label (email, `cli`, `seed`)', schema: { type: 'string', maxLength: 200 } },
            { name: 'action', in: 'query', required: false, description: 'An action (`user.invite`), or every action of a kind with a trailing dot or star (`user.`)', schema: { type: 'string', maxLength: 200 } },
            { name: 'entityType', in: 'query', required: false, schema: { type: 'string', maxLength: 200, examples: ['document', 'user'] } },
            { name: 'entityId', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } },
            { name: 'state', in: 'query', required: false, description: 'ISO 3166-1 alpha-3 code of the State concerned', schema: { type: 'string', pattern: '^[A-Za-z]{3}$' } },
            { name: 'from', in: 'query', required: false, description: 'First day (UTC), included', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: false, description: 'Last day (UTC), included', schema: { type: 'string', format: 'date' } },
            { name: 'page', in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
            { $ref: '#/components/parameters/InterfaceLanguage' },
          ],
          responses: {
            '200': json(ref('AuditPage'), 'The entries'),
            '400': problem('A filter is not valid (`code`: audit.invalid, with `problems`: [{ field, message }])'),
            '401': problem('No session (`code`: auth.unauthenticated)'),
            '403': problem('The account is not an administrator (`code`: auth.forbidden)'),
            '414': PROBLEMS['414']!,
            '500': PROBLEMS['500']!,
          },
        },
      },
      '/healthz': {
        get: {
          tags: ['operations'],
          operationId: 'getHealth',
          summary: 'Readiness',
          description: '503 with status "starting" while the first-start import runs, "unavailable" when the database does not answer.',
          responses: {
            '200': json(
              { type: 'object', required: ['status', 'documents'], properties: { status: { const: 'ok' }, documents: { type: 'integer' } } },
              'Ready',
            ),
            '503': json({ type: 'object', required: ['status'], properties: { status: { enum: ['starting', 'unavailable'] } } }, 'Not ready'),
          },
        },
      },
    },
    components: {
      parameters: {
        Symbol: {
          name: 'symbol',
          in: 'path',
          required: true,
          description: 'The document symbol, percent-encoded as one segment (A%2FRES%2F65%2F230); unencoded slashes are accepted too',
          schema: { type: 'string', maxLength: 200, examples: ['A/RES/65/230', 'E/RES/2012/13'] },
        },
        DocumentLanguage: {
          name: 'lang',
          in: 'query',
          required: false,
          description: 'The language version to read (ar, en, es, fr, ru, zh)',
          schema: { type: 'string', pattern: '^[a-z]{2,3}$' },
        },
        InterfaceLanguage: {
          name: 'lang',
          in: 'query',
          required: false,
          description: 'The language of names, labels and error messages',
          schema: { type: 'string', enum: LANGUAGES },
        },
        InstrumentId: {
          name: 'instrumentId',
          in: 'path',
          required: true,
          description: 'The catalogue id of the instrument',
          schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', examples: ['bangkok-rules', 'standard-minimum-rules'] },
        },
      },
      responses: {
        BadRequest: problem('A parameter is not valid (`code`: request.invalid or a more precise one)'),
        UriTooLong: problem('The address is too long (`code`: request.uri_too_long)'),
        ServerError: problem('An error on the server; nothing internal is disclosed'),
      },
      schemas: {
        Problem: {
          type: 'object',
          description: 'RFC 9457 problem details',
          required: ['type', 'title', 'status', 'code'],
          properties: {
            type: { type: 'string', const: 'about:blank' },
            title: { type: 'string', description: 'In the reader\'s language' },
            status: { type: 'integer' },
            code: { type: 'string', description: 'Stable code to test in programs: document.not_found, request.invalid, ...' },
            detail: { type: 'string' },
            instance: { type: 'string' },
          },
        },
        DocumentSummary: {
          type: 'object',
          required: ['symbol', 'languages'],
          properties: {
            symbol: { type: 'string', examples: ['A/RES/65/230'] },
            title: nullable('string'),
            body: nullable('string', { examples: ['General Assembly'] }),
            adopted: nullable('string', { format: 'date', examples: [ADOPTED_EXAMPLE] }),
            type: nullable('string'),
            partOf: nullable('string'),
            languages: { type: 'array', items: { type: 'string' } },
          },
        },
        DocumentList: {
          type: 'object',
          required: ['documents'],
          properties: { documents: { type: 'array', items: ref('DocumentSummary') } },
        },
        ImportedDocument: {
          type: 'object',
          description: 'A document as the importer gives it (docs/import-format.md)',
          required: ['symbol', 'title', 'body', 'adopted', 'language', 'root', 'footnotes'],
          properties: {
            symbol: nullable('string'),
            title: nullable('string'),
            body: nullable('string'),
            adopted: nullable('string', { format: 'date' }),
            language: nullable('string', { enum: [...LANGUAGES, null] }),
            meeting: nullable('string'),
            type: nullable('string', { enum: ['resolution', 'decision', 'draftResolution', 'draftDecision', 'report', 'declaration', 'other', null] }),
            partOf: nullable('string'),
            root: ref('Node'),
            footnotes: { type: 'array', items: ref('Footnote') },
          },
        },
        StoredDocument: {
          description: 'A stored document: its current version, with the languages its symbol is available in',
          allOf: [
            ref('ImportedDocument'),
            {
              type: 'object',
              required: ['symbol', 'language', 'version', 'updatedAt', 'languages'],
              properties: {
                symbol: { type: 'string' },
                language: { type: 'string' },
                version: { type: 'integer', minimum: 1 },
                updatedAt: { type: 'string', format: 'date-time' },
                languages: { type: 'array', items: { type: 'string' } },
              },
            },
          ],
        },
        Node: {
          type: 'object',
          description: 'A node of the document tree; kinds follow Akoma Ntoso',
          required: ['kind', 'id', 'children'],
          properties: {
            kind: { type: 'string', enum: [...NODE_KINDS] },
            id: { type: 'string', description: 'Stable id path, "" for the root', examples: ['annex-1/sec-I/rule-3/para-1'] },
            num: nullable('string', { description: 'The number as printed: "1.", "(a)", "Rule 3"' }),
            heading: nullable('string'),
            text: nullable('string', { description: 'The text, footnote markers removed' }),
            notes: { type: 'array', items: ref('NoteRef') },
            refs: { type: 'array', items: ref('Reference') },
            children: { type: 'array', items: ref('Node') },
          },
        },
        NoteRef: {
          type: 'object',
          description: 'A footnote marker: `at` is the offset in the text (or heading) just after which it stood',
          required: ['marker', 'at'],
          properties: {
            marker: { type: 'string' },
            at: { type: 'integer', minimum: 0 },
            field: { type: 'string', enum: ['text', 'heading'] },
          },
        },
        Footnote: {
          type: 'object',
          required: ['marker', 'text'],
          properties: {
            marker: { type: 'string' },
            text: nullable('string', { description: 'null when the source carries the marker but not the note' }),
            refs: { type: 'array', items: ref('Reference') },
          },
        },
        Reference: {
          type: 'object',
          description: 'A citation of a document, or a cross-reference to provisions of an instrument (docs/citations.md)',
          required: ['kind', 'text', 'start', 'end', 'symbol'],
          properties: {
            kind: { type: 'string', enum: ['citation', 'crossReference'] },
            text: { type: 'string' },
            start: { type: 'integer' },
            end: { type: 'integer' },
            symbol: nullable('string'),
            pinpoint: nullable('string'),
            relation: nullable('string'),
            instrument: nullable('string'),
            provisions: { type: 'array', items: { type: 'string' } },
            volume: nullable('string'),
            field: { type: 'string', enum: ['text', 'heading'] },
          },
        },
        Adoption: {
          type: 'object',
          required: ['symbol', 'body', 'action'],
          properties: {
            symbol: nullable('string'),
            part: nullable('string'),
            body: { type: 'string' },
            year: nullable('integer'),
            action: { type: 'string', enum: ['adopted', 'approved', 'endorsed', 'welcomed', 'annexed', 'extended', 'amended'] },
          },
        },
        Instrument: {
          type: 'object',
          description: 'A standard or norm of the compendium; more fields may be present',
          required: ['id', 'name'],
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            shortNames: { type: 'array', items: { type: 'string' } },
            adoptions: { type: 'array', items: ref('Adoption') },
            body: { type: 'string' },
            year: nullable('integer'),
            category: { type: 'string' },
            clusters: { type: 'array', items: { type: 'string' } },
            supersedes: { type: 'array', items: { type: 'string' } },
            supersededBy: nullable('string'),
            provisionKind: { type: 'string', enum: ['rule', 'principle', 'guideline', 'paragraph', 'article'] },
          },
          additionalProperties: true,
        },
        InstrumentList: {
          type: 'object',
          required: ['instruments'],
          properties: { instruments: { type: 'array', items: ref('Instrument') } },
          additionalProperties: true,
        },
        Provision: {
          type: 'object',
          description: 'One provision with its sub-nodes; more fields (the document it is read from, footnotes) may be present',
          required: ['node'],
          properties: {
            instrument: { type: 'string' },
            symbol: { type: 'string' },
            language: { type: 'string' },
            node: ref('Node'),
            footnotes: { type: 'array', items: ref('Footnote') },
          },
          additionalProperties: true,
        },
        Cluster: {
          type: 'object',
          required: ['id', 'label'],
          properties: {
            id: { type: 'string' },
            letter: { type: 'string' },
            label: { type: 'string' },
            text: { type: 'string' },
            instruments: { type: 'array', items: { type: 'string' } },
          },
          additionalProperties: true,
        },
        ClusterList: {
          type: 'object',
          properties: {
            categories: { type: 'array', items: ref('Cluster') },
            clusters: { type: 'array', items: ref('Cluster') },
          },
          additionalProperties: true,
        },
        SearchResult: {
          type: 'object',
          required: ['symbol', 'language', 'nodeId', 'kind', 'snippetHtml', 'url'],
          properties: {
            symbol: { type: 'string' },
            language: { type: 'string' },
            nodeId: { type: 'string' },
            kind: { type: 'string' },
            num: nullable('string'),
            heading: nullable('string'),
            snippetHtml: { type: 'string', description: 'Escaped HTML: the matching words in <mark>, nothing else is markup' },
            documentTitle: nullable('string'),
            adopted: nullable('string', { format: 'date' }),
            body: nullable('string'),
            url: { type: 'string', description: 'The provision\'s page' },
            rank: { type: 'number' },
          },
        },
        AuditEntry: {
          type: 'object',
          required: ['id', 'at', 'actor', 'action', 'entityType', 'entityId', 'stateCode', 'before', 'after', 'ip', 'changes'],
          properties: {
            id: { type: 'string' },
            at: { type: 'string', format: 'date-time' },
            actor: {
              type: 'object',
              required: ['userId', 'label', 'role'],
              properties: {
                userId: nullable('string'),
                label: { type: 'string', description: 'The account\'s email then, or `cli`, `seed`, `system`' },
                role: nullable('string'),
              },
            },
            action: { type: 'string', examples: ['document.import', 'user.invite'] },
            entityType: { type: 'string' },
            entityId: { type: 'string' },
            stateCode: nullable('string', { pattern: '^[A-Z]{3}$' }),
            before: { description: 'The fields before the write (JSON), or null' },
            after: { description: 'The fields after the write (JSON), or null' },
            ip: nullable('string'),
            changes: {
              type: 'array',
              description: 'before and after compared field by field (dotted paths for nested fields), values as JSON text',
              items: {
                type: 'object',
                required: ['field', 'change', 'before', 'after'],
                properties: {
                  field: { type: 'string' },
                  change: { enum: ['added', 'removed', 'changed', 'same'] },
                  before: nullable('string'),
                  after: nullable('string'),
                },
              },
            },
          },
        },
        AuditPage: {
          type: 'object',
          required: ['entries', 'total', 'page', 'pageSize', 'pages', 'filters'],
          properties: {
            entries: { type: 'array', items: ref('AuditEntry') },
            total: { type: 'integer' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            pages: { type: 'integer' },
            filters: { type: 'object', description: 'The filters as understood (the State upper-cased, empty ones null)' },
          },
        },
        LocalisedText: {
          type: 'object',
          description: 'A text in each of the six official languages',
          required: LANGUAGES,
          properties: Object.fromEntries(LANGUAGES.map((language) => [language, { type: 'string' }])),
        },
        M49Area: {
          type: 'object',
          description: 'A region, sub-region or intermediate region of the M49 standard (UN Statistics Division)',
          required: ['code', 'name'],
          properties: { code: { type: 'string', pattern: '^[0-9]{3}$', examples: ['002'] }, name: ref('LocalisedText') },
        },
        State: {
          type: 'object',
          required: ['alpha2', 'alpha3', 'm49', 'status', 'regionalGroup', 'region', 'subregion', 'intermediateRegion', 'names'],
          properties: {
            alpha2: { type: 'string', pattern: '^[A-Z]{2}$', examples: ['BO'] },
            alpha3: { type: 'string', pattern: '^[A-Z]{3}$', examples: ['BOL'] },
            m49: { type: 'string', pattern: '^[0-9]{3}$', examples: ['068'] },
            status: { type: 'string', enum: ['member', 'observer'] },
            regionalGroup: nullable('string', { description: 'null for the observer States, which are in no group' }),
            regionalGroupNote: { description: 'How the State stands in its group, where that needs saying', oneOf: [ref('LocalisedText'), { type: 'null' }] },
            region: ref('M49Area'),
            subregion: ref('M49Area'),
            intermediateRegion: { oneOf: [ref('M49Area'), { type: 'null' }] },
            names: ref('LocalisedText'),
          },
        },
        StateList: {
          type: 'object',
          required: ['states', 'regionalGroups'],
          properties: {
            states: { type: 'array', items: ref('State') },
            regionalGroups: {
              type: 'array',
              items: { type: 'object', required: ['id', 'names'], properties: { id: { type: 'string' }, names: ref('LocalisedText') } },
            },
          },
        },
        SearchResponse: {
          type: 'object',
          required: ['query', 'total', 'totalExact', 'page', 'pageSize', 'results'],
          properties: {
            query: { type: 'string' },
            filters: { type: 'object' },
            total: { type: 'integer', description: 'Provisions found, counted up to 1,000' },
            totalExact: {
              type: 'boolean',
              description:
                'false when more than 1,000 provisions match: `total` is then 1000, the results are the best ranked of the first 1,000 found and the facets count those',
            },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            pages: { type: 'integer' },
            results: { type: 'array', items: ref('SearchResult') },
            facets: { type: 'object' },
            suggestion: nullable('string'),
            correctedFrom: nullable('string'),
          },
          additionalProperties: true,
        },
      },
    },
  };
}

/** The Fastify spellings a described path may have been registered with (":name", or "*" for a last parameter holding slashes). */
export function fastifyPathsFor(openApiPath: string): string[] {
  const named = openApiPath.replace(/\{([^}]+)\}/g, ':$1');
  const wildcard = openApiPath.replace(/\{[^}]+\}$/, '*').replace(/\{([^}]+)\}/g, ':$1');
  return [...new Set([named, wildcard])];
}

/** Paths that belong to the interactive reference's own files, not to the API it describes. */
export function isReferenceAsset(path: string): boolean {
  return path.startsWith('/api/docs/');
}
