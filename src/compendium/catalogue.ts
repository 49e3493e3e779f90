// The catalogue of United Nations standards and norms in crime prevention and criminal justice:
// what each instrument is called, which act adopted it, and where it sits in the grouping that
// ECOSOC resolution 2003/30 set up for information-gathering (four categories, para. 3) and for
// the review cycles (five priority clusters, annex para. 8). Pure data and lookups, no I/O.

import { z } from 'zod';
import { INSTRUMENTS } from './catalogue-data.ts';

/** ECOSOC resolution 2003/30, paragraph 3 (a)-(d), in that order. */
export const CATEGORY_IDS = ['custody', 'cooperation', 'prevention-victims', 'governance'] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** ECOSOC resolution 2003/30, annex, paragraph 8 (a)-(e), in its order of priority. */
export const CLUSTER_IDS = [
  'juvenile-justice-prison-reform',
  'practitioner-conduct',
  'crime-prevention',
  'victims-witnesses',
  'international-cooperation',
] as const;
export type ClusterId = (typeof CLUSTER_IDS)[number];

/** How an instrument's provisions are numbered, which is also the prefix of their node ids ("rule-22"). */
export const PROVISION_KINDS = ['rule', 'principle', 'guideline', 'paragraph', 'article'] as const;
export type ProvisionKind = (typeof PROVISION_KINDS)[number];

/** What an act did to the instrument: the text was adopted in it, or an existing text was approved, welcomed, ... */
export const ADOPTION_ACTIONS = ['adopted', 'approved', 'endorsed', 'welcomed', 'annexed', 'extended', 'amended'] as const;
export type AdoptionAction = (typeof ADOPTION_ACTIONS)[number];

export interface Category {
  id: CategoryId;
  /** the letter of 2003/30 paragraph 3 */
  letter: 'a' | 'b' | 'c' | 'd';
  label: string;
  /** the official English text of 2003/30 paragraph 3 (x) */
  text: string;
}

export interface Cluster {
  id: ClusterId;
  /** the letter of 2003/30 annex paragraph 8 */
  letter: 'a' | 'b' | 'c' | 'd' | 'e';
  label: string;
  /** the official English text of 2003/30 annex paragraph 8 (x) */
  text: string;
}

export interface Adoption {
  /** normalised symbol (docs/citations.md), null when the act has no symbol we are sure of */
  symbol: string | null;
  /** the part of that document holding the text: "annex", "annex I", "chap. I, sect. B.2, annex", "C" */
  part: string | null;
  body: string;
  year: number | null;
  action: AdoptionAction;
}

export interface Instrument {
  /** stable slug, used in URLs and in Reference.instrument */
  id: string;
  /** official English name, with its "(the ... Rules)" suffix where it has one */
  name: string;
  /** the names people use: "Tokyo Rules", "Nelson Mandela Rules" */
  shortNames: string[];
  /** other names met in documents, including unofficial ones ("Havana Rules", "SMR") */
  aliases: string[];
  /** the acts, first the one that adopted the text; later ones approved, endorsed or amended it */
  adoptions: Adoption[];
  /** the body that adopted the text (a congress, the Assembly, the Council, ...) */
  body: string;
  year: number | null;
  supersedes: string[];
  supersededBy: string | null;
  category: CategoryId;
  clusters: ClusterId[];
  provisionKind: ProvisionKind;
  /** a Congress declaration, which speaks to every category; `category` is then its main thrust */
  crossCutting?: boolean;
  /** what is uncertain or worth knowing about the entry */
  note?: string;
}

const adoptionSchema = z.object({
  symbol: z.string().min(3).nullable(),
  part: z.string().min(1).nullable(),
  body: z.string().min(3),
  year: z.number().int().min(1945).max(2100).nullable(),
  action: z.enum(ADOPTION_ACTIONS),
});

