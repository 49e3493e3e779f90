// The authorisation matrix: every route of the application, asked by every kind of caller (the
// public, each role, and State A's focal point and contributor about State B's resources), with
// real sessions on a real migrated database. The expected outcomes are the table of
// test/access/access-table.ts; both directions are asserted (what must be refused is refused,
// what must be allowed is allowed), and no request may end in a 5xx.
//
// The table must name every route of app.routeAccess() (HEAD rows are derived from GET rows) and
// no route that no longer exists: a new route fails this test until someone decides who may use it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { inviteUser } from '../../src/accounts/invitations-service.ts';
import { issuePasswordReset } from '../../src/accounts/password-reset-service.ts';
import { storeImportResult } from '../../src/importer/importer-service.ts';
import { syncCatalogue } from '../../src/compendium/instruments-service.ts';
import { featureTranslator, LOCALES } from '../../src/i18n/i18n.ts';
import { HTTP_MESSAGES } from '../../src/http/http-messages.ts';
import type { Role } from '../../src/http/access.ts';
import type { MailMessage, Mailer } from '../../src/mail/mail.ts';
import { createAccount, formSession, signIn, testAccountsContext, TEST_PASSWORD, type TestAccount, type TestSession } from '../helpers/accounts.ts';
import { sampleDocument } from '../helpers/documents.ts';
import { createTestDb, type TestDb } from '../helpers/test-db.ts';
import {
  ACCESS_TABLE,
  CALLERS,
  OTHER_STATE_CALLERS,
  parseExpectation,
  STATE_A,
  STATE_B,
  type AccessRow,
  type Caller,
  type Outcome,
  type OtherStateCaller,
} from './access-table.ts';

/** Who each column is: its role and State; its requests come from an address of its own. */
const IDENTITIES: Record<Caller, { role: Role | null; stateCode: string | null; ip: string }> = {
  public: { role: null, stateCode: null, ip: '192.0.2.10' },
  admin: { role: 'admin', stateCode: null, ip: '192.0.2.11' },
  officer: { role: 'officer', stateCode: null, ip: '192.0.2.12' },
  focalA: { role: 'focal_point', stateCode: STATE_A, ip: '192.0.2.13' },
  contribA: { role: 'contributor', stateCode: STATE_A, ip: '192.0.2.14' },
  expert: { role: 'expert', stateCode: null, ip: '192.0.2.15' },
  observer: { role: 'observer', stateCode: null, ip: '192.0.2.16' },
};
const CALLER_OF: Record<OtherStateCaller, Caller> = { 'focalA→B': 'focalA', 'contribA→B': 'contribA' };
/** An id no account has, for the rows where the public has no account of its own. */
const NO_ACCOUNT = '00000000-0000-4000-8000-000000000000';

let db: TestDb;
let app: FastifyInstance;
const accounts = new Map<Caller, TestAccount>();
const sessions = new Map<Caller, TestSession>();
/** Mail sent by the services called directly (password-reset links are read from it). */
const sentMail: MailMessage[] = [];
const capturingMailer: Mailer = {
  send: async (message) => {
    sentMail.push(message);
    return { id: String(sentMail.length) };
  },
};
let fixed: Record<'personA' | 'personB' | 'invitation' | 'reset' | 'outboxMessage' | 'signInEmail', string>;
let counter = 0;

function accountsContext() {
  return testAccountsContext(db, { mailer: capturingMailer });
}

async function invite(role: Role, stateCode: string | null = null) {
  counter += 1;
  return inviteUser(accountsContext(), { actor: null, label: 'access matrix' }, { email: `matrix-${role}-${counter}@example.org`, name: `Matrix ${role} ${counter}`, role, stateCode, locale: 'fr' });
}

