// Lineage: the same instrument in several documents is one instrument. Finds, in the current
// version of every document, the annexes that hold an instrument's text, and records them in
// instrument_texts. Whatever imports documents recomputes it once at the end (importSources, so
// the first-start seed and `normhub import` too), so readers need not check on every request:
// ensureInstrumentTexts compares the documents' signature once per process and database, for a
// database filled by an older version of NormHub (or rows stored without importSources).

import type { Db } from '../db/db.ts';
import { findInstrument } from './catalogue.ts';
import { instrumentOfAttachment } from './reader-logic.ts';
import {
  documentsSignature,
  listTopAttachments,
  readState,
  replaceInstrumentTexts,
  writeState,
  type InstrumentTextRow,
} from './reader-store.ts';

const SIGNATURE_KEY = 'instrument_texts.signature';

/** Databases whose lineage this process has checked (or recomputed) since it started. */
const checked = new WeakMap<Db, Promise<void>>();

export async function recomputeInstrumentTexts(db: Db): Promise<{ texts: number }> {
  const result = await db.transaction(async (tx) => {
    const signature = await documentsSignature(tx);
    const attachments = await listTopAttachments(tx);
    const found: Array<InstrumentTextRow & { symbol: string; adopted: string | null }> = [];
    for (const attachment of attachments) {
      const instrument = instrumentOfAttachment({ symbol: attachment.symbol }, { id: attachment.nodeId, heading: attachment.heading }, attachment.annexCount);
      if (!instrument) continue;
      found.push({
        instrumentId: instrument.id,
        documentId: attachment.documentId,
        language: attachment.language,
        nodeId: attachment.nodeId,
        isPrimary: false,
        symbol: attachment.symbol,
        adopted: attachment.adopted,
      });
    }
    // One primary text per instrument and language: the adopting act's text, else the latest.
    const groups = new Map<string, typeof found>();
    for (const row of found) {
      const key = `${row.instrumentId}\u0000${row.language}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const rows of groups.values()) {
      const acts = findInstrument(rows[0]!.instrumentId)?.adoptions.map((adoption) => adoption.symbol) ?? [];
      const rank = (row: (typeof rows)[number]) => {
        const act = acts.indexOf(row.symbol);
        return act >= 0 ? act : acts.length + 1;
      };
      const sorted = [...rows].sort((a, b) => rank(a) - rank(b) || (b.adopted ?? '').localeCompare(a.adopted ?? '') || a.symbol.localeCompare(b.symbol));
      sorted[0]!.isPrimary = true;
    }
    await replaceInstrumentTexts(
      tx,
      found.map(({ instrumentId, documentId, language, nodeId, isPrimary }) => ({ instrumentId, documentId, language, nodeId, isPrimary })),
    );
    await writeState(tx, SIGNATURE_KEY, signature);
    return { texts: found.length };
  });
  checked.set(db, Promise.resolve());
  return result;
}

/**
 * The cheap guard readers call: the first call for a database in this process recomputes the
 * lineage if the documents changed since it was last computed; later calls cost nothing.
 */
export function ensureInstrumentTexts(db: Db): Promise<void> {
  let check = checked.get(db);
  if (!check) {
    check = (async () => {
      const [signature, stored] = await Promise.all([documentsSignature(db), readState(db, SIGNATURE_KEY)]);
      if (signature !== stored) await recomputeInstrumentTexts(db);
    })();
    checked.set(db, check);
    // A failed check (the database away for a moment) is tried again by the next reader.
    check.catch(() => {
      if (checked.get(db) === check) checked.delete(db);
    });
  }
  return check;
}
