// Builds DOCX, PDF and zip files in memory for the importer tests, so that no binary fixture
// is committed. Footnote markers are written "[^1]" (Markdown's footnote syntax) in the text.

import { Document, FootnoteReferenceRun, HeadingLevel, LevelFormat, Packer, Paragraph, Tab, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

const MARKER = /(\[\^\w+\])/;

function markerId(part: string): string | null {
  return /^\[\^(\w+)\]$/.exec(part)?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// DOCX

export type DocxParagraph =
  | string
  | {
      text: string;
      /** Word's "Heading 1" style */
      heading?: boolean;
      /** numbered by Word's automatic list numbering ("1." then the text), not by typed digits */
      autoNumbered?: boolean;
    };

/** Runs of a paragraph: "\t" becomes a Word tab, "[^1]" a reference to footnote 1. */
function docxRuns(text: string): Array<TextRun | FootnoteReferenceRun> {
  return text.split(MARKER).filter(Boolean).map((part) => {
    const id = markerId(part);
    if (id) return new FootnoteReferenceRun(Number(id));
    const pieces = part.split('\t').flatMap((piece, i) => (i === 0 ? [piece] : [new Tab(), piece]));
    return new TextRun({ children: pieces.filter((piece) => piece !== '') });
  });
}

/** A .docx with the given paragraphs; footnotes are keyed by their id, as referred to by "[^id]". */
export async function buildDocx(paragraphs: DocxParagraph[], footnotes: Record<number, string> = {}): Promise<Uint8Array> {
  const document = new Document({
    numbering: {
      config: [{
        reference: 'operative',
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }],
      }],
    },
    footnotes: Object.fromEntries(Object.entries(footnotes).map(([id, text]) => [id, { children: [new Paragraph({ children: docxRuns(text) })] }])),
    sections: [{
      children: paragraphs.map((paragraph) => {
        const spec = typeof paragraph === 'string' ? { text: paragraph } : paragraph;
        return new Paragraph({
          children: docxRuns(spec.text),
          ...(spec.heading ? { heading: HeadingLevel.HEADING_1 } : {}),
          ...(spec.autoNumbered ? { numbering: { reference: 'operative', level: 0 } } : {}),
        });
      }),
    }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

// ---------------------------------------------------------------------------------------------
// PDF

export interface PdfPage {
  /** a running header at the top of the page, in a small font */
  header?: string;
  /** body paragraphs, wrapped to the page width; "[^1]" is set as a raised, smaller marker */
  paragraphs: string[];
  /** footnotes at the foot of the page, each led by its raised marker */
  footnotes?: Array<{ marker: string; text: string }>;
}

export interface PdfOptions {
  /** lock the file with this password (pdfkit encrypts it) */
  userPassword?: string;
}

const PAGE_WIDTH = 595; // A4
const MARGIN = 72;
const BODY_SIZE = 12;
const MARKER_SIZE = 7;
const MARKER_RAISE = 4; // points above the baseline, a third of the body size as Word does
const LINE_HEIGHT = 14;
const PARAGRAPH_SPACE = 10;

/** Draws text with its baseline at y (pdfkit's y is otherwise the top of the line). */
function drawAt(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): number {
  pdf.fontSize(size).text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
  return pdf.widthOfString(text);
}

function wordWidth(pdf: PDFKit.PDFDocument, word: string, size: number): number {
  return word.split(MARKER).filter(Boolean).reduce((width, part) => {
    const marker = markerId(part);
    return width + pdf.fontSize(marker ? MARKER_SIZE : size).widthOfString(marker ?? part);
  }, 0);
}

function drawWord(pdf: PDFKit.PDFDocument, word: string, x: number, y: number, size: number): void {
  for (const part of word.split(MARKER).filter(Boolean)) {
    const marker = markerId(part);
    x += marker ? drawAt(pdf, marker, x, y - MARKER_RAISE, MARKER_SIZE) : drawAt(pdf, part, x, y, size);
  }
}

/** Lays a paragraph out word by word, wrapping at the right margin; returns the next baseline. */
function drawParagraph(pdf: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): number {
  const space = pdf.fontSize(size).widthOfString(' ');
  let cursor = x;
  for (const word of text.split(' ')) {
    const width = wordWidth(pdf, word, size);
    if (cursor > x && cursor + width > PAGE_WIDTH - MARGIN) {
      cursor = x;
      y += LINE_HEIGHT;
    }
    drawWord(pdf, word, cursor, y, size);
    cursor += width + space;
  }
  return y + LINE_HEIGHT;
}

/** A PDF with one page per entry, laid out like a United Nations resolution. */
export async function buildPdf(pages: PdfPage[], options: PdfOptions = {}): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, ...(options.userPassword ? { userPassword: options.userPassword } : {}) });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.font('Helvetica');

  for (const page of pages) {
    pdf.addPage();
    if (page.header) drawAt(pdf, page.header, MARGIN, 45, 9);
    let y = 110;
    for (const paragraph of page.paragraphs) y = drawParagraph(pdf, paragraph, MARGIN, y, BODY_SIZE) + PARAGRAPH_SPACE;
    const notes = page.footnotes ?? [];
    let footY = 780 - notes.length * 11;
    if (notes.length > 0) pdf.moveTo(MARGIN, footY - 12).lineTo(MARGIN + 100, footY - 12).stroke();
    for (const note of notes) {
      drawAt(pdf, note.marker, MARGIN, footY - 3, 6);
      drawAt(pdf, note.text, MARGIN + 6, footY, 9);
      footY += 11;
    }
  }
  pdf.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

/** A PDF whose only page is a drawing, as a scan without OCR has no text either. */
export async function buildPdfWithoutText(): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.rect(100, 100, 300, 400).fill('#888888');
  pdf.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

// ---------------------------------------------------------------------------------------------
// ZIP

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A valid zip of uncompressed entries (enough for spreadsheets and archives that are not DOCX). */
export function buildZip(entries: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    directory.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directorySize = directory.reduce((size, part) => size + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, ...directory, end]));
}