/** The shape every catalogue entry must have; the tests hold the data to it. */
export const instrumentSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(5),
  shortNames: z.array(z.string().min(2)),
  aliases: z.array(z.string().min(2)),
  adoptions: z.array(adoptionSchema),
  body: z.string().min(3),
  year: z.number().int().min(1945).max(2100).nullable(),
  supersedes: z.array(z.string()),
  supersededBy: z.string().nullable(),
  category: z.enum(CATEGORY_IDS),
  clusters: z.array(z.enum(CLUSTER_IDS)).min(1),
  provisionKind: z.enum(PROVISION_KINDS),
  crossCutting: z.boolean().optional(),
  note: z.string().optional(),
});

const CATEGORIES: readonly Category[] = [
  {
    id: 'custody',
    letter: 'a',
    label: 'Persons in custody, non-custodial sanctions, juvenile and restorative justice',
    text: 'Standards and norms related primarily to persons in custody, non-custodial sanctions and juvenile and restorative justice',
  },
  {
    id: 'cooperation',
    letter: 'b',
    label: 'International cooperation',
    text: 'Standards and norms related primarily to legal, institutional and practical arrangements for international cooperation',
  },
  {
    id: 'prevention-victims',
    letter: 'c',
    label: 'Crime prevention and victims',
    text: 'Standards and norms related primarily to crime prevention and victim issues',
  },
  {
    id: 'governance',
    letter: 'd',
    label: 'Good governance, independence of the judiciary and integrity of personnel',
    text: 'Standards and norms related primarily to good governance, the independence of the judiciary and the integrity of criminal justice personnel',
  },
];

const CLUSTERS: readonly Cluster[] = [
  {
    id: 'juvenile-justice-prison-reform',
    letter: 'a',
    label: 'Juvenile justice and prison reform',
    text: 'Juvenile justice and prison reform, including alternatives to imprisonment and restorative justice',
  },
  {
    id: 'practitioner-conduct',
    letter: 'b',
    label: 'Conduct of law enforcement and criminal justice practitioners',
    text: 'The conduct of law enforcement and criminal justice practitioners, including the integrity of the judiciary',
  },
  {
    id: 'crime-prevention',
    letter: 'c',
    label: 'Public security and crime prevention',
    text: 'Public security and crime prevention',
  },
  {
    id: 'victims-witnesses',
    letter: 'd',
    label: 'Victims and witnesses',
    text: 'The treatment of victims and witnesses',
  },
  {
    id: 'international-cooperation',
    letter: 'e',
    label: 'International cooperation (model treaties)',
    text: 'Legal, institutional and practical arrangements for international cooperation (model treaties)',
  },
];

export function listInstruments(): readonly Instrument[] {
  return INSTRUMENTS;
}

export function listCategories(): readonly Category[] {
  return CATEGORIES;
}

export function listClusters(): readonly Cluster[] {
  return CLUSTERS;
}

const byId = new Map(INSTRUMENTS.map((instrument) => [instrument.id, instrument]));

export function findInstrument(id: string): Instrument | undefined {
  return byId.get(id);
}

/**
 * Reduces a name to the key the catalogue is indexed by: lower case, letters and digits only,
 * without a leading "the" or "United Nations" (documents write "the United Nations Standard
 * Minimum Rules ..." and "the Standard Minimum Rules ..." for the same text).
 */
export function normaliseInstrumentName(text: string): string {
  let key = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (;;) {
    const shorter = key.replace(/^the /, '').replace(/^united nations /, '');
    if (shorter === key) return key;
    key = shorter;
  }
}

/** Every name an instrument goes by: official name, short names and aliases. */
export function instrumentNames(instrument: Instrument): string[] {
  return [instrument.name, ...instrument.shortNames, ...instrument.aliases];
}

