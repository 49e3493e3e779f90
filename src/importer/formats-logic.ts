// Turns a source file's bytes into text the importers can read, and refuses bad files
// (empty, binary, truncated, of an unknown kind, unreadable) with an AppError whose message
// names the file and says why in plain English.

import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import mammoth from 'mammoth';
import { AppError } from '../errors.ts';
import type { Diagnostic } from './document.ts';
import type { SourceFile } from './import-logic.ts';

export type SourceFormat = 'text' | 'markdown' | 'docx' | 'pdf' | 'akn';

export interface ExtractedText {
  text: string;
  warnings: Diagnostic[];
}

export interface ExtractOptions {
  /** PDF and DOCX reading gives up after this long, so that a hostile file cannot stall an import. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

// ---------------------------------------------------------------------------------------------
// Refusals

function refuse(file: SourceFile, code: string, reason: string, why: string, extra: Record<string, string> = {}): AppError {
  return new AppError(code, `${file.name}: ${why}`, { file: file.name, reason, ...extra });
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((byte, i) => bytes[at + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** Latin-1 view of a slice, for searching ASCII markers such as %PDF- and %%EOF. */
function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', Math.max(0, start), end);
}

// Binary kinds recognised by their first bytes, so that the refusal can say what the file is.
const BINARY_SIGNATURES: Array<{ magic: number[]; what: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: ascii('GIF8'), what: 'a GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { magic: ascii('MZ'), what: 'a Windows program' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'a program (ELF executable)' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { magic: ascii('Rar!'), what: 'a RAR archive' },
];

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function refuseKnownBinary(file: SourceFile): void {
  const { bytes } = file;
  for (const { magic, what } of BINARY_SIGNATURES) {
    if (startsWith(bytes, magic)) {
      throw refuse(file, 'import.binary_file', 'binary', `the file is ${what}, not a document with text`, { kind: what });
    }
  }
  if (startsWith(bytes, OLE2_MAGIC)) {
    // Word keeps a password-protected .docx inside an OLE2 container, the same container as
    // the old .doc/.xls formats; the extension tells the two apart.
    if (extensionOf(file.name) === 'docx') {
      throw refuse(file, 'import.unreadable_file', 'docx_encrypted',
        'the Word document is password-protected (encrypted); remove the password in Word and save it again');
    }
    throw refuse(file, 'import.unknown_format', 'legacy_office',
      'this is an old Microsoft Office file (.doc, .xls or .ppt); open it in Word and save it as .docx');
  }
  if (startsWith(bytes, ascii('{\\rtf'))) {
    throw refuse(file, 'import.unknown_format', 'rtf', 'this is an RTF file; open it in Word and save it as .docx');
  }
}

// ---------------------------------------------------------------------------------------------
// Text decoding

// Windows-1252 differs from Latin-1 only in 0x80–0x9F. Node's TextDecoder('windows-1252')
// decodes those bytes as Latin-1 C1 controls, so the table is spelled out here.
// The five bytes Windows-1252 leaves undefined stay C1 controls, which the binary check counts.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/** Control characters that never occur in real text (tab, line feed, form feed, carriage return excepted). */
function isStrayControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0b && code !== 0x0c && code !== 0x0d)
    || (code >= 0x7f && code <= 0x9f);
}

// Above this share of stray control characters the "text" is binary data; real documents have none.
const MAX_CONTROL_SHARE = 0.02;

/**
 * Decodes a text file: UTF-8 (with or without BOM), UTF-16 with a BOM, or, failing UTF-8,
 * Windows-1252 with a warning. Refuses NUL bytes, control-byte soup and whitespace-only files.
 */
