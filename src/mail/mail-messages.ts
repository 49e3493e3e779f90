// Interface strings of mail (the layout of every message) and of the outbox pages, in the six official languages.

import type { FeatureMessages } from '../i18n/i18n.ts';

type Key = 'mail.copyLink';

export const MAIL_MESSAGES: FeatureMessages<Key> = {
  ar: {
    'mail.copyLink': 'إذا لم يعمل الزر، فانسخ هذا العنوان في متصفحك:',
  },
  en: {
    'mail.copyLink': 'If the button does not work, copy this address into your browser:',
  },
  es: {
    'mail.copyLink': 'Si el botón no funciona, copie esta dirección en su navegador:',
  },
  fr: {
    'mail.copyLink': 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :',
  },
  ru: {
    'mail.copyLink': 'Если кнопка не работает, скопируйте этот адрес в браузер:',
  },
  zh: {
    'mail.copyLink': '如果按钮无效，请将此地址复制到浏览器中：',
  },
};
