import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AppError } from '../../src/errors.ts';
import { detectFormat, extractText, type SourceFormat } from '../../src/importer/formats-logic.ts';
import { buildDocx, buildPdf, buildPdfWithoutText, buildZip } from '../helpers/fixture-files.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Asserts that `action` refuses the file with `code`, in a message that names the file. */
async function assertRefused(action: () => unknown, code: string, file: string, reason?: string): Promise<AppError> {
  let caught: unknown;
  try {
    await action();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof AppError, `expected an AppError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.startsWith(`${file}: `), `message should name the file: ${caught.message}`);
  assert.equal(caught.params.file, file);
  assert.equal(typeof caught.params.reason, 'string');
  if (reason) assert.equal(caught.params.reason, reason);
  return caught;
}

/** Detection then extraction, as the importer runs them. */
async function read(name: string, bytes: Uint8Array): Promise<{ format: SourceFormat; text: string; warnings: string[] }> {
  const file = { name, bytes };
  const format = detectFormat(file);
  const { text, warnings } = await extractText(file, format);
  return { format, text, warnings: warnings.map((warning) => warning.message) };
}

const AKN = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by the corpus tools -->
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act name="resolution"><body><paragraph eId="para_1"><num>1.</num><content><p>Decides</p></content></paragraph></body></act>
</akomaNtoso>
`;

// ---------------------------------------------------------------------------------------------
// Detection

test('detects formats by content before extension', async () => {
  const docx = await buildDocx(['The General Assembly,'], {});
  const pdf = await buildPdf([{ paragraphs: ['The General Assembly,'] }]);
  assert.equal(detectFormat({ name: 'resolution.docx', bytes: docx }), 'docx');
  assert.equal(detectFormat({ name: 'resolution.pdf', bytes: pdf }), 'pdf');
  // a misleading or missing extension does not matter when the content is recognisable
  assert.equal(detectFormat({ name: 'download', bytes: docx }), 'docx');
  assert.equal(detectFormat({ name: 'resolution.txt', bytes: pdf }), 'pdf');
  assert.equal(detectFormat({ name: 'resolution.xml', bytes: utf8(AKN) }), 'akn');
  assert.equal(detectFormat({ name: 'resolution', bytes: utf8(AKN) }), 'akn');
  assert.equal(detectFormat({ name: 'resolution.akn', bytes: utf8('<akn:akomaNtoso xmlns:akn="x"><akn:act/></akn:akomaNtoso>') }), 'akn');
});

test('tells Markdown from plain text by its markers, or by its extension', () => {
  const plain = 'The General Assembly,\n\nRecalling its resolution 65/230,1\n\n1. Decides to convene;\n* Reissued for technical reasons.\nA/RES/67/1*\n';
  assert.equal(detectFormat({ name: 'r.txt', bytes: utf8(plain) }), 'text');
  assert.equal(detectFormat({ name: 'r.md', bytes: utf8(plain) }), 'markdown');
  assert.equal(detectFormat({ name: 'r.markdown', bytes: utf8(plain) }), 'markdown');
  for (const marked of [
    '**The General Assembly**,',
    'Recalling its resolution 65/230,<sup>1</sup>',
    'Intro\n- first point',
    '# Annex\nText',
    'Recalling the *Salvador Declaration*, adopted',
  ]) {
    assert.equal(detectFormat({ name: 'r.txt', bytes: utf8(marked) }), 'markdown', marked);
  }
});

// ---------------------------------------------------------------------------------------------
// Text

test('text keeps everything but normalises line ends, and accepts a UTF-8 BOM', async () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('The General Assembly,\r\n\r\nRecalling\rA/RES/65/230\f\n')]);
  const { format, text, warnings } = await read('r.txt', bytes);
  assert.equal(format, 'text');
  assert.equal(text, 'The General Assembly,\n\nRecalling\nA/RES/65/230\f\n');
  assert.deepEqual(warnings, []);
});