function decodeText(file: SourceFile): ExtractedText {
  const { bytes } = file;
  const warnings: Diagnostic[] = [];
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) {
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    // UTF-8 and Windows-1252 text never contain NUL; binary files nearly always do.
    if (bytes.includes(0)) {
      throw refuse(file, 'import.binary_file', 'nul_bytes', 'the file contains NUL bytes, so it is binary data, not text');
    }
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      text = decodeWindows1252(body);
      warnings.push({
        line: 0,
        message: `${file.name}: the file is not valid UTF-8; it was read as Windows-1252 (Western European). Check accented letters and quotation marks.`,
      });
    }
  }
  let controls = 0;
  for (let i = 0; i < text.length; i++) if (isStrayControl(text.charCodeAt(i))) controls++;
  if (controls > 0 && controls / text.length > MAX_CONTROL_SHARE) {
    throw refuse(file, 'import.binary_file', 'control_bytes', 'the file is mostly control bytes, so it is binary data, not text');
  }
  if (text.trim() === '') {
    throw refuse(file, 'import.empty_file', 'only_whitespace', 'the file contains only blank space, no text');
  }
  return { text, warnings };
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

// Markdown markers that plain text from PDF or Word exports does not have.
const MARKDOWN_MARKERS = [
  /\*\*/,
  /<sup>/i,
  /^(- |#{1,6} )/m,
  /(?<![\w*])\*(?=\S)[^*\n]+?(?<=\S)\*(?![\w*])/, // *italic*, not "A/RES/1*" nor "**"
];

function looksLikeMarkdown(text: string): boolean {
  return MARKDOWN_MARKERS.some((marker) => marker.test(text));
}

// ---------------------------------------------------------------------------------------------
// XML (Akoma Ntoso)

/** Name of the root element, skipping the XML declaration, comments and DOCTYPE; null if the text does not start like XML. */
function xmlRootName(text: string): { name: string; at: number } | null {
  let i = 0;
  for (;;) {
    while (i < text.length && /[\s\uFEFF]/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) i = skipPast(text, '?>', i);
    else if (text.startsWith('<!--', i)) i = skipPast(text, '-->', i);
    else if (text.startsWith('<!DOCTYPE', i) || text.startsWith('<!doctype', i)) i = skipDoctype(text, i);
    else break;
    if (i < 0) return null;
  }
  const match = /^<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)/.exec(text.slice(i, i + 200));
  return match ? { name: match[1]!, at: i } : null;
}

function skipPast(text: string, end: string, from: number): number {
  const at = text.indexOf(end, from);
  return at < 0 ? -1 : at + end.length;
}

function skipDoctype(text: string, from: number): number {
  // A DOCTYPE may carry an internal subset in brackets, which contains '>' characters.
  const close = text.indexOf('>', from);
  const bracket = text.indexOf('[', from);
  if (bracket < 0 || (close >= 0 && close < bracket)) return close < 0 ? -1 : close + 1;
  const subsetEnd = skipPast(text, ']', bracket);
  return subsetEnd < 0 ? -1 : skipPast(text, '>', subsetEnd);
}

function localName(qualified: string): string {
  return qualified.slice(qualified.indexOf(':') + 1);
}

/** Whether decoded text is XML (or HTML) rather than plain text. */
function looksLikeXml(file: SourceFile, text: string): boolean {
  const head = text.replace(/^[\s\uFEFF]+/, '').slice(0, 20).toLowerCase();
  if (head.startsWith('<?xml') || head.startsWith('<!doctype html') || head.startsWith('<html')) return true;
  const root = xmlRootName(text);
  if (root && localName(root.name) === 'akomaNtoso') return true;
  return ['xml', 'akn'].includes(extensionOf(file.name)) && head.startsWith('<');
}

