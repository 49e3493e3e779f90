// Use cases of the compendium reader: the catalogue with what is imported, one instrument with
// its texts, provisions, cross-references and explanations, one provision in its context.

import type { Db } from '../db/db.ts';
import { AppError } from '../errors.ts';
import type { DocumentNode, Footnote, Reference } from '../importer/document.ts';
import { walkNodes } from '../importer/document.ts';
import { cleanNum } from '../importer/node-ids-logic.ts';
import { listNotes } from '../importer/references-logic.ts';
import { findInstrument, listInstruments, type Instrument } from './catalogue.ts';
import { SEED_EXPLANATIONS } from './explanations-seed.ts';
import { ensureInstrumentTexts } from './lineage-service.ts';
import { ancestorPaths, diffTexts, plainLines, ProvisionIndex, relativePath, type DiffPart } from './reader-logic.ts';
import {
  findCurrentVersion,
  findImportedSymbols,
  findInstrumentTextOfNode,
  listExplanations,
  listIncomingCrossReferences,
  listInstrumentTexts,
  readVersionTree,
  upsertExplanation,
  type CurrentVersion,
  type InstrumentTextSummary,
} from './reader-store.ts';

export interface ReaderContext {
  db: Db;
}

export interface CatalogueEntry {
  instrument: Instrument;
  languages: string[];
}

/** The catalogue, each instrument with the languages its text is available in. */
export async function listCatalogue(ctx: ReaderContext): Promise<CatalogueEntry[]> {
  await ensureInstrumentTexts(ctx.db);
  const texts = await listInstrumentTexts(ctx.db, null);
  const languages = new Map<string, Set<string>>();
  for (const text of texts) languages.set(text.instrumentId, (languages.get(text.instrumentId) ?? new Set()).add(text.language));
  return listInstruments().map((instrument) => ({ instrument, languages: [...(languages.get(instrument.id) ?? [])].sort() }));
}

export interface ReferenceTarget {
  /** a page inside NormHub, an undocs.org address, or null */
  imported: boolean;
}

export interface CrossReferenceIn {
  /** provision of this instrument named by the reference ("rule-15") */
  provision: string;
  relation: string | null;
  sourceInstrumentId: string | null;
  /** canonical path of the referring provision in its instrument ("rule-5", "group-6") */
  sourcePath: string | null;
  /** the referring provision's number, when it is one provision ("Rule 5") */
  sourceNum: string | null;
  /** the first and last rule of the referring group, bare ("6", "18"), when a group refers */
  sourceRange: [string, string] | null;
  /** the referring group's number and title ("6. Health-care services"), when a group refers */
  sourceTitle: string | null;
  symbol: string;
  nodeId: string;
  text: string;
}

export interface InstrumentText {
  summary: InstrumentTextSummary;
  attachment: DocumentNode;
  footnotes: Footnote[];
  index: ProvisionIndex;
}

export interface InstrumentReading {
  instrument: Instrument;
  texts: InstrumentTextSummary[];
  text: InstrumentText | null;
  incoming: CrossReferenceIn[];
  /** full relative path -> explanation in the text's language (or the reader's) */
  explanations: Map<string, { language: string; text: string }>;
  importedSymbols: Set<string>;
  comparison: { from: InstrumentTextSummary; to: InstrumentTextSummary; parts: DiffPart[] } | null;
}

function chooseText(texts: InstrumentTextSummary[], { symbol, language, locale }: { symbol?: string | null; language?: string | null; locale: string }) {
  const matching = texts.filter((text) => (!symbol || text.symbol === symbol) && (!language || text.language === language));
  const pool = matching.length ? matching : texts;
  return (
    pool.find((text) => text.language === locale && text.isPrimary) ??
    pool.find((text) => text.language === locale) ??
    pool.find((text) => text.language === 'en' && text.isPrimary) ??
    pool.find((text) => text.language === 'en') ??
    pool[0]
  );
}

// A document's tree is read from JSON on every page otherwise: for the Bangkok Rules (90 KB)
// that is 11 ms of the 18 ms a provision page cost on the benchmark. A stored version never
// changes (a changed text is a new version), so the last trees read are kept, parsed, per
// database; and an annex's index with them. Pages must not change what they are given.
const KEPT_TREES = 16;
const keptTrees = new WeakMap<Db, Map<string, Promise<{ root: DocumentNode; footnotes: Footnote[] } | null>>>();
const keptIndexes = new WeakMap<DocumentNode, ProvisionIndex>();

