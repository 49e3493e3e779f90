// HTTP of the States: the list and one State, as pages and as JSON. Everything here is public.

import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { PUBLIC } from '../http/access.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
import { isRegionalGroup, isStateStatus, REGIONAL_GROUPS, STATE_STATUSES, type State, type StateContacts } from './states.ts';
import { findState, listRegionalGroups, listStates, readStateProfile } from './states-service.ts';
import { mayReadStateContacts, stateHasFocalPoint } from '../accounts/accounts-service.ts';
import { OBSERVERS_FILTER, renderStatePage, renderStatesPage, statePath, type StatesPageFilter } from './views/states-pages.ts';

function localeParam(value: string): Locale {
  if (!isLocale(value)) throw new AppError('page.not_found', `There is no interface language "${value}".`);
  return value;
}

/** A query parameter given once; '' and absent are the same. */
function singleValue(value: unknown): string | null {
  if (value === undefined || value === '') return null;
  return typeof value === 'string' ? value : String(value);
}

/** The JSON of one State: codes, status, group, M49 areas and names, every text by language. */
export function stateJson(state: State) {
  return {
    alpha2: state.alpha2,
    alpha3: state.alpha3,
    m49: state.m49,
    status: state.status,
    regionalGroup: state.regionalGroup,
    regionalGroupNote: state.regionalGroupNote,
    region: state.region,
    subregion: state.subregion,
    intermediateRegion: state.intermediateRegion,
    names: state.names,
  };
}

interface StatesQuery {
  group?: string | string[];
  status?: string | string[];
}

export function registerStateRoutes(app: FastifyInstance, { db }: { db: Db }): void {
  const ctx = { db };

  app.get<{ Params: { locale: string }; Querystring: StatesQuery }>('/:locale/states', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const given = Array.isArray(request.query.group) ? request.query.group.join(',') : singleValue(request.query.group);
    const valid = given === null || given === OBSERVERS_FILTER || isRegionalGroup(given);
    const filter = (valid ? given : null) as StatesPageFilter;
    const [states, groups] = await Promise.all([listStates(db), listRegionalGroups(db)]);
    // A group that is not in the list comes from an edited address: say so beside the form, and show every State.
    const page = renderStatesPage({ locale, states, groups, filter, invalidFilter: valid ? null : given!.slice(0, 100) });
    return reply.code(valid ? 200 : 400).type('text/html; charset=utf-8').send(page);
  });

  app.get<{ Params: { locale: string; code: string } }>('/:locale/states/:code', PUBLIC, async (request, reply) => {
    const locale = localeParam(request.params.locale);
    const state = await readStateProfile(ctx, request.params.code);
    // One address per State: "bo" and "bol" lead to /en/states/BOL.
    if (request.params.code !== state.alpha3) return reply.redirect(statePath(locale, state), 301);
    const [groups, hasContactPerson] = await Promise.all([listRegionalGroups(db), stateHasFocalPoint(db, state.alpha3)]);
    // Everyone learns whether the State has a contact person; only those who may read the directory get its link.
    const contacts: StateContacts = {
      hasContactPerson,
      directoryPath: mayReadStateContacts(request.actor, state.alpha3) ? `${statePath(locale, state)}/contacts` : null,
    };
    return reply.type('text/html; charset=utf-8').send(renderStatePage({ locale, state, groups, contacts }));
  });

  app.get<{ Querystring: StatesQuery }>('/api/states', PUBLIC, async (request) => {
    const group = singleValue(request.query.group);
    const status = singleValue(request.query.status);
    if (group !== null && !isRegionalGroup(group)) {
      throw new AppError('states.invalid', `The group parameter must be one of ${REGIONAL_GROUPS.join(', ')}.`);
    }
    if (status !== null && !isStateStatus(status)) {
      throw new AppError('states.invalid', `The status parameter must be one of ${STATE_STATUSES.join(', ')}.`);
    }
    const [states, groups] = await Promise.all([listStates(db, { group, status }), listRegionalGroups(db)]);
    return { states: states.map(stateJson), regionalGroups: groups };
  });

  app.get<{ Params: { code: string } }>('/api/states/:code', PUBLIC, async (request) => {
    const state = await findState(db, request.params.code);
    if (!state) {
      throw new AppError('state.not_found', `No Member State or observer State has the code ${request.params.code.slice(0, 20)}.`, {
        code: request.params.code.slice(0, 20),
      });
    }
    return stateJson(state);
  });
}
