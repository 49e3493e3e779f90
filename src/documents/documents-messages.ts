// Interface strings of the document page that belong to this feature alone (the downloads), in
// the six official languages. The page's older strings are in the shared catalogues (src/i18n).

import type { FeatureMessages } from '../i18n/i18n.ts';

export type DocumentMessageKey = 'document.downloads' | 'document.download.text' | 'document.download.akn' | 'document.download.json';

export const DOCUMENT_MESSAGES: FeatureMessages<DocumentMessageKey> = {
  en: {
    'document.downloads': 'Download this version',
    'document.download.text': 'Plain text',
    'document.download.akn': 'Akoma Ntoso XML',
    'document.download.json': 'JSON',
  },
  fr: {
    'document.downloads': 'Télécharger cette version',
    'document.download.text': 'Texte brut',
    'document.download.akn': 'XML Akoma Ntoso',
    'document.download.json': 'JSON',
  },
  es: {
    'document.downloads': 'Descargar esta versión',
    'document.download.text': 'Texto sin formato',
    'document.download.akn': 'XML Akoma Ntoso',
    'document.download.json': 'JSON',
  },
  ru: {
    'document.downloads': 'Скачать эту версию',
    'document.download.text': 'Простой текст',
    'document.download.akn': 'XML в формате Akoma Ntoso',
    'document.download.json': 'JSON',
  },
  ar: {
    'document.downloads': 'تنزيل هذه النسخة',
    'document.download.text': 'نص عادي',
    'document.download.akn': 'ملف XML بصيغة Akoma Ntoso',
    'document.download.json': 'ملف JSON',
  },
  zh: {
    'document.downloads': '下载此版本',
    'document.download.text': '纯文本',
    'document.download.akn': 'Akoma Ntoso XML 格式',
    'document.download.json': 'JSON 格式',
  },
};