test('UTF-16 text with a BOM is decoded, little and big endian', async () => {
  const words = 'L’Assemblée générale,\r\nRappelant sa résolution 65/230¹';
  const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(words, 'utf16le')]);
  const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(words, 'utf16le').swap16()]);
  for (const bytes of [le, be]) {
    const { format, text, warnings } = await read('r.txt', bytes);
    assert.equal(format, 'text');
    assert.equal(text, 'L’Assemblée générale,\nRappelant sa résolution 65/230¹');
    assert.deepEqual(warnings, []);
  }
});

test('Windows-1252 text is read as such, with a warning', async () => {
  // "L’Assemblée générale — “Rappelant”" in Windows-1252: the quotes and dash are in 0x80–0x9F
  const bytes = new Uint8Array([
    0x4c, 0x92, 0x41, 0x73, 0x73, 0x65, 0x6d, 0x62, 0x6c, 0xe9, 0x65, 0x20, 0x67, 0xe9, 0x6e, 0xe9, 0x72, 0x61, 0x6c, 0x65,
    0x20, 0x97, 0x20, 0x93, 0x52, 0x61, 0x70, 0x70, 0x65, 0x6c, 0x61, 0x6e, 0x74, 0x94, 0x0d, 0x0a,
  ]);
  const { format, text, warnings } = await read('legacy.txt', bytes);
  assert.equal(format, 'text');
  assert.equal(text, 'L’Assemblée générale — “Rappelant”\n');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^legacy\.txt: .*Windows-1252/);
});

// ---------------------------------------------------------------------------------------------
// DOCX

test('DOCX: paragraphs in order, tabs kept, footnote markers in place and footnotes at the end', async () => {
  const bytes = await buildDocx([
    { text: 'Twelfth United Nations Congress on Crime Prevention', heading: true },
    'The General Assembly,',
    'Recalling its resolution 65/230 of 21 December 2010,[^1] in which it endorsed the Salvador Declaration,',
    '1.\tDecides to convene the Congress;[^2]',
    '\t(a)\tThe main theme shall be announced;',
  ], {
    1: 'See resolution 65/230, annex.',
    2: 'Official Records of the General Assembly, Sixty-seventh Session, Supplement No. 10.',
  });
  const { format, text, warnings } = await read('doha.docx', bytes);
  assert.equal(format, 'docx');
  assert.deepEqual(warnings, []);
  assert.equal(text, [
    'Twelfth United Nations Congress on Crime Prevention',
    '',
    'The General Assembly,',
    '',
    'Recalling its resolution 65/230 of 21 December 2010,¹ in which it endorsed the Salvador Declaration,',
    '',
    '1.\tDecides to convene the Congress;²',
    '',
    '\t(a)\tThe main theme shall be announced;',
    '',
    '¹ See resolution 65/230, annex.',
    '² Official Records of the General Assembly, Sixty-seventh Session, Supplement No. 10.',
    '',
  ].join('\n'));
});

test('DOCX: footnotes are numbered in order of appearance, whatever their ids', async () => {
  const bytes = await buildDocx(['First,[^7] then[^3]'], { 3: 'Note three.', 7: 'Note seven.' });
  const { text } = await read('ids.docx', bytes);
  assert.equal(text, 'First,¹ then²\n\n¹ Note seven.\n² Note three.\n');
});

test('DOCX: automatic list numbering is reported, since its numbers cannot be kept', async () => {
  const bytes = await buildDocx([
    'The General Assembly,',
    { text: 'Decides to convene the Congress;', autoNumbered: true },
    { text: 'Requests the Secretary-General to report.', autoNumbered: true },
  ]);
  const { text, warnings } = await read('numbered.docx', bytes);
  assert.equal(text, 'The General Assembly,\n\nDecides to convene the Congress;\n\nRequests the Secretary-General to report.\n');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^numbered\.docx: 2 paragraph\(s\) use Word's automatic numbering/);
});

// ---------------------------------------------------------------------------------------------
// PDF

