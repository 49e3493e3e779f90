// Pages of the States: the list by regional group (observer States apart) with a filter form
// that works without JavaScript, and one State's page.

import { html, type SafeHtml } from '../../http/html.ts';
import { renderPage } from '../../http/layout.ts';
import { featureTranslator, languageName, LOCALES, textDirection, type Locale } from '../../i18n/i18n.ts';
import { STATES_MESSAGES } from '../states-messages.ts';
import { sortStatesByName, stateName, type RegionalGroup, type RegionalGroupId, type State, type StateContacts } from '../states.ts';

/** The page filter's value for the observer States, beside the group ids. */
export const OBSERVERS_FILTER = 'observers';
export type StatesPageFilter = RegionalGroupId | typeof OBSERVERS_FILTER | null;

export function statePath(locale: Locale, state: Pick<State, 'alpha3'>): string {
  return `/${locale}/states/${state.alpha3}`;
}

function statesPath(locale: Locale, filter: StatesPageFilter): string {
  return `/${locale}/states${filter ? `?group=${encodeURIComponent(filter)}` : ''}`;
}

/** The most precise M49 area: "Western Africa" says more than "Sub-Saharan Africa". */
function closestArea(state: State) {
  return state.intermediateRegion ?? state.subregion;
}

function statesTable(locale: Locale, states: State[], t: ReturnType<typeof featureTranslator<keyof (typeof STATES_MESSAGES)['en']>>): SafeHtml {
  return html`<table><thead><tr><th scope="col">${t('states.column.name')}</th><th scope="col">${t('states.column.code')}</th><th scope="col">${t('states.column.region')}</th></tr></thead>
<tbody>${sortStatesByName(states, locale).map(
    (state) =>
      html`<tr><th scope="row"><a href="${statePath(locale, state)}">${stateName(state, locale)}</a></th><td>${state.alpha3}</td><td>${closestArea(state).name[locale]}</td></tr>
`,
  )}</tbody></table>`;
}

export interface StatesPageInput {
  locale: Locale;
  states: State[];
  groups: RegionalGroup[];
  filter: StatesPageFilter;
  /** the filter value the reader sent when it was not one of the list's (shown with an error) */
  invalidFilter?: string | null;
}

export function renderStatesPage({ locale, states, groups, filter, invalidFilter = null }: StatesPageInput): string {
  const t = featureTranslator(STATES_MESSAGES, locale);
  const sections: SafeHtml[] = [];
  for (const group of groups) {
    if (filter && filter !== group.id) continue;
    const members = states.filter((state) => state.regionalGroup === group.id);
    sections.push(html`<section aria-labelledby="group-${group.id}"><h2 id="group-${group.id}">${group.names[locale]}</h2>
<p>${t('states.count', { count: members.length })}</p>
${statesTable(locale, members, t)}</section>
`);
  }
  if (!filter || filter === OBSERVERS_FILTER) {
    const observers = states.filter((state) => state.status === 'observer');
    sections.push(html`<section aria-labelledby="group-${OBSERVERS_FILTER}"><h2 id="group-${OBSERVERS_FILTER}">${t('states.observers')}</h2>
<p>${t('states.count', { count: observers.length })}</p>
${statesTable(locale, observers, t)}</section>
`);
  }

  const errorSummary = invalidFilter
    ? html`<div role="alert" aria-labelledby="error-summary-title"><h2 id="error-summary-title">${t('states.errorSummary')}</h2>
<ul><li><a href="#group">${t('states.filter.invalid')}</a></li></ul></div>
`
    : '';
  const options = [
    html`<option value="">${t('states.filter.all')}</option>`,
    ...groups.map((group) => html`<option value="${group.id}"${filter === group.id ? ' selected' : ''}>${group.names[locale]}</option>`),
    html`<option value="${OBSERVERS_FILTER}"${filter === OBSERVERS_FILTER ? ' selected' : ''}>${t('states.filter.observers')}</option>`,
  ];
  const form = html`<form method="get" action="/${locale}/states"><label for="group">${t('states.filter.label')}</label>
${invalidFilter ? html`<p id="group-error">${t('states.filter.invalid')}</p>` : ''}<select id="group" name="group"${invalidFilter ? html` aria-invalid="true" aria-describedby="group-error"` : ''}>${options}</select> <button type="submit">${t('states.filter.submit')}</button></form>
`;
  const body = html`<h1>${t('states.title')}</h1>
<p>${t('states.intro')}</p>
${errorSummary}${form}${sections}<p>${t('states.sources')}</p>`;
  return renderPage({ locale, title: t('states.title'), body, localePath: (other) => statesPath(other, filter) });
}

export interface StatePageInput {
  locale: Locale;
  state: State;
  groups: RegionalGroup[];
  /** whether the State has a contact person; null while the accounts feature does not say */
  contacts: StateContacts;
}

export function renderStatePage({ locale, state, groups, contacts }: StatePageInput): string {
  const t = featureTranslator(STATES_MESSAGES, locale);
  const name = stateName(state, locale);
  const group = groups.find((candidate) => candidate.id === state.regionalGroup);
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>
`;
  const details = html`<dl class="meta">
${row(t('state.status'), t(state.status === 'member' ? 'state.status.member' : 'state.status.observer'))}${row(
    t('state.group'),
    group
      ? html`<a href="${statesPath(locale, group.id)}">${group.names[locale]}</a>${state.regionalGroupNote ? html`<br>${state.regionalGroupNote[locale]}` : ''}`
      : t('state.group.none'),
  )}${row(t('state.alpha3'), state.alpha3)}${row(t('state.alpha2'), state.alpha2)}${row(t('state.m49'), state.m49)}${row(
    t('state.region'),
    `${state.region.name[locale]} (${state.region.code})`,
  )}${row(t('state.subregion'), `${state.subregion.name[locale]} (${state.subregion.code})`)}${
    state.intermediateRegion ? row(t('state.intermediateRegion'), `${state.intermediateRegion.name[locale]} (${state.intermediateRegion.code})`) : ''
  }</dl>`;

  const names = html`<table><thead><tr><th scope="col">${t('state.language')}</th><th scope="col">${t('state.name')}</th></tr></thead>
<tbody>${LOCALES.map(
    (language) =>
      html`<tr><th scope="row">${languageName(language, locale)}</th><td${language === locale ? '' : html` lang="${language}" dir="${textDirection(language)}"`}>${state.names[language]}</td></tr>
`,
  )}</tbody></table>`;

  const focalPoint = html`<section aria-labelledby="focal-point"><h2 id="focal-point">${t('state.focalPoint')}</h2>
<p>${t('state.focalPoint.about')}</p>
<p>${t(contacts.hasContactPerson ? 'state.focalPoint.has' : 'state.focalPoint.none')}</p>
${contacts.directoryPath ? html`<p><a href="${contacts.directoryPath}">${t('state.focalPoint.directory')}</a></p>` : ''}</section>`;

  const body = html`<p><a href="/${locale}/states">${t('state.back')}</a></p>
<h1>${name}</h1>
<section aria-labelledby="details"><h2 id="details">${t('state.details')}</h2>
${details}</section>
<section aria-labelledby="names"><h2 id="names">${t('state.names')}</h2>
${names}</section>
${focalPoint}
<p>${t('states.sources')}</p>`;
  return renderPage({ locale, title: name, body, localePath: (other) => statePath(other, state) });
}