type DocumentTree = CurrentVersion & { root: DocumentNode; footnotes: Footnote[] };

/** The current tree of a document, from the trees kept when its version is among them. */
async function loadDocumentTree(db: Db, documentId: number): Promise<DocumentTree | null> {
  const version = await findCurrentVersion(db, documentId);
  if (!version) return null;
  const read = await loadVersionTree(db, version);
  return read ? { ...version, ...read } : null;
}

/** One version's tree: kept, or read and kept. */
async function loadVersionTree(db: Db, version: Pick<CurrentVersion, 'versionId' | 'sha256'>): Promise<{ root: DocumentNode; footnotes: Footnote[] } | null> {
  let kept = keptTrees.get(db);
  if (!kept) keptTrees.set(db, (kept = new Map()));
  const key = `${version.versionId}:${version.sha256}`;
  let tree = kept.get(key);
  if (tree) {
    kept.delete(key); // most recently used last
  } else {
    tree = readVersionTree(db, version.versionId);
    tree.catch(() => kept.delete(key));
    if (kept.size >= KEPT_TREES) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, tree);
  return tree;
}

const keptNotes = new WeakMap<DocumentNode, ReturnType<typeof listNotes>>();
const keptSymbols = new WeakMap<DocumentNode, string[]>();

/** The notes of an annex and what each speaks for (listNotes), once per kept tree. */
function notesOfAttachment(attachment: DocumentNode): ReturnType<typeof listNotes> {
  let notes = keptNotes.get(attachment);
  if (!notes) keptNotes.set(attachment, (notes = listNotes(attachment)));
  return notes;
}

function indexOfAttachment(attachment: DocumentNode): ProvisionIndex {
  let index = keptIndexes.get(attachment);
  if (!index) keptIndexes.set(attachment, (index = new ProvisionIndex(attachment)));
  return index;
}

async function loadText(db: Db, summary: InstrumentTextSummary): Promise<InstrumentText | null> {
  const tree = await loadVersionTree(db, summary);
  const attachment = tree?.root.children.find((child) => child.id === summary.nodeId);
  if (!tree || !attachment) return null;
  return { summary, attachment, footnotes: tree.footnotes, index: indexOfAttachment(attachment) };
}

/** A document that holds cross-references: what each of its notes speaks for, and its annexes' indexes. */
interface ReferringText {
  /** node id of a note (or of a provision whose words refer) -> the node it speaks for */
  describes: Map<string, DocumentNode>;
  indexOf: (attachmentId: string) => ProvisionIndex | null;
}

async function loadReferringText(db: Db, documentId: number): Promise<ReferringText | null> {
  const tree = await loadDocumentTree(db, documentId);
  if (!tree) return null;
  const describes = new Map(listNotes(tree.root).map(({ note, describes }) => [note.id, describes] as const));
  return {
    describes,
    indexOf: (attachmentId) => {
      const attachment = tree.root.children.find((child) => child.id === attachmentId);
      return attachment ? indexOfAttachment(attachment) : null;
    },
  };
}

/** How the reader names the provision or group a reference comes from. */
function describeSource(node: DocumentNode | null): Pick<CrossReferenceIn, 'sourceNum' | 'sourceRange' | 'sourceTitle'> {
  if (!node) return { sourceNum: null, sourceRange: null, sourceTitle: null };
  if (node.kind !== 'hcontainer' && node.kind !== 'section') return { sourceNum: node.num ?? null, sourceRange: null, sourceTitle: null };
  const rules = [...walkNodes(node)].map(([each]) => each).filter((each) => each.kind === 'rule' && each.num);
  const title = [node.num, node.heading].filter(Boolean).join(' ') || null;
  const range: [string, string] | null = rules.length ? [cleanNum(rules[0]!.num!), cleanNum(rules[rules.length - 1]!.num!)] : null;
  return { sourceNum: null, sourceRange: range, sourceTitle: title };
}

function requireInstrument(id: string): Instrument {
  const instrument = findInstrument(id);
  if (!instrument) throw new AppError('instrument.not_found', `No instrument has the id ${id}.`, { instrument: id });
  return instrument;
}