const PDF_PAGES = [
  {
    header: 'A/RES/67/184',
    paragraphs: [
      'The General Assembly,',
      'Recalling its resolution 65/230 of 21 December 2010,[^1] in which it endorsed the Salvador Declaration on Comprehensive Strategies for Global Challenges,',
      '1. Decides to convene the Thirteenth Congress;',
    ],
    footnotes: [{ marker: '1', text: 'Resolution 65/230, annex.' }],
  },
  {
    header: 'A/RES/67/184',
    paragraphs: ['2. Requests the Secretary-General to report to the Commission.'],
  },
];

test('PDF: lines rebuilt in page order, pages split by a form feed, superscript markers kept', async () => {
  const { format, text, warnings } = await read('bangkok.pdf', await buildPdf(PDF_PAGES));
  assert.equal(format, 'pdf');
  assert.deepEqual(warnings, []);
  const [first, second, ...rest] = text.split('\n\f\n');
  assert.equal(rest.length, 0, 'two pages, one form feed line');
  assert.equal(first, [
    'A/RES/67/184',
    '',
    'The General Assembly,',
    '',
    'Recalling its resolution 65/230 of 21 December 2010,¹ in which it endorsed the',
    'Salvador Declaration on Comprehensive Strategies for Global Challenges,',
    '',
    '1. Decides to convene the Thirteenth Congress;',
    '',
    '¹ Resolution 65/230, annex.',
  ].join('\n'));
  // the running header is kept: removing it is the text importer's business
  assert.equal(second, 'A/RES/67/184\n2. Requests the Secretary-General to report to the Commission.\n');
});

test('PDF: a page without text is reported, the others are read', async () => {
  const bytes = await buildPdf([{ paragraphs: ['The General Assembly,'] }, { paragraphs: [] }]);
  const { text, warnings } = await read('partly-scanned.pdf', bytes);
  assert.equal(text, 'The General Assembly,\n\f\n\n');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^partly-scanned\.pdf: page\(s\) 2 have no text layer/);
});

// ---------------------------------------------------------------------------------------------
// Refusals

test('refuses an empty file and a whitespace-only file', async () => {
  await assertRefused(() => detectFormat({ name: 'empty.txt', bytes: new Uint8Array() }), 'import.empty_file', 'empty.txt', 'no_bytes');
  await assertRefused(() => extractText({ name: 'empty.pdf', bytes: new Uint8Array() }, 'pdf'), 'import.empty_file', 'empty.pdf');
  const blank = utf8(' \n\t\r\n \f\u00a0\n');
  await assertRefused(() => detectFormat({ name: 'blank.txt', bytes: blank }), 'import.empty_file', 'blank.txt', 'only_whitespace');
  await assertRefused(() => extractText({ name: 'blank.md', bytes: blank }, 'markdown'), 'import.empty_file', 'blank.md');
  const bomOnly = new Uint8Array([0xef, 0xbb, 0xbf, 0x0a]);
  await assertRefused(() => detectFormat({ name: 'bom.txt', bytes: bomOnly }), 'import.empty_file', 'bom.txt');
});

test('refuses binary files: an image, random bytes, control-byte soup', async () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...utf8('IHDR junk that follows the header')]);
  const error = await assertRefused(() => detectFormat({ name: 'photo.txt', bytes: png }), 'import.binary_file', 'photo.txt', 'binary');
  assert.match(error.message, /PNG image/);
  await assertRefused(() => extractText({ name: 'photo.txt', bytes: png }, 'text'), 'import.binary_file', 'photo.txt');

  const random = new Uint8Array(4096);
  for (let i = 0; i < random.length; i++) random[i] = (i * 7919 + 13) % 251; // includes NUL bytes
  await assertRefused(() => detectFormat({ name: 'noise.bin', bytes: random }), 'import.binary_file', 'noise.bin', 'nul_bytes');

  // no NUL byte, not UTF-8, and far too many control bytes to be Windows-1252 text
  const soup = new Uint8Array(2048);
  for (let i = 0; i < soup.length; i++) soup[i] = 1 + ((i * 131) % 255);
  await assertRefused(() => detectFormat({ name: 'soup.txt', bytes: soup }), 'import.binary_file', 'soup.txt', 'control_bytes');

  const program = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03]);
  await assertRefused(() => detectFormat({ name: 'setup.exe', bytes: program }), 'import.binary_file', 'setup.exe');
});

