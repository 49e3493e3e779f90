// The one layout of every message NormHub sends, in text and in HTML alike: a heading,
// paragraphs, at most one action (a link the recipient follows), a closing line and the site's
// signature, in the recipient's language and direction. Everything given is text: it is
// escaped here, so a name typed by someone else cannot put markup into a mail.

import { escapeHtml } from '../http/html.ts';
import { featureTranslator, textDirection, translate, type Locale } from '../i18n/i18n.ts';
import { MAIL_MESSAGES } from './mail-messages.ts';

export interface MailContent {
  locale: Locale;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  closing?: string;
}

// Mail clients ignore stylesheets more often than not: styles are inline, and few.
const FONT = 'font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif';

export function renderMail({ locale, heading, paragraphs, action, closing }: MailContent): { text: string; html: string } {
  if (action) assertWebAddress(action.url);
  const t = featureTranslator(MAIL_MESSAGES, locale);
  const signature = `NormHub — ${translate(locale, 'site.tagline')}`;
  const direction = textDirection(locale);
  const align = direction === 'rtl' ? 'right' : 'left';

  const text = [
    heading,
    '',
    ...paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(action ? [`${action.label}:`, action.url, ''] : []),
    ...(closing ? [closing, ''] : []),
    // "-- " is the signature separator mail clients recognise
    '-- ',
    signature,
    '',
  ].join('\n');

  const paragraph = (content: string, style = '') => `<p style="margin:0 0 1em${style}">${withLineBreaks(content)}</p>`;
  const parts = [
    `<h1 style="font-size:1.35em;margin:0 0 .8em">${escapeHtml(heading)}</h1>`,
    ...paragraphs.map((content) => paragraph(content)),
  ];
  if (action) {
    const url = escapeHtml(action.url);
    parts.push(
      `<p style="margin:1.5em 0"><a href="${url}" style="display:inline-block;padding:.6em 1.1em;background:#0b5fa5;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${escapeHtml(action.label)}</a></p>`,
      // Some clients strip links from buttons: the address itself, left to right even in Arabic.
      `<p style="margin:0 0 1em;font-size:.9em;color:#595959">${escapeHtml(t('mail.copyLink'))}<br><a href="${url}" dir="ltr" style="color:#0b5fa5;word-break:break-all">${url}</a></p>`,
    );
  }
  if (closing) parts.push(paragraph(closing));
  parts.push(`<hr style="border:0;border-top:1px solid #cccccc;margin:1.5em 0 .8em"><p style="margin:0;font-size:.85em;color:#595959">${escapeHtml(signature)}</p>`);

  const html = `<!doctype html>
<html lang="${locale}" dir="${direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
</head>
<body style="margin:0;padding:1em;background:#f4f4f4">
<div lang="${locale}" dir="${direction}" style="max-width:36em;margin:0 auto;padding:1.5em;background:#ffffff;color:#1b1b1b;${FONT};line-height:1.5;text-align:${align}">
${parts.join('\n')}
</div>
</body>
</html>
`;
  return { text, html };
}

function withLineBreaks(content: string): string {
  return content.split('\n').map(escapeHtml).join('<br>');
}

/** A link in a mail must be a web address: anything else (javascript:, data:) is a bug in the caller. */
function assertWebAddress(url: string): void {
  let protocol: string | null = null;
  try {
    protocol = new URL(url).protocol;
  } catch {
    // not an absolute address
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new Error(`A mail's action must be an absolute http or https address, not ${JSON.stringify(url.slice(0, 100))}`);
  }
}

/**
 * The header fields of a raw RFC 822 message, unfolded, with their encoded words
 * (=?UTF-8?B?…?=) decoded, in their order: what the outbox shows of a stored message.
 */
export function readHeaders(raw: string): Array<{ name: string; value: string }> {
  const end = raw.search(/\r?\n\r?\n/);
  const block = end < 0 ? raw : raw.slice(0, end);
  const fields: Array<{ name: string; value: string }> = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]!.value += line.replace(/^[ \t]+/, ' ');
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
  }
  return fields.map(({ name, value }) => ({ name, value: decodeEncodedWords(value) }));
}

/** RFC 2047 encoded words, in UTF-8 (all nodemailer writes) or Latin-1; others are left as they are. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1') // whitespace between two encoded words is not text
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (whole, charset: string, encoding: string, text: string) => {
      const name = charset.toLowerCase().split('*')[0];
      if (name !== 'utf-8' && name !== 'iso-8859-1' && name !== 'us-ascii') return whole;
      const bytes =
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(
              text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return bytes.toString(name === 'utf-8' ? 'utf8' : 'latin1');
    });
}