/** Symbols that the references of these nodes and notes name. */
function referencedSymbols(nodes: Iterable<DocumentNode>, footnotes: Footnote[]): string[] {
  const symbols = new Set<string>();
  const add = (refs: Reference[] | undefined) => refs?.forEach((ref) => ref.symbol && symbols.add(ref.symbol));
  for (const node of nodes) add(node.refs);
  for (const footnote of footnotes) add(footnote.refs);
  return [...symbols];
}

export async function readInstrument(
  ctx: ReaderContext,
  input: { id: string; locale: string; symbol?: string | null; language?: string | null; compare?: string | null },
): Promise<InstrumentReading> {
  const instrument = requireInstrument(input.id);
  await ensureInstrumentTexts(ctx.db);
  const texts = await listInstrumentTexts(ctx.db, instrument.id);
  const chosen = chooseText(texts, input);
  const text = chosen ? await loadText(ctx.db, chosen) : null;

  const incomingRows = await listIncomingCrossReferences(ctx.db, instrument.id);
  const sources = new Map<number, Promise<ReferringText | null>>();
  const incoming: CrossReferenceIn[] = [];
  for (const row of incomingRows) {
    if (!sources.has(row.documentId)) sources.set(row.documentId, loadReferringText(ctx.db, row.documentId));
    const source = await sources.get(row.documentId)!;
    // The provision the note speaks for: "[Supplements rules 22-26 …]" for the group it leads.
    const described = source?.describes.get(row.nodeId) ?? null;
    let sourcePath: string | null = null;
    if (row.sourceInstrumentId && row.sourceAttachmentId && source) {
      const index = source.indexOf(row.sourceAttachmentId);
      const full = relativePath(row.sourceAttachmentId, described?.id ?? row.nodeId);
      sourcePath = full ? (index?.canonical.get(full) ?? full) : null;
    }
    // Prefer the English copy of a reference made in several language versions of the same text.
    for (const provision of row.provisions.length ? row.provisions : ['']) {
      if (incoming.some((seen) => seen.provision === provision && seen.sourceInstrumentId === row.sourceInstrumentId && seen.sourcePath === sourcePath && sourcePath))
        continue;
      incoming.push({
        provision,
        relation: row.relation,
        sourceInstrumentId: row.sourceInstrumentId,
        sourcePath,
        ...describeSource(described),
        symbol: row.symbol,
        nodeId: row.nodeId,
        text: row.text,
      });
    }
  }

  const explanations = new Map<string, { language: string; text: string }>();
  const stored = await listExplanations(ctx.db, instrument.id);
  const wanted = [input.locale, text?.summary.language ?? 'en'];
  for (const language of [...wanted].reverse()) {
    for (const row of stored) if (row.language === language) explanations.set(row.provisionPath, { language: row.language, text: row.text });
  }

  let cited = text ? keptSymbols.get(text.attachment) : undefined;
  if (text && !cited) keptSymbols.set(text.attachment, (cited = referencedSymbols([...walkNodes(text.attachment)].map(([node]) => node), text.footnotes)));
  const importedSymbols = cited ? await findImportedSymbols(ctx.db, cited) : new Set<string>();

  let comparison: InstrumentReading['comparison'] = null;
  if (text && input.compare) {
    const other = texts.find((candidate) => candidate.symbol === input.compare && candidate.language === text.summary.language);
    if (other && other.documentId !== text.summary.documentId) {
      const otherText = await loadText(ctx.db, other);
      if (otherText) {
        comparison = {
          from: other,
          to: text.summary,
          parts: diffTexts(plainLines(otherText.attachment).join('\n'), plainLines(text.attachment).join('\n')),
        };
      }
    }
  }
  return { instrument, texts, text, incoming, explanations, importedSymbols, comparison };
}

export interface ProvisionReading extends InstrumentReading {
  /** full path relative to the annex */
  path: string;
  canonical: string;
  node: DocumentNode;
  /** ancestors inside the annex, outermost first */
  ancestors: Array<{ path: string; canonical: string; node: DocumentNode }>;
  previous: { canonical: string; node: DocumentNode } | null;
  next: { canonical: string; node: DocumentNode } | null;
  /**
   * Notes that speak for this provision or a group holding it and stand outside it, outermost
   * first: on the page of Bangkok Rule 7, "[Supplements rules 22-26 …]" of its group 6.
   */
  notes: DocumentNode[];
  /** the cross-references this provision makes: in its own words and in the notes that speak for it or its groups */
  crossReferences: Reference[];
}