/** Refuses XML that is not Akoma Ntoso, or that stops before its root element is closed. */
function checkAkn(file: SourceFile, text: string): void {
  const root = xmlRootName(text);
  if (!root) {
    throw refuse(file, 'import.truncated_file', 'xml_no_root', 'the XML file ends before its first element; the file looks truncated');
  }
  const name = localName(root.name);
  if (name.toLowerCase() === 'html') {
    throw refuse(file, 'import.unknown_format', 'html', 'this is a web page (HTML), not a resolution document; save the resolution as Word, PDF or text');
  }
  if (name !== 'akomaNtoso') {
    throw refuse(file, 'import.unknown_format', 'xml_not_akn',
      `this XML file's root element is <${root.name}>, not <akomaNtoso>, so it is not an Akoma Ntoso document`, { root: root.name });
  }
  // A cut-off file is the common failure; full well-formedness is left to the AKN reader.
  const startTag = /^<[^>]*>/.exec(text.slice(root.at));
  if (startTag?.[0].endsWith('/>')) return;
  let tail = text.trimEnd();
  // Comments and processing instructions may follow the root element.
  for (;;) {
    const misc = /(<!--[\s\S]*?-->|<\?[\s\S]*?\?>)$/.exec(tail);
    if (!misc) break;
    tail = tail.slice(0, misc.index).trimEnd();
  }
  const closing = new RegExp(`</${root.name.replace(/[.]/g, '\\.')}\\s*>$`);
  if (!closing.test(tail)) {
    throw refuse(file, 'import.truncated_file', 'xml_unclosed',
      `the XML ends before its root element <${root.name}> is closed; the file looks truncated`);
  }
}

// ---------------------------------------------------------------------------------------------
// ZIP (DOCX container)

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const ZIP_END_OF_DIRECTORY = 0x06054b50;
const ZIP_DIRECTORY_ENTRY = 0x02014b50;

/**
 * Names of the entries listed in a zip's central directory, or null when the directory is
 * missing or runs past the end of the file (the zip was cut short). Reads only the directory,
 * so it stays cheap and synchronous.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record is 22 bytes plus a comment of at most 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === ZIP_END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (offset + size > end) return null;
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let at = offset; at + 46 <= offset + size && view.getUint32(at, true) === ZIP_DIRECTORY_ENTRY;) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_LOCAL_HEADER) || startsWith(bytes, ZIP_EMPTY_ARCHIVE);
}

/** Refuses a zip that is cut short or is not a Word document (spreadsheet, presentation, plain archive). */
function checkDocxContainer(file: SourceFile): void {
  const names = zipEntryNames(file.bytes);
  if (!names) {
    throw refuse(file, 'import.truncated_file', 'zip_no_central_directory',
      'the file ends before the zip directory that closes every Word document; the file looks truncated');
  }
  if (names.includes('word/document.xml')) return;
  if (names.includes('xl/workbook.xml')) {
    throw refuse(file, 'import.unknown_format', 'spreadsheet', 'this is an Excel workbook, not a Word document');
  }
  if (names.includes('ppt/presentation.xml')) {
    throw refuse(file, 'import.unknown_format', 'presentation', 'this is a PowerPoint presentation, not a Word document');
  }
  if (names.includes('content.xml') && names.includes('mimetype')) {
    throw refuse(file, 'import.unknown_format', 'opendocument', 'this is an OpenDocument file; open it and save it as .docx');
  }
  throw refuse(file, 'import.unknown_format', 'zip_not_docx', 'this is a zip archive, not a Word document (it has no word/document.xml)');
}

// ---------------------------------------------------------------------------------------------
// PDF container

/** '%PDF-' may be preceded by some junk; readers accept it within the first kilobyte. */
function isPdf(bytes: Uint8Array): boolean {
  return latin1(bytes, 0, 1024).includes('%PDF-');
}

function checkPdfEnd(file: SourceFile): void {
  // Every complete PDF ends with %%EOF, give or take trailing line ends or junk.
  const { bytes } = file;
  if (!latin1(bytes, bytes.length - 1024, bytes.length).includes('%%EOF')) {
    throw refuse(file, 'import.truncated_file', 'pdf_no_eof', 'the PDF ends before its end-of-file marker; the file looks truncated');
  }
}

// ---------------------------------------------------------------------------------------------
// Detection

/**
 * Detects the format of a source file by its content first (PDF, zip, XML signatures), its
 * extension second. Throws AppError('import.…') for files that cannot be imported.
 */
