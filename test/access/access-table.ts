// The authorisation table: who may call every route of NormHub. test/access/access-matrix.test.ts
// sends each row's request as each caller, on a real database with real sessions, and checks the
// outcome in both directions; it fails when the application has a route this table lacks, or the
// table names a route the application no longer has. A new route cannot ship without a row here.
//
// Columns (callers):
//   public     no session (a CSRF cookie and token of its own for the forms)
//   admin      Secretariat administrator
//   officer    Secretariat officer
//   focalA     national focal point of State A (Kenya)
//   contribA   contributor of State A
//   expert     expert
//   observer   observer
// and, after "|", for rows about a resource that belongs to a State: the same request made about
// State B (France) instead of A, by
//   focalA→B   the focal point of State A
//   contribA→B the contributor of State A
//
// Outcomes: 'allow' (any answer that is not a refusal; never a 5xx) or 'deny' (401 or 403, or for
// a page read without a session a 303 to the sign-in page). HEAD rows are derived from GET rows
// (same request, same outcomes) and checked too.
//
// Requests: the path is sent as written, with these placeholders filled in by the test:
//   {personA} {personB}      an invited focal point of State A / B (a person the Secretariat manages)
//   {newPersonA} {newPersonB} a focal point of State A / B invited anew for each request (state changes)
//   {newAdmin} {newOfficer}  an administrator / officer invited anew for each request
//   {self}                   the caller's own account
//   {invitation}             a valid invitation link's token (reading it does not use it)
//   {newInvitation}          an invitation token made anew for each request (accepting uses it)
//   {reset} {newReset}       a valid password-reset token; one made anew for each request
//   {outboxMessage}          a message in the mail outbox
//   {signInEmail}            the email of an active account whose password is the test password
//   {newEmail}               an email no account has yet
//   {password}               the test password (TEST_PASSWORD of test/helpers/accounts.ts)
// Form bodies pass validation (the `_csrf` field, valid for the caller's session, is added).
// `fresh: 'session'`: the request ends or replaces the caller's session (sign-in, sign-out,
// accepting an invitation), so it is sent from a session signed in for it alone.
// `fresh: 'account'`: it changes the caller's account (its password, its other sessions), so it
// is sent by a new account of the same role and State.

export const STATE_A = 'KEN';
export const STATE_B = 'FRA';

export const CALLERS = ['public', 'admin', 'officer', 'focalA', 'contribA', 'expert', 'observer'] as const;
export const OTHER_STATE_CALLERS = ['focalA→B', 'contribA→B'] as const;
export type Caller = (typeof CALLERS)[number];
export type OtherStateCaller = (typeof OTHER_STATE_CALLERS)[number];
export type Outcome = 'allow' | 'deny';

export interface SampleRequest {
  /** the path (and query) to send, placeholders included */
  path: string;
  /** the same request about State B's resource, sent by State A's focal point and contributor */
  otherStatePath?: string;
  /** fields of an urlencoded form body (POST) */
  form?: Record<string, string>;
  fresh?: 'session' | 'account';
}

export interface AccessRow {
  /** `METHOD /pattern`, exactly as app.routeAccess() lists it */
  route: string;
  /** what differs from the route's plain use, for the finer rules checked by the services */
  case?: string;
  request: SampleRequest;
  /** the callers' outcomes, in the order of CALLERS, then "|" and those of OTHER_STATE_CALLERS */
  expect: string;
}

const sym = encodeURIComponent('E/RES/1997/32');

function row(route: string, expect: string, request: SampleRequest | string, caseName?: string): AccessRow {
  return { route, expect, request: typeof request === 'string' ? { path: request } : request, ...(caseName ? { case: caseName } : {}) };
}

const INVITE_FORM = { email: '{newEmail}', name: 'Amina Odhiambo', role: 'focal_point', stateCode: STATE_A, locale: 'fr' };
const NEW_PASSWORD = { password: 'seven amber kites over Nairobi', confirmation: 'seven amber kites over Nairobi', locale: 'en' };