/** Kinds worth a "previous/next" step: the numbered provisions, not notes or groups. */
const STEP_KINDS = new Set(['rule', 'paragraph', 'article', 'section', 'hcontainer', 'point']);

export async function readProvision(
  ctx: ReaderContext,
  input: { id: string; address: string; locale: string; symbol?: string | null; language?: string | null },
): Promise<ProvisionReading> {
  const reading = await readInstrument(ctx, input);
  const text = reading.text;
  const path = text?.index.resolve(input.address);
  if (!text || !path) {
    throw new AppError('provision.not_found', `The instrument ${input.id} has no provision ${input.address}.`, { instrument: input.id, provision: input.address });
  }
  const node = text.index.nodes.get(path)!;
  const ancestors = ancestorPaths(text.index, path).map((ancestor) => ({
    path: ancestor,
    canonical: text.index.canonical.get(ancestor) ?? ancestor,
    node: text.index.nodes.get(ancestor)!,
  }));
  const siblings = [...text.index.nodes.entries()].filter(([, candidate]) => candidate.kind === node.kind || (STEP_KINDS.has(candidate.kind) && candidate.kind === node.kind));
  const at = siblings.findIndex(([candidate]) => candidate === path);
  const step = (entry: [string, DocumentNode] | undefined) => (entry ? { canonical: text.index.canonical.get(entry[0]) ?? entry[0], node: entry[1] } : null);
  const inside = new Set([...walkNodes(node)].map(([each]) => each));
  const holders = [...ancestors.map((ancestor) => ancestor.node), node];
  const speaking = notesOfAttachment(text.attachment)
    .filter(({ note, describes }) => note.kind === 'heading' && holders.includes(describes))
    .sort((a, b) => holders.indexOf(a.describes) - holders.indexOf(b.describes))
    .map(({ note }) => note);
  const notes = speaking.filter((note) => !inside.has(note));
  const crossReferences = [...speaking, node].flatMap((each) => (each.refs ?? []).filter((ref) => ref.kind === 'crossReference'));
  return {
    ...reading,
    path,
    canonical: text.index.canonical.get(path) ?? path,
    node,
    ancestors,
    previous: step(at > 0 ? siblings[at - 1] : undefined),
    next: step(at >= 0 ? siblings[at + 1] : undefined),
    notes,
    crossReferences,
  };
}

/** Where a node of a document is read as part of an instrument, if it is. */
export async function instrumentPermalinkOfNode(
  ctx: ReaderContext,
  { symbol, language, nodeId }: { symbol: string; language: string | null; nodeId: string },
): Promise<{ instrumentId: string; canonical: string; language: string; isPrimary: boolean } | null> {
  await ensureInstrumentTexts(ctx.db);
  const found = await findInstrumentTextOfNode(ctx.db, { symbol, language, nodeId });
  if (!found) return null;
  const tree = await loadDocumentTree(ctx.db, found.documentId);
  const attachment = tree?.root.children.find((child) => child.id === found.nodeId);
  if (!attachment) return null;
  const full = relativePath(found.nodeId, nodeId);
  if (full === null) return null;
  const canonical = full === '' ? '' : (indexOfAttachment(attachment).canonical.get(full) ?? full);
  return { instrumentId: found.instrumentId, canonical, language: found.language, isPrimary: found.isPrimary };
}

/** Stores (or replaces) the plain-language explanation of one provision. */
export async function saveExplanation(
  ctx: ReaderContext,
  input: { instrumentId: string; provisionPath: string; language: string; text: string },
  options: { overwrite?: boolean } = {},
): Promise<void> {
  requireInstrument(input.instrumentId);
  const text = input.text.trim();
  if (!text) throw new AppError('explanation.invalid', 'An explanation needs some text.');
  if (!/^[a-z]{2,3}$/.test(input.language)) throw new AppError('explanation.invalid', 'The language must be a code such as en or fr.');
  await upsertExplanation(ctx.db, { ...input, provisionPath: input.provisionPath.replace(/^\/+|\/+$/g, ''), text }, options);
}

/** The bundled explanations, added where missing (an edited one is kept). */
export async function importSeedExplanations(ctx: ReaderContext): Promise<{ count: number }> {
  for (const seed of SEED_EXPLANATIONS) await saveExplanation(ctx, seed, { overwrite: false });
  return { count: SEED_EXPLANATIONS.length };
}