const byName = new Map<string, Instrument>();
for (const instrument of INSTRUMENTS) {
  for (const name of instrumentNames(instrument)) {
    const key = normaliseInstrumentName(name);
    // First come wins; the tests check that no two instruments share a name.
    if (key && !byName.has(key)) byName.set(key, instrument);
  }
}
// A name without its "(the ... Rules)" suffix still names the instrument ("United Nations Standard
// Minimum Rules for Non-custodial Measures"), unless another instrument has that very name: the
// Nelson Mandela Rules without their suffix read as the 1955 Standard Minimum Rules.
for (const instrument of INSTRUMENTS) {
  for (const name of instrumentNames(instrument)) {
    const base = /^(.*\S)\s*\([^()]+\)\s*$/.exec(name);
    const key = base ? normaliseInstrumentName(base[1]!) : '';
    if (key && !byName.has(key)) byName.set(key, instrument);
  }
}

/** The name keys of the whole catalogue, for the citation scanner. */
export function listInstrumentNameKeys(): ReadonlyMap<string, Instrument> {
  return byName;
}

/**
 * Finds an instrument by any of its names, tolerant of case, punctuation, a leading "the" or
 * "United Nations", and a "(the Tokyo Rules)" suffix. A suffix that is itself a name decides
 * ("... Prisoners (the Nelson Mandela Rules)" is the 2015 text, not the 1955 one).
 */
export function findInstrumentByName(text: string): Instrument | undefined {
  if (typeof text !== 'string') return undefined;
  const whole = byName.get(normaliseInstrumentName(text));
  if (whole) return whole;
  const suffix = /\(([^()]{1,120})\)\s*$/.exec(text);
  if (!suffix) return undefined;
  return byName.get(normaliseInstrumentName(suffix[1]!)) ?? byName.get(normaliseInstrumentName(text.slice(0, suffix.index)));
}

/** Normalises a symbol for comparison only: case and spaces do not distinguish UN symbols. */
function symbolKey(symbol: string): string {
  return symbol.replace(/\s+/g, '').toUpperCase();
}

/** Every act of the catalogue, by symbol key, built once: lookups run for each citation found. */
const actsBySymbol = new Map<string, Array<{ instrument: Instrument; adoption: Adoption }>>();
for (const instrument of INSTRUMENTS) {
  for (const adoption of instrument.adoptions) {
    if (adoption.symbol === null) continue;
    const key = symbolKey(adoption.symbol);
    const acts = actsBySymbol.get(key) ?? [];
    acts.push({ instrument, adoption });
    actsBySymbol.set(key, acts);
  }
}

/** The instruments that any act with this symbol adopted, approved, endorsed, ... */
export function findInstrumentsAdoptedBy(symbol: string): Instrument[] {
  if (typeof symbol !== 'string' || !symbol.trim()) return [];
  const acts = actsBySymbol.get(symbolKey(symbol)) ?? [];
  return [...new Set(acts.map((act) => act.instrument))];
}

/**
 * The one instrument a citation of `symbol` with `pinpoint` designates, if any: an act of the
 * catalogue must hold the text in the part the pinpoint names ("annex" of A/RES/45/110 is the
 * Tokyo Rules; the resolution without "annex" is only the resolution). An act with no part
 * recorded (one that welcomed or amended a text held elsewhere, or whose part we do not know)
 * designates nothing, and several candidates mean the citation does not say which.
 */
export function findInstrumentCited(symbol: string, pinpoint: string | null | undefined): Instrument | undefined {
  if (typeof symbol !== 'string') return undefined;
  const acts = actsBySymbol.get(symbolKey(symbol));
  if (!acts) return undefined;
  const point = (pinpoint ?? '').trim().toLowerCase();
  const matches = new Set<Instrument>();
  for (const { instrument, adoption } of acts) {
    const part = adoption.part?.toLowerCase();
    if (part !== undefined && (point === part || point.startsWith(part + ','))) matches.add(instrument);
  }
  return matches.size === 1 ? [...matches][0] : undefined;
}

/** The act by which a text got its United Nations standing: the first adoption that has a symbol. */
export function primaryAdoption(instrument: Instrument): Adoption | undefined {
  return instrument.adoptions.find((adoption) => adoption.symbol !== null);
}
