// The six official languages of the United Nations, their interface strings, and the few
// locale rules pages need: direction, language names, dates.

import { ar } from './ar.ts';
import { en, type MessageKey, type Messages } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { zh } from './zh.ts';

export type { MessageKey, Messages };

export const LOCALES = ['ar', 'en', 'es', 'fr', 'ru', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const CATALOGUES: Record<Locale, Messages> = { ar, en, es, fr, ru, zh };

/** Each language named in itself, for the language switcher: a reader looks for their own language's name. */
export const AUTONYMS: Record<Locale, string> = {
  ar: 'العربية',
  en: 'English',
  es: 'Español',
  fr: 'Français',
  ru: 'Русский',
  zh: '中文',
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function textDirection(language: string): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr';
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = CATALOGUES[locale][key] ?? CATALOGUES[DEFAULT_LOCALE][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one locale, the way pages use it: `t('home.title')`. */
export function translatorFor(locale: Locale): (key: MessageKey, params?: Record<string, string | number>) => string {
  return (key, params) => translate(locale, key, params);
}

/** The best of our locales for an Accept-Language header; the default when none fits. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.trim().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { language: tag.trim().toLowerCase().split('-')[0]!, quality: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.quality > 0 && !Number.isNaN(entry.quality))
    .sort((a, b) => b.quality - a.quality);
  return ranked.find((entry) => isLocale(entry.language))?.language as Locale | undefined ?? DEFAULT_LOCALE;
}

/** A language's name in the reader's language: "anglais" for en on a French page. */
export function languageName(language: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

/** A YYYY-MM-DD date written the way the locale writes dates ("26 juillet 2012"). */
export function formatDate(isoDate: string, locale: Locale): string {
  // Western digits in Arabic, and day-month-year in English, as United Nations documents write dates.
  const tag = locale === 'ar' ? 'ar-u-nu-latn' : locale === 'en' ? 'en-GB' : locale;
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/**
 * A feature's own interface strings, kept beside the feature so that features do not all edit
 * one catalogue: `const t = featureTranslator(SEARCH_MESSAGES, locale); t('search.title')`.
 * Every locale must give every key (the type says so); English is the fallback for a blank one.
 */
export type FeatureMessages<K extends string> = Record<Locale, Record<K, string>>;

export function featureTranslator<K extends string>(
  messages: FeatureMessages<K>,
  locale: Locale,
): (key: K, params?: Record<string, string | number>) => string {
  return (key, params = {}) => {
    const template = messages[locale][key] || messages[DEFAULT_LOCALE][key];
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}
