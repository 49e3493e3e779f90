// The States on a real migrated database: the rows migrate() writes and corrects, the service
// functions other features call, the JSON API and the pages (order by the locale's collation,
// the filter form, Arabic right to left, 404s in the reader's language).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { migrate } from '../../src/db/migrate.ts';
import { translate, type Locale } from '../../src/i18n/i18n.ts';
import { STATES_MESSAGES } from '../../src/states/states-messages.ts';
import { findState, listRegionalGroups, listStates, stateName } from '../../src/states/states-service.ts';
import { createAccount, signIn } from '../helpers/accounts.ts';
import { createTestDb, testDatabaseUrl, type TestDb } from '../helpers/test-db.ts';

let db: TestDb;
let app: FastifyInstance;
before(async () => {
  db = await createTestDb();
  app = await buildApp({ db });
});
after(async () => {
  await app.close();
  await db.close();
});

function mainOf(body: string): string {
  const start = body.indexOf('<main');
  return body.slice(start, body.indexOf('</main>', start));
}

/** The State names linked in one section of the list page, in page order. */
function namesInSection(body: string, sectionId: string): string[] {
  const start = body.indexOf(`<section aria-labelledby="${sectionId}">`);
  assert.ok(start >= 0, `section ${sectionId}`);
  const section = body.slice(start, body.indexOf('</section>', start));
  return [...section.matchAll(/<th scope="row"><a href="\/[a-z]{2}\/states\/[A-Z]{3}">([^<]+)<\/a>/g)].map((match) => decode(match[1]!));
}