export function detectFormat(file: SourceFile): SourceFormat {
  if (file.bytes.length === 0) throw refuse(file, 'import.empty_file', 'no_bytes', 'the file is empty (0 bytes)');
  if (isPdf(file.bytes)) {
    checkPdfEnd(file);
    return 'pdf';
  }
  if (isZip(file.bytes)) {
    checkDocxContainer(file);
    return 'docx';
  }
  refuseKnownBinary(file);
  const { text } = decodeText(file);
  if (looksLikeXml(file, text)) {
    checkAkn(file, text);
    return 'akn';
  }
  if (['md', 'markdown'].includes(extensionOf(file.name))) return 'markdown';
  return looksLikeMarkdown(text) ? 'markdown' : 'text';
}

// ---------------------------------------------------------------------------------------------
// Extraction

/**
 * Extracts the text of a source file of a known format. Runs the same refusal checks as
 * detectFormat for that format, so callers may skip detection when the format is given.
 */
export async function extractText(file: SourceFile, format: SourceFormat, options: ExtractOptions = {}): Promise<ExtractedText> {
  if (file.bytes.length === 0) throw refuse(file, 'import.empty_file', 'no_bytes', 'the file is empty (0 bytes)');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  switch (format) {
    case 'text':
    case 'markdown': {
      refuseKnownBinary(file);
      const { text, warnings } = decodeText(file);
      return { text: normaliseNewlines(text), warnings };
    }
    case 'akn': {
      refuseKnownBinary(file);
      const decoded = decodeText(file);
      checkAkn(file, decoded.text);
      return decoded;
    }
    case 'docx':
      if (!isZip(file.bytes)) {
        refuseKnownBinary(file);
        throw refuse(file, 'import.unknown_format', 'not_docx', 'the file is not a Word document (.docx)');
      }
      checkDocxContainer(file);
      return extractDocx(file, timeoutMs);
    case 'pdf':
      if (!isPdf(file.bytes)) {
        refuseKnownBinary(file);
        throw refuse(file, 'import.unknown_format', 'not_pdf', 'the file is not a PDF (it does not start with %PDF-)');
      }
      checkPdfEnd(file);
      return extractPdf(file, timeoutMs);
  }
}

/**
 * Settles with `work`, or rejects with a "took too long" refusal after `ms`. The library work is
 * not interrupted (`cancel` lets it stop early where it can), but the import no longer waits.
 */