function tokenOf(url: string): string {
  const token = /\/([A-Za-z0-9_-]{43})(?:$|[?#\s])/.exec(url)?.[1];
  if (!token) throw new Error(`No token in ${url}`);
  return token;
}

/** A password-reset token for a new active account, taken from the mail the service sends. */
async function newResetToken(): Promise<string> {
  const { email } = await createAccount(db, { role: 'expert' });
  const before = sentMail.length;
  await issuePasswordReset(accountsContext(), { email, locale: 'en', ip: null });
  const mail = sentMail.slice(before).find((message) => message.to === email);
  if (!mail) throw new Error(`No reset mail for ${email}`);
  return tokenOf(mail.text);
}

async function signInAs(caller: Caller, account = accounts.get(caller)): Promise<TestSession> {
  if (!account) return formSession(app, '/en/login');
  return signIn(app, { email: account.email, password: account.password, ip: IDENTITIES[caller].ip });
}

/** Fills the placeholders of a path or form value for one request by `caller`. */
async function fill(template: string, caller: Caller, self: TestAccount | undefined): Promise<string> {
  let result = '';
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    result += template.slice(last, match.index) + (await placeholder(match[1]!, caller, self));
    last = match.index! + match[0].length;
  }
  return result + template.slice(last);
}

async function placeholder(name: string, _caller: Caller, self: TestAccount | undefined): Promise<string> {
  switch (name) {
    case 'personA':
    case 'personB':
    case 'invitation':
    case 'reset':
    case 'outboxMessage':
    case 'signInEmail':
      return fixed[name];
    case 'newPersonA':
      return (await invite('focal_point', STATE_A)).user.id;
    case 'newPersonB':
      return (await invite('focal_point', STATE_B)).user.id;
    case 'newAdmin':
      return (await invite('admin')).user.id;
    case 'newOfficer':
      return (await invite('officer')).user.id;
    case 'newInvitation':
      return tokenOf((await invite('contributor', STATE_A)).invitationUrl);
    case 'newReset':
      return newResetToken();
    case 'newEmail':
      counter += 1;
      return `matrix-invitee-${counter}@example.org`;
    case 'self':
      return self?.user.id ?? NO_ACCOUNT;
    case 'password':
      return TEST_PASSWORD;
    default:
      throw new Error(`Unknown placeholder {${name}} in the access table`);
  }
}

interface Observation {
  request: string;
  status: number;
  outcome: Outcome;
  /** the route that answered, `METHOD /pattern` (set by a hook of this test) */
  matched: string | null;
  /** why the refusal's form is wrong, when it is */
  badRefusal: string | null;
}

const MATCHED_ROUTE_HEADER = 'x-access-matrix-route';
const CSRF_REFUSALS = (['error.csrf.reshown', 'error.csrf.text'] as const).map((key) => featureTranslator(HTTP_MESSAGES, 'en')(key).slice(0, 40));
const LOCALE_PATTERN = LOCALES.join('|');

/** allow or deny, and whether a refusal has the form it must have for this caller and request. */
function observe(method: string, path: string, signedIn: boolean, response: LightMyRequestResponse): Observation {
  const location = String(response.headers.location ?? '');
  const toSignIn = response.statusCode === 303 && new RegExp(`^/(${LOCALE_PATTERN})/login\\?next=`).test(location);
  const outcome: Outcome = response.statusCode === 401 || response.statusCode === 403 || toSignIn ? 'deny' : 'allow';
  let badRefusal: string | null = null;
  if (outcome === 'deny') {
    const pageRead = (method === 'GET' || method === 'HEAD') && !path.startsWith('/api/');
    if (signedIn && response.statusCode !== 403) badRefusal = `a signed-in caller is refused with 403, not ${response.statusCode} ${location}`;
    if (!signedIn && pageRead && !(toSignIn && new URL(location, 'http://x').searchParams.get('next') === path)) {
      badRefusal = `a page read without a session is sent to sign in and back (303 to /…/login?next=${path}), not ${response.statusCode} ${location}`;
    }
    if (!signedIn && !pageRead && response.statusCode !== 401) badRefusal = `a request without a session is refused with 401, not ${response.statusCode}`;
    // A form refused for its CSRF token is a 403 too: that would hide whether access was refused.
    if (method === 'POST' && CSRF_REFUSALS.some((text) => response.body.includes(text))) badRefusal = 'refused for its CSRF token, not by access control';
  }
  const matched = response.headers[MATCHED_ROUTE_HEADER];
  return { request: `${method} ${path}`, status: response.statusCode, outcome, matched: typeof matched === 'string' ? matched : null, badRefusal };
}

/** Sends the row's request (GET rows: also as HEAD) as `caller`; one observation per request sent. */
async function call(entry: AccessRow, caller: Caller, { otherState }: { otherState: boolean }): Promise<Observation[]> {
  const [method, pattern] = entry.route.split(' ') as [string, string];
  const { request } = entry;
  let self = accounts.get(caller);
  let session = sessions.get(caller)!;
  if (request.fresh === 'account' && self) {
    self = await createAccount(db, { role: self.user.role, stateCode: self.user.stateCode });
    session = await signInAs(caller, self);
  } else if (request.fresh) {
    session = await signInAs(caller, self);
  }
  const path = await fill(otherState ? request.otherStatePath! : request.path, caller, self);
  const remoteAddress = IDENTITIES[caller].ip;
  const signedIn = caller !== 'public';
  if (method === 'POST') {
    const fields: Record<string, string> = { _csrf: session.csrfToken };
    for (const [name, value] of Object.entries(request.form ?? {})) fields[name] = await fill(value, caller, self);
    const response = await app.inject({
      method: 'POST',
      url: path,
      remoteAddress,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    return [observe(method, path, signedIn, response)];
  }
  const methods = method === 'GET' && headRoutes.has(pattern) ? ['GET', 'HEAD'] : [method];
  const observations: Observation[] = [];
  for (const each of methods) {
    const response = await app.inject({ method: each as 'GET' | 'HEAD', url: path, remoteAddress, headers: { cookie: session.cookie } });
    observations.push(observe(each, path, signedIn, response));
  }
  return observations;
}

/** url patterns that have a HEAD route beside their GET (Fastify adds them): their HEAD rows are derived. */
const headRoutes = new Set<string>();

before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
  // Which route answered each request: a row whose sample request reaches another route would
  // check that other route's access instead of its own.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.routeOptions.url) reply.header(MATCHED_ROUTE_HEADER, `${request.method} ${request.routeOptions.url}`);
    return payload;
  });
  for (const route of app.routeAccess()) {
    if (route.method === 'HEAD' && app.routeAccess().some((other) => other.method === 'GET' && other.url === route.url)) headRoutes.add(route.url);
  }

  // Something to read: a document in two languages and the catalogue of instruments.
  for (const language of ['en', 'fr'] as const) {
    await storeImportResult({ db }, { source: { name: `sample.${language}.json` }, result: { documents: [sampleDocument({ language })], diagnostics: [] } });
  }
  await syncCatalogue({ db });

  for (const caller of CALLERS) {
    const { role, stateCode } = IDENTITIES[caller];
    if (role) accounts.set(caller, await createAccount(db, { role, stateCode, name: `Matrix ${caller}` }));
  }
  const personA = await invite('focal_point', STATE_A);
  const personB = await invite('focal_point', STATE_B);
  const signInTarget = await createAccount(db, { role: 'observer' });
  const { rows } = await db.query<{ id: string }>('select id::text as id from mail_outbox order by created_at limit 1');
  if (!rows[0]) throw new Error('The outbox has no message (the invitations of createAccount should be there).');
  fixed = {
    personA: personA.user.id,
    personB: personB.user.id,
    invitation: tokenOf(personA.invitationUrl),
    reset: await newResetToken(),
    outboxMessage: rows[0].id,
    signInEmail: signInTarget.email,
  };
  for (const caller of CALLERS) sessions.set(caller, await signInAs(caller));
});