test('refuses a PDF cut in half', async () => {
  const pdf = await buildPdf(PDF_PAGES);
  const half = pdf.slice(0, Math.floor(pdf.length / 2));
  const error = await assertRefused(() => detectFormat({ name: 'bangkok.pdf', bytes: half }), 'import.truncated_file', 'bangkok.pdf', 'pdf_no_eof');
  assert.match(error.message, /end-of-file marker/);
  await assertRefused(() => extractText({ name: 'bangkok.pdf', bytes: half }, 'pdf'), 'import.truncated_file', 'bangkok.pdf');
});

test('refuses a PDF whose body is cut out although it still ends with %%EOF', async () => {
  const pdf = await buildPdf(PDF_PAGES);
  const damaged = new Uint8Array([...pdf.slice(0, 400), ...pdf.slice(pdf.length - 30)]);
  assert.equal(detectFormat({ name: 'gutted.pdf', bytes: damaged }), 'pdf');
  await assertRefused(() => extractText({ name: 'gutted.pdf', bytes: damaged }, 'pdf'), 'import.truncated_file', 'gutted.pdf', 'pdf_damaged');
});

test('refuses a password-protected PDF and a PDF without a text layer', async () => {
  const locked = await buildPdf(PDF_PAGES, { userPassword: 'secret' });
  await assertRefused(() => read('locked.pdf', locked), 'import.unreadable_file', 'locked.pdf', 'pdf_encrypted');
  const scanned = await buildPdfWithoutText();
  const error = await assertRefused(() => read('scan.pdf', scanned), 'import.unreadable_file', 'scan.pdf', 'pdf_no_text');
  assert.match(error.message, /no text layer/);
});

test('refuses a DOCX cut in half', async () => {
  const docx = await buildDocx(['The General Assembly,', 'Recalling its resolution 65/230,[^1]'], { 1: 'Annex.' });
  const half = docx.slice(0, Math.floor(docx.length / 2));
  await assertRefused(() => detectFormat({ name: 'doha.docx', bytes: half }), 'import.truncated_file', 'doha.docx', 'zip_no_central_directory');
  await assertRefused(() => extractText({ name: 'doha.docx', bytes: half }, 'docx'), 'import.truncated_file', 'doha.docx');
});

test('refuses zips that are not Word documents: an archive, a workbook', async () => {
  const archive = buildZip({ 'readme.txt': 'The General Assembly,' });
  await assertRefused(() => detectFormat({ name: 'bundle.docx', bytes: archive }), 'import.unknown_format', 'bundle.docx', 'zip_not_docx');
  await assertRefused(() => extractText({ name: 'bundle.docx', bytes: archive }, 'docx'), 'import.unknown_format', 'bundle.docx');
  const workbook = buildZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
  const error = await assertRefused(() => detectFormat({ name: 'replies.xlsx', bytes: workbook }), 'import.unknown_format', 'replies.xlsx', 'spreadsheet');
  assert.match(error.message, /Excel workbook/);
});

test('refuses a DOCX whose document part is damaged, wrapping the library error', async () => {
  const broken = buildZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document><w:body><w:p>' });
  assert.equal(detectFormat({ name: 'broken.docx', bytes: broken }), 'docx');
  await assertRefused(() => extractText({ name: 'broken.docx', bytes: broken }, 'docx'), 'import.unreadable_file', 'broken.docx', 'docx_damaged');
});