async function withTimeout<T>(file: SourceFile, ms: number, work: Promise<T>, cancel: () => void = () => {}): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cancel();
      reject(refuse(file, 'import.unreadable_file', 'timeout',
        `reading the file took longer than ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`}; the file may be damaged or too complex`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function toSuperscriptDigits(text: string): string {
  return text.replace(/[0-9]/g, (digit) => SUPERSCRIPT_DIGITS[Number(digit)]!);
}

// ---------------------------------------------------------------------------------------------
// DOCX
//
// mammoth's extractRawText keeps tabs but drops footnote references and the footnotes
// themselves; convertToHtml keeps them but as HTML links that would need a second parser.
// Instead we hand mammoth a `transformDocument` hook, which receives mammoth's document
// model (paragraphs, runs, tabs, note references, and the notes), and render that model to
// text ourselves; the HTML mammoth then produces is discarded.

interface MammothElement {
  type: string;
  children?: MammothElement[];
  value?: string;
  verticalAlignment?: string;
  noteType?: string;
  noteId?: string;
  breakType?: string;
  checked?: boolean;
  numbering?: { isOrdered: boolean; level: string } | null;
}

interface MammothNote {
  noteType: string;
  noteId: string;
  body: MammothElement[];
}

interface MammothDocument extends MammothElement {
  notes: { resolve(reference: { noteType: string; noteId: string }): MammothNote | null };
}

class DocxRenderer {
  readonly paragraphs: string[] = [];
  /** notes in the order of their first reference, each with the number Word shows for it */
  readonly notes: Array<{ marker: string; note: MammothNote | null }> = [];
  autoNumbered = 0;
  private readonly markers = new Map<string, string>();

  constructor(private readonly document: MammothDocument) {}

  renderBody(): void {
    for (const child of this.document.children ?? []) this.renderBlock(child);
  }

  private renderBlock(element: MammothElement): void {
    if (element.type === 'paragraph') {
      if (element.numbering?.isOrdered) this.autoNumbered++;
      const text = this.renderInline(element.children ?? []);
      if (text.trim() !== '') this.paragraphs.push(text);
    } else if (element.type === 'table') {
      // One line per row, cells separated by tabs, as Word's own text export does.
      for (const row of element.children ?? []) {
        const cells = (row.children ?? []).map((cell) =>
          (cell.children ?? []).map((paragraph) => this.renderInline(paragraph.children ?? [])).join(' ').trim());
        if (cells.some((cell) => cell !== '')) this.paragraphs.push(cells.join('\t'));
      }
    } else {
      for (const child of element.children ?? []) this.renderBlock(child);
    }
  }

  renderInline(elements: MammothElement[], superscript = false): string {
    let text = '';
    for (const element of elements) {
      switch (element.type) {
        case 'text':
          // Manually superscripted digits are footnote markers typed by hand.
          text += superscript && /^\s*[0-9]+\s*$/.test(element.value ?? '') ? toSuperscriptDigits(element.value!) : element.value;
          break;
        case 'tab':
          text += '\t';
          break;
        case 'break':
          text += '\n';
          break;
        case 'checkbox':
          text += element.checked ? '☒' : '☐';
          break;
        case 'noteReference':
          text += this.markerFor(element);
          break;
        case 'run':
          text += this.renderInline(element.children ?? [], element.verticalAlignment === 'superscript');
          break;
        default:
          // hyperlinks and other containers; images and bookmarks have no children, hence no text
          text += this.renderInline(element.children ?? [], superscript);
      }
    }
    return text;
  }

  /** Word numbers footnotes (and, continuing the count here, endnotes) in order of appearance, whatever their ids. */
  private markerFor(reference: MammothElement): string {
    const key = `${reference.noteType}-${reference.noteId}`;
    let marker = this.markers.get(key);
    if (!marker) {
      marker = toSuperscriptDigits(String(this.markers.size + 1));
      this.markers.set(key, marker);
      this.notes.push({ marker, note: this.document.notes.resolve({ noteType: reference.noteType!, noteId: reference.noteId! }) });
    }
    return marker;
  }
}

async function extractDocx(file: SourceFile, timeoutMs: number): Promise<ExtractedText> {
  let model: MammothDocument | undefined;
  const conversion = mammoth.convertToHtml({ buffer: Buffer.from(file.bytes) }, {
    externalFileAccess: false, // a document must not make us read files on this machine
    transformDocument: (document: MammothDocument) => {
      model = document;
      return document;
    },
  });
  try {
    await withTimeout(file, timeoutMs, conversion);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw refuse(file, 'import.unreadable_file', 'docx_damaged',
      `the Word document is damaged and cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!model) throw refuse(file, 'import.unreadable_file', 'docx_damaged', 'the Word document is damaged and cannot be read');

  const renderer = new DocxRenderer(model);
  renderer.renderBody();
  const footnoteLines: string[] = [];
  // A note's text may itself refer to further notes, which are appended while we go.
  for (let i = 0; i < renderer.notes.length; i++) {
    const { marker, note } = renderer.notes[i]!;
    const text = (note?.body ?? []).map((paragraph) => renderer.renderInline(paragraph.children ?? []).trim()).filter(Boolean).join(' ');
    footnoteLines.push(`${marker} ${text}`.trimEnd());
  }
  if (renderer.paragraphs.length === 0) {
    throw refuse(file, 'import.empty_file', 'no_text', 'the Word document contains no text');
  }

  const warnings: Diagnostic[] = [];
  if (renderer.autoNumbered > 0) {
    // mammoth tells that a paragraph is in a numbered list, not which number or style (1., (a), i.)
    // Word shows, so the numbers cannot be written into the text.
    warnings.push({
      line: 0,
      message: `${file.name}: ${renderer.autoNumbered} paragraph(s) use Word's automatic numbering; their numbers are not in the imported text. Convert the numbering to text in Word (or export to PDF) to keep them.`,
    });
  }
  const blocks = [...renderer.paragraphs];
  if (footnoteLines.length > 0) blocks.push(footnoteLines.join('\n'));
  return { text: normaliseNewlines(blocks.join('\n\n')) + '\n', warnings };
}

