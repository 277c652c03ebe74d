import type { MailLocale } from '@mahjar/sdk';
import type { LocalisedText } from '../db/schema.js';

export type { MailLocale };

/** The languages mail is written in: the contract's `MailLocale`. */
export const MAIL_LOCALES = ['en', 'ar', 'fr'] as const satisfies readonly MailLocale[];

/**
 * `ar-LB` → `ar`, `fr-CA` → `fr`, `de` → undefined: the language of a stored or sent tag, if we write
 * mail in it.
 */
export function mailLanguageOf(tag: string | null | undefined): MailLocale | undefined {
  const base = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return MAIL_LOCALES.find((l) => l === base);
}

/**
 * The language of one message: the first of `preferred` (most specific first: what the request asked
 * for, then the member's stored locale) that we write in, else the organisation's first such locale,
 * else English.
 */
export function chooseMailLocale(
  preferred: readonly (string | null | undefined)[],
  organisationLocales: readonly string[] = [],
): MailLocale {
  for (const tag of [...preferred, ...organisationLocales]) {
    const language = mailLanguageOf(tag);
    if (language) return language;
  }
  return 'en';
}

/**
 * Numbers and dates in Arabic mail use Latin digits (`ar-u-nu-latn`): receipt numbers, codes and
 * links in the same mail are Latin, the Levant and Iraq read both, and ICU versions disagree on
 * `ar`'s default (CLDR 42 moved it to Latin digits, `ar-LB` and older ICUs use Arabic-Indic ones).
 */
export const intlLocale = (locale: MailLocale): string => (locale === 'ar' ? 'ar-u-nu-latn' : locale);

/** An organisation's (or campaign's, or event's) name in the mail's language, falling back en → fr → ar. */
export function localised(text: LocalisedText | null | undefined, locale: MailLocale): string {
  if (!text) return '';
  const order: MailLocale[] = locale === 'ar' ? ['ar', 'en', 'fr'] : [locale, 'en', 'fr', 'ar'];
  for (const language of order) {
    const value = text[language];
    if (value) return value;
  }
  return '';
}

/** A piece of a line: text (escaped in HTML), or a link (a real `<a href>` in HTML, the bare URL in text). */
export type Part = string | { href: string; label?: string };
/**
 * A picture the server drew (a QR code), as a `data:image/gif` URI: shown in HTML only, so the text
 * around it must say what it carries (`alt` repeats it for readers without images).
 */
export interface Picture {
  src: string;
  alt: string;
  /** CSS pixels. */
  size: number;
}

/**
 * A paragraph is lines; a line is parts. `quote` is someone else's words, shown as they wrote them;
 * `picture` is left out of the plain-text part.
 */
export type Block = { lines: Part[][] } | { quote: string } | { picture: Picture };

export interface MailBody {
  subject: string;
  blocks: Block[];
}

export interface ComposedMail {
  subject: string;
  text: string;
  html: string;
  locale: MailLocale;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Everything interpolated into HTML goes through this: names, messages, titles, links. */
export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** In the plain-text part a link is its address (a mail address without `mailto:`). */
const textOf = (part: Part) =>
  typeof part === 'string' ? part : part.href.startsWith('mailto:') ? (part.label ?? part.href.slice(7)) : part.href;

function htmlOf(part: Part): string {
  if (typeof part === 'string') return escapeHtml(part);
  // Only web and mail links become anchors; anything else stays text.
  if (!/^(?:https?:\/\/|mailto:)/i.test(part.href)) return escapeHtml(part.label ?? part.href);
  return `<a href="${escapeHtml(part.href)}">${escapeHtml(part.label ?? part.href)}</a>`;
}

/** The plain-text part: paragraphs separated by a blank line; a quote as its author wrote it. */
export function renderText(blocks: readonly Block[]): string {
  return `${blocks
    .flatMap((block) =>
      'picture' in block
        ? []
        : ['quote' in block ? block.quote : block.lines.map((line) => line.map(textOf).join('')).join('\n')],
    )
    .join('\n\n')}\n`;
}

/** Only a GIF the server encoded itself becomes an image; anything else is its `alt` text. */
function pictureHtml({ src, alt, size }: Picture): string {
  if (!/^data:image\/gif;base64,[A-Za-z0-9+/]+=*$/.test(src)) return `<p style="margin:0 0 1em">${escapeHtml(alt)}</p>`;
  return `<p style="margin:0 0 1em"><img src="${src}" width="${size}" height="${size}" alt="${escapeHtml(alt)}" style="display:block;width:${size}px;height:${size}px;image-rendering:pixelated"></p>`;
}

/**
 * The HTML part: a small document in the mail's language and direction. `lang` and `dir` are on
 * `<html>` and again on the wrapper (some clients drop the root element); a quote keeps its
 * author's direction (`dir="auto"`), so an English message reads left to right in an Arabic mail.
 */
export function renderHtml(mail: MailBody, locale: MailLocale): string {
  const dir = locale === 'ar' ? 'rtl' : 'ltr';
  const body = mail.blocks
    .map((block) =>
      'picture' in block
        ? pictureHtml(block.picture)
        : 'quote' in block
          ? `<blockquote dir="auto" style="margin:0 0 1em;padding:0 1em;border-inline-start:3px solid #ccc;white-space:pre-wrap">${escapeHtml(block.quote)}</blockquote>`
          : `<p style="margin:0 0 1em">${block.lines.map((line) => line.map(htmlOf).join('')).join('<br>')}</p>`,
    )
    .join('\n');
  return (
    `<!doctype html>\n<html lang="${locale}" dir="${dir}">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(mail.subject)}</title>\n</head>\n` +
    `<body style="margin:0;padding:1em;font-family:system-ui,sans-serif;line-height:1.5">\n` +
    `<div dir="${dir}" lang="${locale}" style="max-width:40em">\n${body}\n</div>\n</body>\n</html>\n`
  );
}

export function compose(mail: MailBody, locale: MailLocale): ComposedMail {
  return { subject: mail.subject, text: renderText(mail.blocks), html: renderHtml(mail, locale), locale };
}