test('refuses XML that is not Akoma Ntoso, HTML, and Akoma Ntoso cut off mid-element', async () => {
  const other = utf8('<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text>Resolution</text></TEI>\n');
  const error = await assertRefused(() => detectFormat({ name: 'tei.xml', bytes: other }), 'import.unknown_format', 'tei.xml', 'xml_not_akn');
  assert.match(error.message, /<TEI>/);
  await assertRefused(() => extractText({ name: 'tei.xml', bytes: other }, 'akn'), 'import.unknown_format', 'tei.xml');

  const html = utf8('<!DOCTYPE html>\n<html><body>Document not found</body></html>');
  await assertRefused(() => detectFormat({ name: 'resolution.pdf', bytes: html }), 'import.unknown_format', 'resolution.pdf', 'html');

  const cut = utf8(AKN.slice(0, AKN.indexOf('<content>') + 12));
  await assertRefused(() => detectFormat({ name: 'cut.xml', bytes: cut }), 'import.truncated_file', 'cut.xml', 'xml_unclosed');
  await assertRefused(() => extractText({ name: 'cut.xml', bytes: cut }, 'akn'), 'import.truncated_file', 'cut.xml');
});

test('AKN: the decoded XML is returned as it stands', async () => {
  const { format, text } = await read('r.xml', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(AKN)]));
  assert.equal(format, 'akn');
  assert.equal(text, AKN);
});

test('an old .doc, an encrypted .docx and RTF are refused with a way out', async () => {
  const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  await assertRefused(() => detectFormat({ name: 'old.doc', bytes: ole2 }), 'import.unknown_format', 'old.doc', 'legacy_office');
  await assertRefused(() => detectFormat({ name: 'locked.docx', bytes: ole2 }), 'import.unreadable_file', 'locked.docx', 'docx_encrypted');
  await assertRefused(() => detectFormat({ name: 'r.rtf', bytes: utf8('{\\rtf1\\ansi The General Assembly}') }), 'import.unknown_format', 'r.rtf', 'rtf');
});

test('gives up on a slow extraction with a refusal rather than waiting forever', async () => {
  const pdf = await buildPdf(PDF_PAGES);
  await assertRefused(() => extractText({ name: 'slow.pdf', bytes: pdf }, 'pdf', { timeoutMs: 0 }), 'import.unreadable_file', 'slow.pdf', 'timeout');
  // the same file reads fine with time to spare, so the refusal above came from the time limit
  assert.match((await extractText({ name: 'slow.pdf', bytes: pdf }, 'pdf')).text, /Thirteenth Congress/);
});

// ---------------------------------------------------------------------------------------------
// Robustness: whatever the bytes, the only failure is an AppError

async function onlyAppErrors(name: string, bytes: Uint8Array): Promise<void> {
  try {
    const file = { name, bytes };
    await extractText(file, detectFormat(file));
  } catch (error) {
    assert.ok(error instanceof AppError, `${name}: ${String(error)}`);
    assert.ok(error.code.startsWith('import.'), error.code);
    assert.ok(error.message.startsWith(`${name}: `), error.message);
  }
}

test('arbitrary bytes are read or refused with an AppError, never anything else', async () => {
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('x.txt', 'x.pdf', 'x.docx', 'x.xml'), (bytes, name) => onlyAppErrors(name, bytes)),
    { numRuns: 200, seed: 42 },
  );
});

test('damaged PDFs and DOCX files are read or refused with an AppError, never anything else', async () => {
  const files = { 'r.pdf': await buildPdf(PDF_PAGES), 'r.docx': await buildDocx(['The General Assembly,', 'Recalling[^1]'], { 1: 'Annex.' }) };
  for (const [name, original] of Object.entries(files)) {
    await fc.assert(
      fc.asyncProperty(fc.nat(original.length - 1), fc.nat(original.length - 1), fc.uint8Array({ minLength: 1, maxLength: 8 }), async (cut, at, junk) => {
        // a truncation, and an overwrite of a few bytes somewhere inside
        await onlyAppErrors(name, original.slice(0, cut));
        const damaged = original.slice();
        damaged.set(junk.subarray(0, damaged.length - at), at);
        await onlyAppErrors(name, damaged);
      }),
      { numRuns: 60, seed: 7 },
    );
  }
});
