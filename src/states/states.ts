// The Member States of the United Nations and the two non-member observer States: types, the
// schema of the checked-in data file (src/states/data/states.json, built by
// scripts/build-states-data.ts) and the small pure rules pages and services share. No I/O here.

import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/i18n.ts';

/** The United Nations regional groups, in the order the United Nations lists them. */
export const REGIONAL_GROUPS = ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'western-european-other'] as const;
export type RegionalGroupId = (typeof REGIONAL_GROUPS)[number];

export const STATE_STATUSES = ['member', 'observer'] as const;
/** 'member': a Member State; 'observer': a non-member observer State (Holy See, State of Palestine). */
export type StateStatus = (typeof STATE_STATUSES)[number];

/** A text in each of the six official languages. */
export type LocalisedText = Record<Locale, string>;

/** An M49 area (region, sub-region or intermediate region) with its names. */
export interface M49Area {
  /** three digits, kept as text: "002" */
  code: string;
  name: LocalisedText;
}

export interface RegionalGroup {
  id: RegionalGroupId;
  names: LocalisedText;
}

export interface State {
  /** ISO 3166-1 alpha-2 */
  alpha2: string;
  /** ISO 3166-1 alpha-3, the key other features use (users.state_code, replies…) */
  alpha3: string;
  /** M49 numeric code, three digits */
  m49: string;
  status: StateStatus;
  /** null for the observer States, which are in no group */
  regionalGroup: RegionalGroupId | null;
  /** how the State stands in its group when that needs saying (the United States, Türkiye) */
  regionalGroupNote: LocalisedText | null;
  region: M49Area;
  subregion: M49Area;
  /** only where M49 has one (sub-Saharan Africa, Latin America and the Caribbean) */
  intermediateRegion: M49Area | null;
  /** the official United Nations short names */
  names: LocalisedText;
}

export interface StateFilters {
  group?: RegionalGroupId | null;
  status?: StateStatus | null;
}

/**
 * What the State page can show about the State's national focal point (the contact person of
 * ECOSOC resolution 2003/30, annex, paragraph 11). The accounts feature, which keeps the
 * directory, fills it; until it does, the State page receives null and says only what a focal
 * point is. The public sees whether the State has one; the directory itself is for the Secretariat.
 */
export interface StateContacts {
  hasContactPerson: boolean;
  /** the directory of the State's contact persons, for those allowed to read it; null for others */
  directoryPath: string | null;
}

export function isRegionalGroup(value: unknown): value is RegionalGroupId {
  return typeof value === 'string' && (REGIONAL_GROUPS as readonly string[]).includes(value);
}

export function isStateStatus(value: unknown): value is StateStatus {
  return typeof value === 'string' && (STATE_STATUSES as readonly string[]).includes(value);
}

/** The State's official short name in the locale's language. */
export function stateName(state: Pick<State, 'names'>, locale: Locale): string {
  return state.names[locale] || state.names.en;
}

/**
 * The States sorted by their names as the locale sorts them (Arabic by the Arabic alphabet,
 * Chinese by pinyin, "Émirats" among the E in French), not by code points.
 */
export function sortStatesByName<T extends Pick<State, 'names' | 'alpha3'>>(states: readonly T[], locale: Locale): T[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', ignorePunctuation: false });
  return [...states].sort((a, b) => collator.compare(stateName(a, locale), stateName(b, locale)) || (a.alpha3 < b.alpha3 ? -1 : 1));
}

/** A code as typed in an address: alpha-2 or alpha-3, any case. Null when it cannot be one. */
export function normaliseStateCode(code: unknown): string | null {
  return typeof code === 'string' && /^[A-Za-z]{2,3}$/.test(code) ? code.toUpperCase() : null;
}

// ---------------------------------------------------------------------------------------------
// The data file read at start (and written by scripts/build-states-data.ts).

const localisedText = z.object(Object.fromEntries(LOCALES.map((locale) => [locale, z.string().min(1)])) as Record<Locale, z.ZodString>).strict();

const source = z.object({
  title: z.string(),
  publisher: z.string(),
  urls: z.array(z.string()),
  retrieval: z.string(),
});

export const statesDatasetSchema = z.object({
  comment: z.string(),
  sources: z.record(z.string(), source),
  regionalGroups: z.array(z.object({ id: z.enum(REGIONAL_GROUPS), names: localisedText })),
  areas: z.array(
    z.object({
      code: z.string().regex(/^\d{3}$/),
      level: z.enum(['region', 'subregion', 'intermediate-region']),
      parent: z.string().regex(/^\d{3}$/).nullable(),
      names: localisedText,
    }),
  ),
  states: z.array(
    z.object({
      alpha2: z.string().regex(/^[A-Z]{2}$/),
      alpha3: z.string().regex(/^[A-Z]{3}$/),
      m49: z.string().regex(/^\d{3}$/),
      status: z.enum(STATE_STATUSES),
      regionalGroup: z.enum(REGIONAL_GROUPS).nullable(),
      regionalGroupNote: localisedText.nullable(),
      region: z.string().regex(/^\d{3}$/),
      subregion: z.string().regex(/^\d{3}$/),
      intermediateRegion: z.string().regex(/^\d{3}$/).nullable(),
      names: localisedText,
    }),
  ),
});
export type StatesDataset = z.infer<typeof statesDatasetSchema>;
export type StateRecord = StatesDataset['states'][number];
export type AreaRecord = StatesDataset['areas'][number];