// prettier-ignore
export const ACCESS_TABLE: readonly AccessRow[] = [
  //   route                                            public admin officer focalA contribA expert observer | focalA→B contribA→B
  // The site and the public compendium: everyone, signed in or not.
  row('GET /healthz',                                  'allow allow allow   allow  allow    allow  allow', '/healthz'),
  row('GET /',                                         'allow allow allow   allow  allow    allow  allow', '/'),
  row('GET /:locale',                                  'allow allow allow   allow  allow    allow  allow', '/fr'),
  row('GET /:locale/',                                 'allow allow allow   allow  allow    allow  allow', '/en/'),
  row('GET /:locale/documents/:symbol',                'allow allow allow   allow  allow    allow  allow', `/en/documents/${sym}`),
  row('GET /:locale/documents/:symbol/*',              'allow allow allow   allow  allow    allow  allow', `/en/documents/${sym}/para-1`),
  // Shadowed by the two routes above for every address but one whose first segment is longer than
  // a parameter may be (500 characters): the only way to reach it.
  row('GET /:locale/documents/*',                      'allow allow allow   allow  allow    allow  allow', `/en/documents/${'A'.repeat(501)}/1`),
  row('GET /:locale/documents/:symbol/compare',        'allow allow allow   allow  allow    allow  allow', `/en/documents/${sym}/compare?with=fr`),
  row('GET /api/documents',                            'allow allow allow   allow  allow    allow  allow', '/api/documents'),
  row('GET /api/documents/:symbol',                    'allow allow allow   allow  allow    allow  allow', `/api/documents/${sym}?lang=en`),
  row('GET /api/documents/*',                          'allow allow allow   allow  allow    allow  allow', '/api/documents/E/RES/1997/32?lang=en&format=text'),
  row('GET /api/search',                               'allow allow allow   allow  allow    allow  allow', '/api/search?q=standards'),
  row('GET /:locale/search',                           'allow allow allow   allow  allow    allow  allow', '/en/search?q=standards'),
  row('GET /api/compendium/:lang.zip',                 'allow allow allow   allow  allow    allow  allow', '/api/compendium/en.zip'),
  row('GET /feeds/documents.atom',                     'allow allow allow   allow  allow    allow  allow', '/feeds/documents.atom'),
  row('GET /api/openapi.json',                         'allow allow allow   allow  allow    allow  allow', '/api/openapi.json'),
  row('GET /api/docs',                                 'allow allow allow   allow  allow    allow  allow', '/api/docs'),
  row('GET /api/docs/ui/',                             'allow allow allow   allow  allow    allow  allow', '/api/docs/ui/'),
  row('HEAD /api/docs/ui',                             'allow allow allow   allow  allow    allow  allow', '/api/docs/ui'),
  row('GET /api/docs/ui/static/index.html',            'allow allow allow   allow  allow    allow  allow', '/api/docs/ui/static/index.html'),
  row('GET /api/docs/ui/static/swagger-initializer.js', 'allow allow allow  allow  allow    allow  allow', '/api/docs/ui/static/swagger-initializer.js'),
  row('GET /api/docs/ui/static/*',                     'allow allow allow   allow  allow    allow  allow', '/api/docs/ui/static/swagger-ui.css'),
  row('GET /api/docs/ui/json',                         'allow allow allow   allow  allow    allow  allow', '/api/docs/ui/json'),
  row('GET /api/docs/ui/yaml',                         'allow allow allow   allow  allow    allow  allow', '/api/docs/ui/yaml'),
  row('GET /:locale/instruments',                      'allow allow allow   allow  allow    allow  allow', '/en/instruments'),
  row('GET /:locale/instruments/:id',                  'allow allow allow   allow  allow    allow  allow', '/en/instruments/bangkok-rules'),
  row('GET /:locale/instruments/:id/*',                'allow allow allow   allow  allow    allow  allow', '/en/instruments/bangkok-rules/rule-3'),
  row('GET /:locale/clusters',                         'allow allow allow   allow  allow    allow  allow', '/en/clusters'),
  row('GET /:locale/clusters/:cluster',                'allow allow allow   allow  allow    allow  allow', '/en/clusters/crime-prevention'),
  row('GET /api/instruments',                          'allow allow allow   allow  allow    allow  allow', '/api/instruments'),
  row('GET /api/instruments/:id',                      'allow allow allow   allow  allow    allow  allow', '/api/instruments/bangkok-rules'),
  row('GET /api/instruments/:id/*',                    'allow allow allow   allow  allow    allow  allow', '/api/instruments/bangkok-rules/rule-3'),
  row('GET /api/clusters',                             'allow allow allow   allow  allow    allow  allow', '/api/clusters'),

  // Member States: public; the State pages say whether a State has a contact person, nothing more.
  row('GET /:locale/states',                           'allow allow allow   allow  allow    allow  allow', '/en/states'),
  row('GET /:locale/states/:code',                     'allow allow allow   allow  allow    allow  allow | allow allow', { path: `/en/states/${STATE_A}`, otherStatePath: `/en/states/${STATE_B}` }),
  row('GET /api/states',                               'allow allow allow   allow  allow    allow  allow', '/api/states'),
  row('GET /api/states/:code',                         'allow allow allow   allow  allow    allow  allow | allow allow', { path: `/api/states/${STATE_A}`, otherStatePath: `/api/states/${STATE_B}` }),
  row('GET /api/states/:code/focal-point',             'allow allow allow   allow  allow    allow  allow | allow allow', { path: `/api/states/${STATE_A}/focal-point`, otherStatePath: `/api/states/${STATE_B}/focal-point` }),

  // The directory of contact persons: the Secretariat, and a State's own focal points and contributors.
  row('GET /:locale/states/:code/contacts',            'deny  allow allow   allow  allow    deny   deny  | deny  deny', { path: `/en/states/${STATE_A}/contacts`, otherStatePath: `/en/states/${STATE_B}/contacts` }),
  row('GET /:locale/states/:code/contacts',            'deny  allow allow   allow  allow    deny   deny  | deny  deny', { path: `/ar/states/${STATE_A.toLowerCase()}/contacts`, otherStatePath: `/ar/states/${STATE_B.toLowerCase()}/contacts` }, 'the code in small letters'),
  row('GET /api/states/:code/contacts',                'deny  allow allow   allow  allow    deny   deny  | deny  deny', { path: `/api/states/${STATE_A}/contacts`, otherStatePath: `/api/states/${STATE_B}/contacts` }),

  // Signing in and out, and the links sent by mail: anyone.
  row('GET /:locale/login',                            'allow allow allow   allow  allow    allow  allow', '/en/login?next=%2Fen%2Faccount'),
  row('POST /:locale/login',                           'allow allow allow   allow  allow    allow  allow', { path: '/en/login', form: { email: '{signInEmail}', password: '{password}' }, fresh: 'session' }),
  row('POST /:locale/logout',                          'allow allow allow   allow  allow    allow  allow', { path: '/en/logout', form: {}, fresh: 'session' }),
  row('GET /:locale/invitations/:token',               'allow allow allow   allow  allow    allow  allow', '/fr/invitations/{invitation}'),
  row('POST /:locale/invitations/:token',              'allow allow allow   allow  allow    allow  allow', { path: '/fr/invitations/{newInvitation}', form: NEW_PASSWORD, fresh: 'session' }),
  row('GET /:locale/password-reset',                   'allow allow allow   allow  allow    allow  allow', '/en/password-reset'),
  row('POST /:locale/password-reset',                  'allow allow allow   allow  allow    allow  allow', { path: '/en/password-reset', form: { email: 'nobody@example.org' } }),
  row('GET /:locale/password-reset/:token',            'allow allow allow   allow  allow    allow  allow', '/en/password-reset/{reset}'),
  row('POST /:locale/password-reset/:token',           'allow allow allow   allow  allow    allow  allow', { path: '/en/password-reset/{newReset}', form: { password: NEW_PASSWORD.password, confirmation: NEW_PASSWORD.confirmation }, fresh: 'session' }),

  // One's own account: anyone signed in.
  row('GET /:locale/account',                          'deny  allow allow   allow  allow    allow  allow', '/en/account'),
  row('POST /:locale/account',                         'deny  allow allow   allow  allow    allow  allow', { path: '/en/account', form: { name: 'Caller of the matrix', locale: 'en' } }),
  row('POST /:locale/account/sessions',                'deny  allow allow   allow  allow    allow  allow', { path: '/en/account/sessions', form: { sessionsPassword: '{password}' }, fresh: 'account' }),
  row('POST /:locale/account/password',                'deny  allow allow   allow  allow    allow  allow', { path: '/en/account/password', form: { currentPassword: '{password}', password: NEW_PASSWORD.password, confirmation: NEW_PASSWORD.confirmation }, fresh: 'account' }),

  // The administration of people: the Secretariat. An officer does not manage Secretariat accounts; nobody changes their own.
  row('GET /:locale/admin/people',                     'deny  allow allow   deny   deny     deny   deny', `/en/admin/people?state=${STATE_A}`),
  row('GET /:locale/admin/people/invite',              'deny  allow allow   deny   deny     deny   deny', '/en/admin/people/invite'),
  row('POST /:locale/admin/people/invite',             'deny  allow allow   deny   deny     deny   deny', { path: '/en/admin/people/invite', form: INVITE_FORM }),
  row('POST /:locale/admin/people/invite',             'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/invite', form: { ...INVITE_FORM, role: 'admin', stateCode: '' } }, 'inviting an administrator'),
  row('POST /:locale/admin/people/invite',             'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/invite', form: { ...INVITE_FORM, role: 'officer', stateCode: '' } }, 'inviting an officer'),
  row('GET /:locale/admin/people/:id',                 'deny  allow allow   deny   deny     deny   deny  | deny  deny', { path: '/en/admin/people/{personA}', otherStatePath: '/en/admin/people/{personB}' }),
  row('GET /:locale/admin/people/:id',                 'deny  allow allow   deny   deny     deny   deny', '/en/admin/people/not-an-account', 'an id that is no account'),
  row('GET /:locale/admin/people/:id',                 'deny  allow allow   deny   deny     deny   deny', `/en/admin/people/${'-'.repeat(36)}`, 'an id of 36 dashes, which is no uuid'),
  row('POST /:locale/admin/people/:id/resend',         'deny  allow allow   deny   deny     deny   deny  | deny  deny', { path: '/en/admin/people/{newPersonA}/resend', otherStatePath: '/en/admin/people/{newPersonB}/resend', form: {} }),
  row('POST /:locale/admin/people/:id/resend',         'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/{newOfficer}/resend', form: {} }, "an officer's invitation"),
  row('POST /:locale/admin/people/:id/resend',         'deny  allow allow   deny   deny     deny   deny', { path: '/en/admin/people/not-an-account/resend', form: {} }, 'an id that is no account'),
  row('POST /:locale/admin/people/:id/status',         'deny  allow allow   deny   deny     deny   deny  | deny  deny', { path: '/en/admin/people/{newPersonA}/status', otherStatePath: '/en/admin/people/{newPersonB}/status', form: { status: 'disabled' } }),
  row('POST /:locale/admin/people/:id/status',         'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/{newAdmin}/status', form: { status: 'disabled' } }, "an administrator's account"),
  row('POST /:locale/admin/people/:id/status',         'deny  deny  deny    deny   deny     deny   deny', { path: '/en/admin/people/{self}/status', form: { status: 'disabled' } }, 'their own account'),
  row('POST /:locale/admin/people/:id/status',         'deny  allow allow   deny   deny     deny   deny', { path: '/en/admin/people/not-an-account/status', form: { status: 'disabled' } }, 'an id that is no account'),
  row('POST /:locale/admin/people/:id/role',           'deny  allow allow   deny   deny     deny   deny  | deny  deny', { path: '/en/admin/people/{newPersonA}/role', otherStatePath: '/en/admin/people/{newPersonB}/role', form: { role: 'contributor', stateCode: STATE_A } }),
  row('POST /:locale/admin/people/:id/role',           'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/{newPersonA}/role', form: { role: 'officer', stateCode: '' } }, 'raising a focal point to officer'),
  row('POST /:locale/admin/people/:id/role',           'deny  allow deny    deny   deny     deny   deny', { path: '/en/admin/people/{newOfficer}/role', form: { role: 'expert', stateCode: '' } }, "an officer's role"),
  row('POST /:locale/admin/people/:id/role',           'deny  deny  deny    deny   deny     deny   deny', { path: '/en/admin/people/{self}/role', form: { role: 'expert', stateCode: '' } }, 'their own role'),
  row('POST /:locale/admin/people/:id/role',           'deny  allow allow   deny   deny     deny   deny', { path: '/en/admin/people/not-an-account/role', form: { role: 'expert', stateCode: '' } }, 'an id that is no account'),

  // The mail outbox (it holds invitation and reset links) and the audit log: administrators only.
  row('GET /:locale/admin/outbox',                     'deny  allow deny    deny   deny     deny   deny', '/en/admin/outbox'),
  row('GET /:locale/admin/outbox/:id',                 'deny  allow deny    deny   deny     deny   deny', '/en/admin/outbox/{outboxMessage}'),
  row('GET /:locale/admin/audit',                      'deny  allow deny    deny   deny     deny   deny', `/en/admin/audit?state=${STATE_B}`),
  row('GET /api/admin/audit',                          'deny  allow deny    deny   deny     deny   deny', `/api/admin/audit?state=${STATE_B}`),
];