function decode(text: string): string {
  return text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe(`States in the database (${testDatabaseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  test('every migrated database holds the 195 States, their groups and areas', async () => {
    const { rows } = await db.query<{ status: string; count: number }>('select status, count(*)::integer as count from states group by status order by status');
    assert.deepEqual(rows, [
      { status: 'member', count: 193 },
      { status: 'observer', count: 2 },
    ]);
    const groups = await listRegionalGroups(db);
    assert.deepEqual(groups.map((group) => group.id), ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'western-european-other']);
    assert.equal(groups[4]!.names.fr, "Groupe des États d'Europe occidentale et autres États");
  });

  test('other tables can refer to states (alpha3), and an unknown code is refused', async () => {
    await db.exec('create table state_reference_probe (state_code text not null references states (alpha3))');
    await db.query("insert into state_reference_probe values ('BOL')");
    await assert.rejects(db.query("insert into state_reference_probe values ('XXX')"), /foreign key|violates/);
    await db.exec('drop table state_reference_probe');
  });

  test('migrate() corrects rows that differ from the data file, and rewrites nothing when none does', async () => {
    await db.query(`update states set names = jsonb_set(names, '{en}', '"Bolivia"'), regional_group = 'african' where alpha3 = 'BOL'`);
    await db.query(`update states set updated_at = '2000-01-01' where alpha3 <> 'BOL'`);
    assert.deepEqual(await migrate(db), [], 'no SQL migration is applied again');
    const bolivia = await findState(db, 'BOL');
    assert.equal(bolivia!.names.en, 'Bolivia (Plurinational State of)');
    assert.equal(bolivia!.regionalGroup, 'latin-american-caribbean');
    const { rows } = await db.query<{ count: number }>("select count(*)::integer as count from states where updated_at > '2000-01-01'");
    assert.equal(rows[0]!.count, 1, 'only the corrected row was written');
  });

  test('findState takes alpha-2 or alpha-3 in any case, and answers null for anything else', async () => {
    for (const code of ['BOL', 'bol', 'Bo', 'BO']) assert.equal((await findState(db, code))?.alpha3, 'BOL', code);
    for (const code of ['XX', 'XXX', '', 'B0L', 'BOLI', "BO' or 1=1 --", '068']) assert.equal(await findState(db, code), null, code);
    const palestine = await findState(db, 'ps');
    assert.equal(palestine!.status, 'observer');
    assert.equal(palestine!.regionalGroup, null);
    assert.equal(stateName(palestine!, 'ar'), 'دولة فلسطين');
  });

  test('listStates: every State by alpha-3, or narrowed by group and status', async () => {
    const all = await listStates(db);
    assert.equal(all.length, 195);
    assert.deepEqual(all.map((state) => state.alpha3), all.map((state) => state.alpha3).sort());
    const african = await listStates(db, { group: 'african' });
    assert.equal(african.length, 54);
    assert.ok(african.every((state) => state.regionalGroup === 'african'));
    assert.deepEqual((await listStates(db, { status: 'observer' })).map((state) => state.alpha3), ['PSE', 'VAT']);
    assert.deepEqual(await listStates(db, { group: 'african', status: 'observer' }), []);
  });
});

describe('GET /api/states', () => {
  test('lists the 195 States sorted by alpha-3, with codes, group, M49 areas and names by language', async () => {
    const response = await app.inject('/api/states');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = response.json() as { states: Array<Record<string, unknown>>; regionalGroups: Array<{ id: string; names: Record<string, string> }> };
    assert.equal(body.states.length, 195);
    const codes = body.states.map((state) => state.alpha3 as string);
    assert.deepEqual(codes, [...codes].sort());
    assert.deepEqual(body.states.find((state) => state.alpha3 === 'BOL'), {
      alpha2: 'BO',
      alpha3: 'BOL',
      m49: '068',
      status: 'member',
      regionalGroup: 'latin-american-caribbean',
      regionalGroupNote: null,
      region: { code: '019', name: { ar: 'الأمريكتان', en: 'Americas', es: 'Américas', fr: 'Amériques', ru: 'Америка', zh: '美洲' } },
      subregion: {
        code: '419',
        name: {
          ar: 'أمريكا اللاتينية ومنطقة البحر الكاريبي',
          en: 'Latin America and the Caribbean',
          es: 'América Latina y el Caribe',
          fr: 'Amérique latine et Caraïbes',
          ru: 'Латинская Америка и Карибский бассейн',
          zh: '拉丁美洲和加勒比',
        },
      },
      intermediateRegion: { code: '005', name: { ar: 'أمريكا الجنوبية', en: 'South America', es: 'América del Sur', fr: 'Amérique du Sud', ru: 'Южная Америка', zh: '南美洲' } },
      names: {
        ar: 'بوليفيا (دولة - المتعددة القوميات)',
        en: 'Bolivia (Plurinational State of)',
        es: 'Bolivia (Estado Plurinacional de)',
        fr: 'Bolivie (État plurinational de)',
        ru: 'Боливия (Многонациональное Государство)',
        zh: '多民族玻利维亚国',
      },
    });
    assert.deepEqual(body.regionalGroups.map((group) => group.id), ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'western-european-other']);
  });

  test('?group= and ?status= narrow the list; other values are a 400 problem', async () => {
    const weog = (await app.inject('/api/states?group=western-european-other')).json() as { states: Array<{ alpha3: string; regionalGroup: string }> };
    assert.equal(weog.states.length, 29);
    assert.ok(weog.states.some((state) => state.alpha3 === 'USA'));
    assert.ok(weog.states.every((state) => state.regionalGroup === 'western-european-other'));
    const observers = (await app.inject('/api/states?status=observer')).json() as { states: Array<{ alpha3: string }> };
    assert.deepEqual(observers.states.map((state) => state.alpha3), ['PSE', 'VAT']);
    const members = (await app.inject('/api/states?status=member&group=')).json() as { states: unknown[] };
    assert.equal(members.states.length, 193);

    for (const query of ['group=WEOG', 'group=african&group=asia-pacific', 'status=members', 'status=']) {
      const response = await app.inject(`/api/states?${query}`);
      if (query === 'status=') {
        assert.equal(response.statusCode, 200, 'an empty filter is no filter');
        continue;
      }
      assert.equal(response.statusCode, 400, query);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.json().code, 'states.invalid', query);
    }
  });

  test('GET /api/states/:code answers one State for alpha-2 or alpha-3 in any case', async () => {
    for (const code of ['TUR', 'tr', 'tur']) {
      const response = await app.inject(`/api/states/${code}`);
      assert.equal(response.statusCode, 200, code);
      const state = response.json() as { alpha3: string; names: Record<Locale, string>; regionalGroupNote: Record<Locale, string> };
      assert.equal(state.alpha3, 'TUR');
      assert.equal(state.names.en, 'Türkiye');
      assert.match(state.regionalGroupNote.en, /electoral purposes/);
    }
  });

  test('an unknown code is a 404 problem in the reader\'s language', async () => {
    const english = await app.inject('/api/states/xx');
    assert.equal(english.statusCode, 404);
    assert.match(String(english.headers['content-type']), /^application\/problem\+json/);
    assert.equal(english.json().code, 'state.not_found');
    assert.match(english.json().detail, /No Member State or observer State has the code xx/);

    const french = await app.inject({ url: '/api/states/xx', headers: { 'accept-language': 'fr-FR,fr;q=0.9' } });
    assert.equal(french.statusCode, 404);
    assert.equal(french.headers['content-language'], 'fr');
    assert.equal(french.json().title, translate('fr', 'problem.notFound.title'));
    assert.equal(french.json().code, 'state.not_found');

    const arabic = await app.inject('/api/states/zzz?lang=ar');
    assert.equal(arabic.json().title, translate('ar', 'problem.notFound.title'));
  });
});

describe('States pages', () => {
  test('/en/states lists every State by regional group, observer States apart, in English alphabetical order', async () => {
    const response = await app.inject('/en/states');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="en" dir="ltr">/);
    const main = mainOf(response.body);
    const headings = [...main.matchAll(/<h2 id="group-([a-z-]+)">([^<]+)<\/h2>/g)].map((match) => match[1]);
    assert.deepEqual(headings, ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'western-european-other', 'observers']);
    const collator = new Intl.Collator('en');
    let total = 0;
    for (const id of headings) {
      const names = namesInSection(main, `group-${id}`);
      assert.deepEqual(names, [...names].sort(collator.compare), `${id} in English order`);
      total += names.length;
    }
    assert.equal(total, 195);
    assert.deepEqual(namesInSection(main, 'group-observers'), ['Holy See', 'State of Palestine']);
    assert.ok(namesInSection(main, 'group-latin-american-caribbean').includes('Bolivia (Plurinational State of)'));
    assert.match(main, /<a href="\/en\/states\/BOL">Bolivia \(Plurinational State of\)<\/a><\/th><td>BOL<\/td><td>South America<\/td>/);
    // the site navigation leads here and marks it as the current section
    assert.match(response.body, /<a href="\/en\/states" aria-current="page">Member States<\/a>/);
  });

  test('/ar/states is right to left, in Arabic, in Arabic alphabetical order', async () => {
    const response = await app.inject('/ar/states');
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /<html lang="ar" dir="rtl">/);
    const main = mainOf(response.body);
    assert.ok(main.includes(`<h1>${STATES_MESSAGES.ar['states.title']}</h1>`));
    assert.ok(main.includes('<h2 id="group-african">مجموعة الدول الأفريقية</h2>'));
    const collator = new Intl.Collator('ar');
    const african = namesInSection(main, 'group-african');
    assert.equal(african.length, 54);
    assert.deepEqual(african, [...african].sort(collator.compare));
    // Arabic order is not the order of the codes, nor of the English names.
    const english = namesInSection(mainOf((await app.inject('/en/states')).body), 'group-african');
    const byEnglish = (await listStates(db, { group: 'african' })).sort((a, b) => new Intl.Collator('en').compare(a.names.en, b.names.en));
    assert.deepEqual(english, byEnglish.map((state) => state.names.en));
    assert.notDeepEqual(african, byEnglish.map((state) => state.names.ar));
    assert.equal(african[0], 'إثيوبيا');
  });

  test('the filter form shows one group without JavaScript, and keeps the language switcher on it', async () => {
    const response = await app.inject('/fr/states?group=eastern-european');
    assert.equal(response.statusCode, 200);
    const main = mainOf(response.body);
    assert.match(main, /<form method="get" action="\/fr\/states"><label for="group">Groupe régional<\/label>/);
    assert.match(main, /<option value="eastern-european" selected>Groupe des États d&#39;Europe orientale<\/option>/);
    assert.deepEqual([...main.matchAll(/<h2 id="group-([a-z-]+)">/g)].map((match) => match[1]), ['eastern-european']);
    assert.equal(namesInSection(main, 'group-eastern-european').length, 23);
    assert.ok(response.body.includes('href="/ru/states?group=eastern-european"'));

    const observers = mainOf((await app.inject('/es/states?group=observers')).body);
    assert.deepEqual(namesInSection(observers, 'group-observers'), ['Estado de Palestina', 'Santa Sede']);
  });

  test('an unknown group is shown again with an error summary linked to the field, and every State', async () => {
    const response = await app.inject('/en/states?group=weog');
    assert.equal(response.statusCode, 400);
    const main = mainOf(response.body);
    assert.match(main, /<div role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">There is a problem<\/h2>\s*<ul><li><a href="#group">Choose a regional group from the list\.<\/a>/);
    assert.match(main, /<select id="group" name="group" aria-invalid="true" aria-describedby="group-error">/);
    assert.equal([...main.matchAll(/<section aria-labelledby="group-/g)].length, 6);
  });

  test('a State page: names in the six languages, codes, group and regions, and the national focal point section', async () => {
    const response = await app.inject('/en/states/BOL');
    assert.equal(response.statusCode, 200);
    const main = mainOf(response.body);
    assert.match(main, /<h1>Bolivia \(Plurinational State of\)<\/h1>/);
    assert.match(response.body, /<title>Bolivia \(Plurinational State of\) · NormHub<\/title>/);
    assert.match(main, /<td lang="fr" dir="ltr">Bolivie \(État plurinational de\)<\/td>/);
    assert.match(main, /<td lang="ar" dir="rtl">بوليفيا \(دولة - المتعددة القوميات\)<\/td>/);
    assert.match(main, /<td lang="zh" dir="ltr">多民族玻利维亚国<\/td>/);
    assert.match(main, /<dt>ISO 3166-1 alpha-2 code<\/dt><dd>BO<\/dd>/);
    assert.match(main, /<dt>M49 code<\/dt><dd>068<\/dd>/);
    assert.match(main, /<dt>Regional group<\/dt><dd><a href="\/en\/states\?group=latin-american-caribbean">Latin American and Caribbean States<\/a><\/dd>/);
    assert.match(main, /<dt>Intermediate region<\/dt><dd>South America \(005\)<\/dd>/);
    assert.match(main, /<h2 id="focal-point">National focal point<\/h2>\s*<p>Each State is encouraged to identify at least one contact person/);
    assert.match(main, /<p>This State has not yet identified a contact person\.<\/p>/);
    assert.ok(response.body.includes('<a href="/en/states" aria-current="true">Member States</a>'));
  });

  test('the observer and noted States say so in the page\'s language', async () => {
    const holySee = mainOf((await app.inject('/ru/states/VAT')).body);
    assert.match(holySee, /<h1>Святой Престол<\/h1>/);
    assert.ok(holySee.includes(STATES_MESSAGES.ru['state.status.observer']));
    assert.ok(holySee.includes(STATES_MESSAGES.ru['state.group.none']));
    const unitedStates = mainOf((await app.inject('/fr/states/USA')).body);
    assert.match(unitedStates, /<h1>États-Unis d&#39;Amérique<\/h1>/);
    assert.match(unitedStates, /en qualité d&#39;observateur/);
  });

  test('alpha-2 and lower-case codes lead to the State\'s one address; an unknown code is a 404 page', async () => {
    const redirect = await app.inject('/zh/states/bo');
    assert.equal(redirect.statusCode, 301);
    assert.equal(redirect.headers.location, '/zh/states/BOL');
    for (const url of ['/en/states/XX', '/en/states/XYZ', '/en/states/123', '/ar/states/zz']) {
      const response = await app.inject(url);
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /^text\/html/);
    }
    const arabic = await app.inject('/ar/states/zz');
    assert.match(arabic.body, /<html lang="ar" dir="rtl">/);
    assert.ok(arabic.body.includes(translate('ar', 'error.notFound.title')));
    assert.equal((await app.inject('/xx/states')).statusCode, 404);
  });

  test('the State page says whether the State has a contact person, and links the directory only for those who may read it', async () => {
    const page = async (code: string, cookie = '') => (await app.inject({ url: `/en/states/${code}`, headers: cookie ? { cookie } : {} })).body;
    const directoryLink = (code: string) => `href="/en/states/${code}/contacts"`;
    assert.match(await page('GHA'), /<p>This State has not yet identified a contact person\.<\/p>/);

    const focalPoint = await createAccount(db, { role: 'focal_point', stateCode: 'GHA', name: 'Ama Mensah' });
    const publicPage = await page('GHA');
    assert.match(publicPage, /<p>This State has identified a contact person\.<\/p>/);
    // The public learns that there is one, never who.
    assert.ok(!publicPage.includes('Ama Mensah') && !publicPage.includes(focalPoint.email));
    assert.ok(!publicPage.includes(directoryLink('GHA')));

    const own = await signIn(app, focalPoint);
    assert.ok((await page('GHA', own.cookie)).includes(directoryLink('GHA')));
    assert.ok(!(await page('SEN', own.cookie)).includes(directoryLink('SEN')), 'no link to another State\'s directory');

    const officer = await createAccount(db, { role: 'officer' });
    assert.ok((await page('SEN', (await signIn(app, officer)).cookie)).includes(directoryLink('SEN')));
    const spanish = (await app.inject('/es/states/SEN')).body;
    assert.match(spanish, /<p>Este Estado aún no ha designado una persona de contacto\.<\/p>/);
  });
});