// ---------------------------------------------------------------------------------------------
// PDF

const requireFromHere = createRequire(import.meta.url);

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | undefined;

/** pdf.js is large; load it on the first PDF only. */
function loadPdfJs(): Promise<PdfJs> {
  pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    // Node has no web workers: pdf.js then runs its worker code in this thread, loaded from here.
    pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(requireFromHere.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
    return pdfjs;
  });
  return pdfjsModule;
}

function pdfjsDataDirectory(name: string): string {
  // pdf.js in Node reads these with fs, so a directory path with a trailing slash is what it wants.
  return requireFromHere.resolve('pdfjs-dist/package.json').replace(/package\.json$/, `${name}/`);
}

interface PositionedText {
  text: string;
  x: number;
  /** baseline, growing upwards as in PDF user space */
  y: number;
  size: number;
  width: number;
  rtl: boolean;
  superscript: boolean;
}

interface TextLine {
  y: number;
  /** the largest font size on the line: the body text, not its footnote markers */
  size: number;
  items: PositionedText[];
}

// Layout thresholds, as fractions of the font size.
const SAME_LINE = 0.2; // baselines this close are one line
const SUPERSCRIPT_RAISE_MAX = 0.6; // a marker raised more than this is a line of its own
const SUPERSCRIPT_RAISE_MIN = 0.1;
const SUPERSCRIPT_SIZE_MAX = 0.85; // markers are set in a smaller font
const WORD_GAP = 0.15; // a horizontal gap wider than this is a space
const PARAGRAPH_GAP = 1.35; // a line gap this many times the page's tightest one is a blank line
const MIN_LINE_SPACING = 0.9;

function groupLines(items: PositionedText[]): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextLine[] = [];
  for (const item of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(last.y - item.y) <= SAME_LINE * Math.max(last.size, item.size)) {
      last.items.push(item);
      if (item.size > last.size) {
        last.size = item.size;
        last.y = item.y;
      }
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return mergeSuperscriptLines(lines);
}

/**
 * A footnote marker raised well above its baseline sorts as a line of its own just above the
 * line it belongs to; fold such short, small, slightly raised lines into the line below.
 */
function mergeSuperscriptLines(lines: TextLine[]): TextLine[] {
  const result: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const below = lines[i + 1];
    const raise = below ? line.y - below.y : 0;
    const isMarkerLine = below !== undefined
      && raise > 0 && raise <= SUPERSCRIPT_RAISE_MAX * below.size
      && line.size <= SUPERSCRIPT_SIZE_MAX * below.size
      && line.items.every((item) => item.text.trim().length <= 6)
      && Math.min(...line.items.map((item) => item.x)) >= Math.min(...below.items.map((item) => item.x)) - 2 * below.size
      && Math.max(...line.items.map((item) => item.x)) <= Math.max(...below.items.map((item) => item.x + item.width)) + 2 * below.size;
    if (isMarkerLine) {
      for (const item of line.items) below.items.push({ ...item, superscript: true });
    } else {
      result.push(line);
    }
  }
  for (const line of result) {
    // Markers raised only a little fall in the same line: smaller and above the body's baseline.
    for (const item of line.items) {
      if (item.size <= SUPERSCRIPT_SIZE_MAX * line.size && item.y - line.y >= SUPERSCRIPT_RAISE_MIN * line.size) item.superscript = true;
    }
  }
  return result;
}

