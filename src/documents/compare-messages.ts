// Interface strings of the side-by-side page (two language versions of a document), in the six
// languages. `{language}` and the like are language names already in the page's language.

import type { FeatureMessages } from '../i18n/i18n.ts';

export type CompareMessageKey =
  | 'compare.link'
  | 'compare.title'
  | 'compare.intro'
  | 'compare.form.legend'
  | 'compare.form.base'
  | 'compare.form.with'
  | 'compare.form.submit'
  | 'compare.column.reference'
  | 'compare.row.title'
  | 'compare.tableCaption'
  | 'compare.summary'
  | 'compare.onlyIn'
  | 'compare.missingCell'
  | 'compare.numbersDiffer'
  | 'compare.notesIn'
  | 'compare.noteMissing'
  | 'compare.backToDocument'
  | 'compare.singleLanguage'
  | 'compare.error.unknownLanguage.title'
  | 'compare.error.unknownLanguage.text'
  | 'compare.error.missingVersion.title'
  | 'compare.error.missingVersion.text'
  | 'compare.error.sameLanguage.title'
  | 'compare.error.sameLanguage.text'
  | 'compare.available';

export const COMPARE_MESSAGES: FeatureMessages<CompareMessageKey> = {
  en: {
    'compare.link': 'Compare two language versions side by side',
    'compare.title': '{symbol} in {base} and {other}',
    'compare.intro':
      'Each row holds the same paragraph in both languages. Paragraphs are matched by their place in the document, so a paragraph that one version lacks leaves its cell empty.',
    'compare.form.legend': 'Languages to compare',
    'compare.form.base': 'First language',
    'compare.form.with': 'Second language',
    'compare.form.submit': 'Compare',
    'compare.column.reference': 'Place in the document',
    'compare.row.title': 'Title',
    'compare.tableCaption': '{symbol}: {base} and {other}, paragraph by paragraph',
    'compare.summary': '{rows} rows: {both} in both versions, {baseOnly} only in {base}, {otherOnly} only in {other}.',
    'compare.onlyIn': 'Only in {language}',
    'compare.missingCell': 'Not in this version',
    'compare.numbersDiffer': 'The numbers differ: check that this is the same paragraph.',
    'compare.notesIn': 'Notes in {language}',
    'compare.noteMissing': 'The text of this note is not in the source.',
    'compare.backToDocument': 'Back to the document',
    'compare.singleLanguage': '{symbol} is available in one language only ({language}), so there is nothing to compare it with.',
    'compare.error.unknownLanguage.title': 'Unknown language',
    'compare.error.unknownLanguage.text': '“{code}” is not one of the languages of this site. Choose two of the languages in which this document is available.',
    'compare.error.missingVersion.title': 'This language version is not available',
    'compare.error.missingVersion.text': '{symbol} is not available in {language}.',
    'compare.error.sameLanguage.title': 'Choose two different languages',
    'compare.error.sameLanguage.text': 'Both columns would show the {language} version. Choose two different languages.',
    'compare.available': 'It is available in: {languages}.',
  },
  fr: {
    'compare.link': 'Comparer deux versions linguistiques côte à côte',
    'compare.title': '{symbol} en {base} et en {other}',
    'compare.intro':
      'Chaque ligne présente le même paragraphe dans les deux langues. Les paragraphes sont mis en regard selon leur place dans le document : un paragraphe absent d’une version laisse sa case vide.',
    'compare.form.legend': 'Langues à comparer',
    'compare.form.base': 'Première langue',
    'compare.form.with': 'Seconde langue',
    'compare.form.submit': 'Comparer',
    'compare.column.reference': 'Place dans le document',
    'compare.row.title': 'Titre',
    'compare.tableCaption': '{symbol} : {base} et {other}, paragraphe par paragraphe',
    'compare.summary': '{rows} lignes : {both} dans les deux versions, {baseOnly} seulement en {base}, {otherOnly} seulement en {other}.',
    'compare.onlyIn': 'Seulement en {language}',
    'compare.missingCell': 'Absent de cette version',
    'compare.numbersDiffer': 'Les numéros diffèrent : vérifiez qu’il s’agit du même paragraphe.',
    'compare.notesIn': 'Notes en {language}',
    'compare.noteMissing': 'Le texte de cette note ne figure pas dans la source.',
    'compare.backToDocument': 'Retour au document',
    'compare.singleLanguage': '{symbol} n’existe que dans une langue ({language}) : il n’y a rien à comparer.',
    'compare.error.unknownLanguage.title': 'Langue inconnue',
    'compare.error.unknownLanguage.text': '« {code} » n’est pas l’une des langues de ce site. Choisissez deux des langues dans lesquelles ce document existe.',
    'compare.error.missingVersion.title': 'Cette version linguistique n’est pas disponible',
    'compare.error.missingVersion.text': '{symbol} n’est pas disponible en {language}.',
    'compare.error.sameLanguage.title': 'Choisissez deux langues différentes',
    'compare.error.sameLanguage.text': 'Les deux colonnes montreraient la version en {language}. Choisissez deux langues différentes.',
    'compare.available': 'Il est disponible en : {languages}.',
  },
  es: {
    'compare.link': 'Comparar dos versiones lingüísticas en paralelo',
    'compare.title': '{symbol} en {base} y en {other}',
    'compare.intro':
      'Cada fila contiene el mismo párrafo en ambos idiomas. Los párrafos se emparejan según su lugar en el documento, de modo que un párrafo que falta en una versión deja su celda vacía.',
    'compare.form.legend': 'Idiomas que se comparan',
    'compare.form.base': 'Primer idioma',
    'compare.form.with': 'Segundo idioma',
    'compare.form.submit': 'Comparar',
    'compare.column.reference': 'Lugar en el documento',
    'compare.row.title': 'Título',
    'compare.tableCaption': '{symbol}: {base} y {other}, párrafo por párrafo',
    'compare.summary': '{rows} filas: {both} en ambas versiones, {baseOnly} solo en {base}, {otherOnly} solo en {other}.',
    'compare.onlyIn': 'Solo en {language}',
    'compare.missingCell': 'No figura en esta versión',
    'compare.numbersDiffer': 'Los números no coinciden: compruebe que se trata del mismo párrafo.',
    'compare.notesIn': 'Notas en {language}',
    'compare.noteMissing': 'El texto de esta nota no figura en la fuente.',
    'compare.backToDocument': 'Volver al documento',
    'compare.singleLanguage': '{symbol} solo está disponible en un idioma ({language}); no hay nada con que compararlo.',
    'compare.error.unknownLanguage.title': 'Idioma desconocido',
    'compare.error.unknownLanguage.text': '«{code}» no es uno de los idiomas de este sitio. Elija dos de los idiomas en los que está disponible este documento.',
    'compare.error.missingVersion.title': 'Esta versión lingüística no está disponible',
    'compare.error.missingVersion.text': '{symbol} no está disponible en {language}.',
    'compare.error.sameLanguage.title': 'Elija dos idiomas distintos',
    'compare.error.sameLanguage.text': 'Ambas columnas mostrarían la versión en {language}. Elija dos idiomas distintos.',
    'compare.available': 'Está disponible en: {languages}.',
  },
  ru: {
    'compare.link': 'Сравнить две языковые версии',
    'compare.title': '{symbol}: {base} и {other}',
    'compare.intro':
      'В каждой строке один и тот же пункт на двух языках. Пункты сопоставляются по их месту в документе, поэтому, если в одной из версий пункта нет, его ячейка остаётся пустой.',
    'compare.form.legend': 'Языки для сравнения',
    'compare.form.base': 'Первый язык',
    'compare.form.with': 'Второй язык',
    'compare.form.submit': 'Сравнить',
    'compare.column.reference': 'Место в документе',
    'compare.row.title': 'Название',
    'compare.tableCaption': '{symbol}: {base} и {other}, пункт за пунктом',
    'compare.summary': 'Строк: {rows}; в обеих версиях: {both}; только в версии «{base}»: {baseOnly}; только в версии «{other}»: {otherOnly}.',
    'compare.onlyIn': 'Только в версии «{language}»',
    'compare.missingCell': 'Нет в этой версии',
    'compare.numbersDiffer': 'Номера не совпадают: проверьте, что это один и тот же пункт.',
    'compare.notesIn': 'Примечания: {language}',
    'compare.noteMissing': 'Текста этого примечания нет в источнике.',
    'compare.backToDocument': 'Вернуться к документу',
    'compare.singleLanguage': 'Документ {symbol} доступен только на одном языке ({language}), сравнивать не с чем.',
    'compare.error.unknownLanguage.title': 'Неизвестный язык',
    'compare.error.unknownLanguage.text': '«{code}» не является одним из языков этого сайта. Выберите два языка, на которых доступен этот документ.',
    'compare.error.missingVersion.title': 'Эта языковая версия недоступна',
    'compare.error.missingVersion.text': 'Документ {symbol} недоступен на языке «{language}».',
    'compare.error.sameLanguage.title': 'Выберите два разных языка',
    'compare.error.sameLanguage.text': 'В обеих колонках была бы версия «{language}». Выберите два разных языка.',
    'compare.available': 'Доступные языки: {languages}.',
  },
  ar: {
    'compare.link': 'مقارنة نسختين لغويتين جنبا إلى جنب',
    'compare.title': '{symbol} باللغتين {base} و{other}',
    'compare.intro':
      'يضم كل صف الفقرة نفسها باللغتين. وتُطابَق الفقرات بحسب موقعها في الوثيقة، فإذا خلت إحدى النسختين من فقرة بقيت خانتها فارغة.',
    'compare.form.legend': 'اللغتان المراد مقارنتهما',
    'compare.form.base': 'اللغة الأولى',
    'compare.form.with': 'اللغة الثانية',
    'compare.form.submit': 'قارِن',
    'compare.column.reference': 'الموقع في الوثيقة',
    'compare.row.title': 'العنوان',
    'compare.tableCaption': '{symbol}: {base} و{other}، فقرة فقرة',
    'compare.summary': 'عدد الصفوف {rows}: {both} في النسختين، و{baseOnly} في نسخة {base} وحدها، و{otherOnly} في نسخة {other} وحدها.',
    'compare.onlyIn': 'في نسخة {language} وحدها',
    'compare.missingCell': 'غير موجودة في هذه النسخة',
    'compare.numbersDiffer': 'الأرقام مختلفة: تحقق من أنها الفقرة نفسها.',
    'compare.notesIn': 'الحواشي بلغة: {language}',
    'compare.noteMissing': 'نص هذه الحاشية غير موجود في المصدر.',
    'compare.backToDocument': 'العودة إلى الوثيقة',
    'compare.singleLanguage': 'الوثيقة {symbol} متاحة بلغة واحدة فقط ({language})، فلا يوجد ما تُقارَن به.',
    'compare.error.unknownLanguage.title': 'لغة غير معروفة',
    'compare.error.unknownLanguage.text': '"{code}" ليست من لغات هذا الموقع. اختر لغتين من اللغات التي تتاح بها هذه الوثيقة.',
    'compare.error.missingVersion.title': 'هذه النسخة اللغوية غير متاحة',
    'compare.error.missingVersion.text': 'الوثيقة {symbol} غير متاحة باللغة: {language}.',
    'compare.error.sameLanguage.title': 'اختر لغتين مختلفتين',
    'compare.error.sameLanguage.text': 'سيعرض العمودان كلاهما نسخة {language}. اختر لغتين مختلفتين.',
    'compare.available': 'وهي متاحة باللغات التالية: {languages}.',
  },
  zh: {
    'compare.link': '并排对照两种语文版本',
    'compare.title': '{symbol}：{base}与{other}',
    'compare.intro': '每一行是同一段落的两种语文文本。段落按其在文件中的位置对应；某一版本缺少的段落，其单元格留空。',
    'compare.form.legend': '要对照的语文',
    'compare.form.base': '第一种语文',
    'compare.form.with': '第二种语文',
    'compare.form.submit': '对照',
    'compare.column.reference': '在文件中的位置',
    'compare.row.title': '标题',
    'compare.tableCaption': '{symbol}：{base}与{other}逐段对照',
    'compare.summary': '共 {rows} 行：两个版本均有 {both} 行，仅{base}版本有 {baseOnly} 行，仅{other}版本有 {otherOnly} 行。',
    'compare.onlyIn': '仅见于{language}版本',
    'compare.missingCell': '本版本中没有此段',
    'compare.numbersDiffer': '编号不一致：请核实是否为同一段落。',
    'compare.notesIn': '{language}版本的脚注',
    'compare.noteMissing': '来源中没有此脚注的文本。',
    'compare.backToDocument': '返回文件',
    'compare.singleLanguage': '{symbol}只有一种语文版本（{language}），无可对照。',
    'compare.error.unknownLanguage.title': '未知语文',
    'compare.error.unknownLanguage.text': '“{code}”不是本网站的语文。请从本文件现有的语文中选择两种。',
    'compare.error.missingVersion.title': '没有该语文版本',
    'compare.error.missingVersion.text': '{symbol}没有{language}版本。',
    'compare.error.sameLanguage.title': '请选择两种不同的语文',
    'compare.error.sameLanguage.text': '两栏都将显示{language}版本。请选择两种不同的语文。',
    'compare.available': '现有语文：{languages}。',
  },
};