export interface ExpectedOutcomes {
  callers: Record<Caller, Outcome>;
  otherState: Record<OtherStateCaller, Outcome> | null;
}

/** The row's outcomes by caller; throws on a malformed row (a typo must not pass for a decision). */
export function parseExpectation(entry: AccessRow): ExpectedOutcomes {
  const [main, other, ...rest] = entry.expect.split('|');
  const words = (part: string) => part.trim().split(/\s+/).filter(Boolean);
  const check = (list: string[], count: number): Outcome[] => {
    if (list.length !== count || list.some((word) => word !== 'allow' && word !== 'deny')) {
      throw new Error(`${entry.route}${entry.case ? ` (${entry.case})` : ''}: expected ${count} outcomes (allow or deny), got "${entry.expect}"`);
    }
    return list as Outcome[];
  };
  if (rest.length > 0) throw new Error(`${entry.route}: more than one "|" in "${entry.expect}"`);
  const callers = check(words(main!), CALLERS.length);
  const otherState = other === undefined ? null : check(words(other), OTHER_STATE_CALLERS.length);
  if ((otherState === null) !== (entry.request.otherStatePath === undefined)) {
    throw new Error(`${entry.route}: State B outcomes and otherStatePath go together`);
  }
  return {
    callers: Object.fromEntries(CALLERS.map((caller, index) => [caller, callers[index]!])) as Record<Caller, Outcome>,
    otherState: otherState ? (Object.fromEntries(OTHER_STATE_CALLERS.map((caller, index) => [caller, otherState[index]!])) as Record<OtherStateCaller, Outcome>) : null,
  };
}