after(async () => {
  await app?.close();
  await db?.close();
});

describe('the access table covers the application', () => {
  test('every route of app.routeAccess() has a row (HEAD rows derive from GET rows)', () => {
    const named = new Set(ACCESS_TABLE.map((entry) => entry.route));
    const missing = app
      .routeAccess()
      .filter((route) => !(route.method === 'HEAD' && headRoutes.has(route.url)))
      .map((route) => `${route.method} ${route.url}`)
      .filter((route) => !named.has(route));
    assert.deepEqual([...new Set(missing)], [], `Routes without a row in test/access/access-table.ts (decide who may call them, add a row):\n  ${missing.join('\n  ')}`);
  });

  test('every row names a route that exists', () => {
    const existing = new Set(app.routeAccess().map((route) => `${route.method} ${route.url}`));
    const gone = ACCESS_TABLE.map((entry) => entry.route).filter((route) => !existing.has(route));
    assert.deepEqual(gone, [], `Rows of test/access/access-table.ts for routes the application no longer has:\n  ${gone.join('\n  ')}`);
  });

  test('every row is well formed: outcomes for each caller, and State B columns on every route about a State', () => {
    const problems: string[] = [];
    for (const entry of ACCESS_TABLE) {
      try {
        parseExpectation(entry);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    for (const route of app.routeAccess()) {
      const aboutState = route.url.includes(':code') || (typeof route.access === 'object' && route.access.stateParam !== undefined);
      if (!aboutState || route.method === 'HEAD') continue;
      for (const entry of ACCESS_TABLE.filter((each) => each.route === `${route.method} ${route.url}`)) {
        if (!entry.request.otherStatePath) problems.push(`${entry.route}: a route about a State needs State B columns (otherStatePath)`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe('who may call each route', () => {
  for (const entry of ACCESS_TABLE) {
    const name = `${entry.route}${entry.case ? ` (${entry.case})` : ''}`;
    test(name, async () => {
      const expected = parseExpectation(entry);
      const failures: string[] = [];
      const check = (caller: string, want: Outcome, observations: Observation[]) => {
        for (const seen of observations) {
          const route = seen.request.startsWith('HEAD ') ? entry.route.replace(/^GET /, 'HEAD ') : entry.route;
          const where = `${route} as ${caller} (${seen.request})`;
          if (seen.status >= 500) failures.push(`${where}: got ${seen.status}, a server error`);
          // A plugin's route at the root of its prefix is listed with the slash and answers for both.
          if (seen.matched !== route && `${seen.matched}/` !== route) failures.push(`${where}: answered by ${seen.matched ?? 'no route'}, not by the row's route`);
          if (seen.outcome !== want) failures.push(`${where}: expected ${want}, got ${seen.outcome} (${seen.status})`);
          else if (seen.badRefusal) failures.push(`${where}: ${seen.badRefusal}`);
          // An allowed form must get past validation, or the row says nothing of what the route does once allowed.
          if (seen.outcome === 'allow' && seen.request.startsWith('POST ') && seen.status === 400) failures.push(`${where}: the row's form was refused as invalid (400)`);
        }
      };
      for (const caller of CALLERS) check(caller, expected.callers[caller], await call(entry, caller, { otherState: false }));
      if (expected.otherState) {
        for (const caller of OTHER_STATE_CALLERS) check(caller, expected.otherState[caller], await call(entry, CALLER_OF[caller], { otherState: true }));
      }
      assert.ok(failures.length === 0, `\n  ${failures.join('\n  ')}`);
    });
  }
});

describe('what the public learns about a State', () => {
  test("State A's public page and focal-point answer say that it has one, never who", async () => {
    const focalPoint = accounts.get('focalA')!;
    // Its name as it is now (a row above has the callers change theirs).
    const { rows } = await db.query<{ name: string }>('select name from users where id = $1', [focalPoint.user.id]);
    const answers = await Promise.all([`/en/states/${STATE_A}`, `/api/states/${STATE_A}/focal-point`].map((url) => app.inject({ url })));
    for (const answer of answers) {
      assert.equal(answer.statusCode, 200);
      assert.ok(!answer.body.includes(focalPoint.email) && !answer.body.includes(rows[0]!.name), `${answer.body.slice(0, 200)} names the focal point`);
    }
    assert.deepEqual(answers[1]!.json(), { state: STATE_A, hasFocalPoint: true });
    // The Secretariat's directory does name them (so the check above looks for the right words).
    const directory = await app.inject({ url: `/api/states/${STATE_A}/contacts`, headers: { cookie: sessions.get('officer')!.cookie } });
    assert.equal(directory.statusCode, 200);
    assert.ok(directory.body.includes(focalPoint.email));
  });
});

describe('nobody raises their own rights', () => {
  test("a focal point's own account form ignores role, State, status and email fields", async () => {
    const focalPoint = await createAccount(db, { role: 'focal_point', stateCode: STATE_A });
    const session = await signInAs('focalA', focalPoint);
    const response = await app.inject({
      method: 'POST',
      url: '/en/account',
      remoteAddress: IDENTITIES.focalA.ip,
      headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: session.csrfToken, name: 'Still a focal point', locale: 'en', role: 'admin', stateCode: STATE_B, status: 'active', email: 'someone-else@example.org' }).toString(),
    });
    assert.equal(response.statusCode, 303);
    const { rows } = await db.query<{ role: string; state_code: string; email: string; name: string }>('select role, state_code, email, name from users where id = $1', [focalPoint.user.id]);
    assert.deepEqual(rows[0], { role: 'focal_point', state_code: STATE_A, email: focalPoint.email, name: 'Still a focal point' });
    for (const url of [`/api/states/${STATE_B}/contacts`, '/en/admin/people']) {
      const refused = await app.inject({ url, headers: { cookie: session.cookie } });
      assert.equal(refused.statusCode, 403, url);
    }
  });
});
