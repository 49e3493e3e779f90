// Interface strings of the HTTP layer itself: the account area of every page's header, and the
// answers to refused requests (sign-in needed, not allowed, too large, too many attempts, an
// expired or forged form), in the six official languages.

import type { FeatureMessages } from '../i18n/i18n.ts';

type Key =
  | 'account.area'
  | 'account.signIn'
  | 'account.signOut'
  | 'error.unauthenticated.title'
  | 'error.unauthenticated.text'
  | 'error.unauthenticated.typedHeading'
  | 'error.unauthenticated.typedText'
  | 'error.forbidden.title'
  | 'error.forbidden.text'
  | 'error.tooLarge.title'
  | 'error.tooLarge.text'
  | 'error.rateLimited.title'
  | 'error.rateLimited.text'
  | 'error.csrf.title'
  | 'error.csrf.text'
  | 'error.csrf.reshown';

export const HTTP_MESSAGES: FeatureMessages<Key> = {
  en: {
    'account.area': 'Your account',
    'account.signIn': 'Sign in',
    'account.signOut': 'Sign out',
    'error.unauthenticated.title': 'Please sign in',
    'error.unauthenticated.text': 'You need to sign in to see this page or to do this.',
    'error.unauthenticated.typedHeading': 'What you typed',
    'error.unauthenticated.typedText': 'Your session ended before the form was sent, so nothing was saved. Here is what you typed (passwords excepted): copy it, sign in again and send the form anew.',
    'error.forbidden.title': 'Not allowed',
    'error.forbidden.text': 'Your account may not see this page or do this.',
    'error.tooLarge.title': 'Too much data',
    'error.tooLarge.text': 'What was sent is larger than this address accepts.',
    'error.rateLimited.title': 'Too many attempts',
    'error.rateLimited.text': 'There have been too many attempts from your connection. Please try again in {minutes} minutes.',
    'error.csrf.title': 'The form has expired',
    'error.csrf.text': 'For your security, the form could not be accepted: it has expired or did not come from this site. Go back, reload the page and send it again.',
    'error.csrf.reshown': 'For your security, the form could not be accepted because it had expired. Here it is again with what you typed (passwords excepted): please check it and send it again.',
  },
  fr: {
    'account.area': 'Votre compte',
    'account.signIn': 'Se connecter',
    'account.signOut': 'Se déconnecter',
    'error.unauthenticated.title': 'Veuillez vous connecter',
    'error.unauthenticated.text': 'Vous devez vous connecter pour voir cette page ou faire cette action.',
    'error.unauthenticated.typedHeading': 'Ce que vous avez saisi',
    'error.unauthenticated.typedText': "Votre session a pris fin avant l'envoi du formulaire : rien n'a été enregistré. Voici ce que vous avez saisi (sauf les mots de passe) : copiez-le, reconnectez-vous et envoyez de nouveau le formulaire.",
    'error.forbidden.title': 'Accès refusé',
    'error.forbidden.text': 'Votre compte ne permet pas de voir cette page ni de faire cette action.',
    'error.tooLarge.title': 'Trop de données',
    'error.tooLarge.text': 'Les données envoyées dépassent la taille acceptée à cette adresse.',
    'error.rateLimited.title': 'Trop de tentatives',
    'error.rateLimited.text': 'Il y a eu trop de tentatives depuis votre connexion. Veuillez réessayer dans {minutes} minutes.',
    'error.csrf.title': 'Le formulaire a expiré',
    'error.csrf.text': 'Pour votre sécurité, le formulaire n’a pas pu être accepté : il a expiré ou ne provient pas de ce site. Revenez en arrière, rechargez la page et envoyez-le de nouveau.',
    'error.csrf.reshown': 'Pour votre sécurité, le formulaire n’a pas pu être accepté car il avait expiré. Le voici de nouveau avec ce que vous aviez saisi (sauf les mots de passe) : vérifiez-le et envoyez-le de nouveau.',
  },
  es: {
    'account.area': 'Su cuenta',
    'account.signIn': 'Iniciar sesión',
    'account.signOut': 'Cerrar sesión',
    'error.unauthenticated.title': 'Inicie sesión',
    'error.unauthenticated.text': 'Debe iniciar sesión para ver esta página o realizar esta acción.',
    'error.unauthenticated.typedHeading': 'Lo que escribió',
    'error.unauthenticated.typedText': 'Su sesión terminó antes de enviar el formulario, por lo que no se guardó nada. Aquí está lo que escribió (salvo las contraseñas): cópielo, vuelva a iniciar sesión y envíe el formulario de nuevo.',
    'error.forbidden.title': 'No permitido',
    'error.forbidden.text': 'Su cuenta no permite ver esta página ni realizar esta acción.',
    'error.tooLarge.title': 'Demasiados datos',
    'error.tooLarge.text': 'Lo enviado supera el tamaño que acepta esta dirección.',
    'error.rateLimited.title': 'Demasiados intentos',
    'error.rateLimited.text': 'Ha habido demasiados intentos desde su conexión. Vuelva a intentarlo dentro de {minutes} minutos.',
    'error.csrf.title': 'El formulario ha caducado',
    'error.csrf.text': 'Por su seguridad, no se pudo aceptar el formulario: ha caducado o no procede de este sitio. Vuelva atrás, recargue la página y envíelo de nuevo.',
    'error.csrf.reshown': 'Por su seguridad, no se pudo aceptar el formulario porque había caducado. Aquí lo tiene de nuevo con lo que escribió (salvo las contraseñas): revíselo y envíelo otra vez.',
  },
  ru: {
    'account.area': 'Ваша учетная запись',
    'account.signIn': 'Войти',
    'account.signOut': 'Выйти',
    'error.unauthenticated.title': 'Войдите в систему',
    'error.unauthenticated.text': 'Чтобы открыть эту страницу или выполнить это действие, необходимо войти в систему.',
    'error.unauthenticated.typedHeading': 'Введенный вами текст',
    'error.unauthenticated.typedText': 'Ваш сеанс завершился до отправки формы, поэтому ничего не сохранено. Ниже приведено то, что вы ввели (кроме паролей): скопируйте это, снова войдите в систему и отправьте форму еще раз.',
    'error.forbidden.title': 'Доступ запрещен',
    'error.forbidden.text': 'Ваша учетная запись не позволяет открыть эту страницу или выполнить это действие.',
    'error.tooLarge.title': 'Слишком большой объем данных',
    'error.tooLarge.text': 'Объем отправленных данных превышает допустимый для этого адреса.',
    'error.rateLimited.title': 'Слишком много попыток',
    'error.rateLimited.text': 'С вашего подключения было сделано слишком много попыток. Повторите попытку через {minutes} мин.',
    'error.csrf.title': 'Срок действия формы истек',
    'error.csrf.text': 'В целях вашей безопасности форма не может быть принята: срок ее действия истек или она отправлена не с этого сайта. Вернитесь назад, обновите страницу и отправьте форму еще раз.',
    'error.csrf.reshown': 'В целях вашей безопасности форма не была принята, так как срок ее действия истек. Ниже она показана снова с введенными вами данными (кроме паролей): проверьте их и отправьте форму еще раз.',
  },
  zh: {
    'account.area': '您的账户',
    'account.signIn': '登录',
    'account.signOut': '退出登录',
    'error.unauthenticated.title': '请登录',
    'error.unauthenticated.text': '您需要登录才能查看此页面或执行此操作。',
    'error.unauthenticated.typedHeading': '您输入的内容',
    'error.unauthenticated.typedText': '表单发送之前您的会话已结束，因此没有保存任何内容。以下是您输入的内容（密码除外）：请复制下来，重新登录后再次提交表单。',
    'error.forbidden.title': '不允许访问',
    'error.forbidden.text': '您的账户无权查看此页面或执行此操作。',
    'error.tooLarge.title': '数据过多',
    'error.tooLarge.text': '发送的内容超过了此地址可接受的大小。',
    'error.rateLimited.title': '尝试次数过多',
    'error.rateLimited.text': '您的连接尝试次数过多。请在 {minutes} 分钟后重试。',
    'error.csrf.title': '表单已过期',
    'error.csrf.text': '为了您的安全，表单未被接受：它已过期或并非来自本网站。请返回，重新加载页面后再次提交。',
    'error.csrf.reshown': '为了您的安全，表单因已过期而未被接受。下面再次显示您填写的内容（密码除外）：请核对后重新提交。',
  },
  ar: {
    'account.area': 'حسابك',
    'account.signIn': 'تسجيل الدخول',
    'account.signOut': 'تسجيل الخروج',
    'error.unauthenticated.title': 'يرجى تسجيل الدخول',
    'error.unauthenticated.text': 'يجب تسجيل الدخول لعرض هذه الصفحة أو للقيام بهذا الإجراء.',
    'error.unauthenticated.typedHeading': 'ما كتبتَه',
    'error.unauthenticated.typedText': 'انتهت جلستك قبل إرسال الاستمارة، لذا لم يُحفظ أي شيء. في ما يلي ما كتبتَه (باستثناء كلمات المرور): انسخه، ثم سجّل الدخول مجددا وأرسل الاستمارة من جديد.',
    'error.forbidden.title': 'غير مسموح',
    'error.forbidden.text': 'لا يسمح حسابك بعرض هذه الصفحة أو بالقيام بهذا الإجراء.',
    'error.tooLarge.title': 'بيانات أكثر مما ينبغي',
    'error.tooLarge.text': 'حجم ما أُرسل أكبر مما يقبله هذا العنوان.',
    'error.rateLimited.title': 'محاولات كثيرة جدًا',
    'error.rateLimited.text': 'جرت محاولات كثيرة جدًا من اتصالك. يرجى المحاولة مرة أخرى بعد {minutes} دقيقة.',
    'error.csrf.title': 'انتهت صلاحية الاستمارة',
    'error.csrf.text': 'حرصًا على أمنك، تعذّر قبول الاستمارة: فقد انتهت صلاحيتها أو لم تُرسل من هذا الموقع. ارجع إلى الصفحة السابقة وأعد تحميلها ثم أرسلها مرة أخرى.',
    'error.csrf.reshown': 'حرصًا على أمنك، لم تُقبل الاستمارة لأن صلاحيتها انتهت. ها هي مرة أخرى بما كتبته (عدا كلمات المرور): يرجى مراجعتها وإرسالها من جديد.',
  },
};