function lineText(line: TextLine): string {
  const rtl = line.items.filter((item) => item.rtl).length > line.items.length / 2;
  // Right-to-left scripts (Arabic) run from the right edge; each item's own text is in reading order.
  const items = [...line.items].sort((a, b) => (rtl ? b.x - a.x : a.x - b.x));
  let text = '';
  let previous: PositionedText | undefined;
  let pendingSpace = false;
  for (const item of items) {
    // pdf.js reports some spaces as items of their own; they only tell us a space stands there.
    if (item.text.trim() === '') {
      pendingSpace = text !== '';
      continue;
    }
    if (previous) {
      const gap = rtl ? previous.x - (item.x + item.width) : item.x - (previous.x + previous.width);
      const spaced = /\s$/.test(text) || /^\s/.test(item.text);
      if (!spaced && (pendingSpace || gap > WORD_GAP * line.size)) text += ' ';
    }
    text += item.superscript ? toSuperscriptDigits(item.text) : item.text;
    previous = item;
    pendingSpace = false;
  }
  return text.trimEnd();
}

function pageText(items: PositionedText[]): string {
  const lines = groupLines(items).filter((line) => line.items.some((item) => item.text.trim() !== ''));
  // Line spacing measured in font sizes, so that footnotes in a smaller font compare with the body.
  // The tightest spacing is the one inside paragraphs: headers, footnotes and paragraph breaks
  // only ever widen gaps. Below one font size, lines overlap: that is layout, not spacing.
  // With no usable gap, `usual` is Infinity and no blank line is added.
  const spacing = lines.slice(1).map((line, i) => (lines[i]!.y - line.y) / line.size);
  const usual = Math.min(...spacing.filter((ratio) => ratio >= MIN_LINE_SPACING));
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && spacing[i - 1]! > PARAGRAPH_GAP * usual) out.push('');
    out.push(lineText(line));
  });
  return out.join('\n');
}

async function extractPdf(file: SourceFile, timeoutMs: number): Promise<ExtractedText> {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    data: file.bytes.slice(), // pdf.js takes over (detaches) the buffer it is given
    verbosity: 0,
    stopAtErrors: true, // refuse a damaged PDF rather than silently drop the text it cannot parse
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: pdfjsDataDirectory('standard_fonts'),
    cMapUrl: pdfjsDataDirectory('cmaps'), // needed for Chinese and other CID-keyed fonts
    cMapPacked: true,
  });
  const read = async (): Promise<string[]> => {
    const document = await task.promise;
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        const [, , c, d, x, y] = item.transform as number[];
        items.push({
          text: item.str,
          x: x!,
          y: y!,
          size: Math.hypot(c!, d!) || item.height || 1,
          width: item.width,
          rtl: item.dir === 'rtl',
          superscript: false,
        });
      }
      pages.push(pageText(items));
      page.cleanup();
    }
    return pages;
  };

  let pages: string[];
  try {
    pages = await withTimeout(file, timeoutMs, read(), () => void task.destroy());
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error && error.name === 'PasswordException') {
      throw refuse(file, 'import.unreadable_file', 'pdf_encrypted',
        'the PDF is password-protected (encrypted); save an unprotected copy and import that');
    }
    throw refuse(file, 'import.truncated_file', 'pdf_damaged',
      `the PDF is damaged or truncated and cannot be read (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    await task.destroy();
  }

  const blankPages = pages.flatMap((text, i) => (text.trim() === '' ? [i + 1] : []));
  if (blankPages.length === pages.length) {
    throw refuse(file, 'import.unreadable_file', 'pdf_no_text',
      'the PDF has no text layer (it looks like scanned images); run it through OCR, or use the Word or text version');
  }
  const warnings: Diagnostic[] = blankPages.length === 0 ? [] : [{
    line: 0,
    message: `${file.name}: page(s) ${blankPages.join(', ')} have no text layer (scanned images?); their text is missing.`,
  }];
  return { text: pages.join('\n\f\n') + '\n', warnings };
}
