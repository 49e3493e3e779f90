// Strings of the open-data downloads (plain text, the compendium archive's README, the Atom
// feed) and of the API reference page, in the six official languages. Plain-text files and
// archive READMEs are written in the language of the documents they carry.

import type { FeatureMessages } from '../i18n/i18n.ts';

export type OpenDataMessageKey =
  | 'text.symbol'
  | 'text.body'
  | 'text.adopted'
  | 'text.meeting'
  | 'text.partOf'
  | 'text.language'
  | 'text.notes'
  | 'text.noteMissing'
  | 'readme.title'
  | 'readme.source'
  | 'readme.generated'
  | 'readme.asOf'
  | 'readme.count'
  | 'readme.files'
  | 'readme.index'
  | 'feed.title'
  | 'feed.titleIn'
  | 'feed.subtitle'
  | 'feed.adopted'
  | 'docs.title'
  | 'docs.intro'
  | 'docs.interactive'
  | 'docs.openapi'
  | 'docs.operations'
  | 'docs.parameters'
  | 'docs.parameter'
  | 'docs.where'
  | 'docs.required'
  | 'docs.responses'
  | 'docs.descriptionLanguage';

export const OPENDATA_MESSAGES: FeatureMessages<OpenDataMessageKey> = {
  en: {
    'text.symbol': 'Symbol',
    'text.body': 'Body',
    'text.adopted': 'Date of adoption',
    'text.meeting': 'Meeting',
    'text.partOf': 'Part of',
    'text.language': 'Language',
    'text.notes': 'Notes',
    'text.noteMissing': 'The text of this note is not in the source.',
    'readme.title': 'United Nations standards and norms in crime prevention and criminal justice: documents in {language}',
    'readme.source': 'Source: United Nations. The documents are official documents of the United Nations.',
    'readme.generated': 'Generated: {date}',
    'readme.asOf': 'Documents as last updated on: {date}',
    'readme.count': 'Documents: {count}',
    'readme.files':
      'Each document is here three times: NAME.json (its structured tree and footnotes, as described by the API), NAME.xml (Akoma Ntoso 3.0 XML) and NAME.txt (plain text).',
    'readme.index': 'index.json lists every document with its symbol, title, body, date of adoption and file names.',
    'feed.title': 'NormHub: newly imported documents',
    'feed.titleIn': 'NormHub: newly imported documents in {language}',
    'feed.subtitle': 'United Nations standards and norms in crime prevention and criminal justice, as they are imported.',
    'feed.adopted': 'Adopted on {date}',
    'docs.title': 'API reference',
    'docs.intro': 'Every page of NormHub is also available as data. These are the operations of the API; all answers are JSON unless stated otherwise, and errors are application/problem+json.',
    'docs.interactive': 'Interactive reference (needs JavaScript)',
    'docs.openapi': 'The OpenAPI 3.1 document',
    'docs.operations': 'Operations',
    'docs.parameters': 'Parameters',
    'docs.parameter': 'Parameter',
    'docs.where': 'In',
    'docs.required': 'required',
    'docs.responses': 'Responses',
    'docs.descriptionLanguage': 'The descriptions of the operations are in English.',
  },
  fr: {
    'text.symbol': 'Cote',
    'text.body': 'Organe',
    'text.adopted': "Date d'adoption",
    'text.meeting': 'Séance',
    'text.partOf': 'Fait partie de',
    'text.language': 'Langue',
    'text.notes': 'Notes',
    'text.noteMissing': "Le texte de cette note ne figure pas dans la source.",
    'readme.title': "Règles et normes des Nations Unies en matière de prévention du crime et de justice pénale : documents en {language}",
    'readme.source': "Source : Organisation des Nations Unies. Les documents sont des documents officiels de l'Organisation des Nations Unies.",
    'readme.generated': 'Produit le : {date}',
    'readme.asOf': 'Documents dans leur état du : {date}',
    'readme.count': 'Documents : {count}',
    'readme.files':
      "Chaque document y figure trois fois : NOM.json (son arbre structuré et ses notes, tels que les décrit l'API), NOM.xml (XML Akoma Ntoso 3.0) et NOM.txt (texte brut).",
    'readme.index': "index.json énumère tous les documents avec leur cote, leur titre, l'organe, la date d'adoption et les noms des fichiers.",
    'feed.title': 'NormHub : documents nouvellement importés',
    'feed.titleIn': 'NormHub : documents nouvellement importés en {language}',
    'feed.subtitle': 'Les règles et normes des Nations Unies en matière de prévention du crime et de justice pénale, au fur et à mesure de leur importation.',
    'feed.adopted': 'Adopté le {date}',
    'docs.title': "Référence de l'API",
    'docs.intro': "Chaque page de NormHub est aussi disponible sous forme de données. Voici les opérations de l'API ; toutes les réponses sont en JSON sauf indication contraire, et les erreurs sont en application/problem+json.",
    'docs.interactive': 'Référence interactive (nécessite JavaScript)',
    'docs.openapi': 'Le document OpenAPI 3.1',
    'docs.operations': 'Opérations',
    'docs.parameters': 'Paramètres',
    'docs.parameter': 'Paramètre',
    'docs.where': 'Emplacement',
    'docs.required': 'obligatoire',
    'docs.responses': 'Réponses',
    'docs.descriptionLanguage': 'Les descriptions des opérations sont en anglais.',
  },
  es: {
    'text.symbol': 'Signatura',
    'text.body': 'Órgano',
    'text.adopted': 'Fecha de aprobación',
    'text.meeting': 'Sesión',
    'text.partOf': 'Forma parte de',
    'text.language': 'Idioma',
    'text.notes': 'Notas',
    'text.noteMissing': 'El texto de esta nota no figura en la fuente.',
    'readme.title': 'Reglas y normas de las Naciones Unidas en materia de prevención del delito y justicia penal: documentos en {language}',
    'readme.source': 'Fuente: Naciones Unidas. Los documentos son documentos oficiales de las Naciones Unidas.',
    'readme.generated': 'Generado el: {date}',
    'readme.asOf': 'Documentos según su última actualización del: {date}',
    'readme.count': 'Documentos: {count}',
    'readme.files':
      'Cada documento figura tres veces: NOMBRE.json (su árbol estructurado y sus notas, tal como los describe la API), NOMBRE.xml (XML Akoma Ntoso 3.0) y NOMBRE.txt (texto sin formato).',
    'readme.index': 'index.json enumera todos los documentos con su signatura, título, órgano, fecha de aprobación y nombres de archivo.',
    'feed.title': 'NormHub: documentos importados recientemente',
    'feed.titleIn': 'NormHub: documentos importados recientemente en {language}',
    'feed.subtitle': 'Las reglas y normas de las Naciones Unidas en materia de prevención del delito y justicia penal, a medida que se importan.',
    'feed.adopted': 'Aprobado el {date}',
    'docs.title': 'Referencia de la API',
    'docs.intro': 'Todas las páginas de NormHub están disponibles también como datos. Estas son las operaciones de la API; todas las respuestas son JSON salvo que se indique otra cosa, y los errores son application/problem+json.',
    'docs.interactive': 'Referencia interactiva (requiere JavaScript)',
    'docs.openapi': 'El documento OpenAPI 3.1',
    'docs.operations': 'Operaciones',
    'docs.parameters': 'Parámetros',
    'docs.parameter': 'Parámetro',
    'docs.where': 'Ubicación',
    'docs.required': 'obligatorio',
    'docs.responses': 'Respuestas',
    'docs.descriptionLanguage': 'Las descripciones de las operaciones están en inglés.',
  },
  ru: {
    'text.symbol': 'Условное обозначение',
    'text.body': 'Орган',
    'text.adopted': 'Дата принятия',
    'text.meeting': 'Заседание',
    'text.partOf': 'Входит в',
    'text.language': 'Язык',
    'text.notes': 'Сноски',
    'text.noteMissing': 'Текст этой сноски в источнике отсутствует.',
    'readme.title': 'Стандарты и нормы Организации Объединенных Наций в области предупреждения преступности и уголовного правосудия: документы на языке: {language}',
    'readme.source': 'Источник: Организация Объединенных Наций. Документы являются официальными документами Организации Объединенных Наций.',
    'readme.generated': 'Создано: {date}',
    'readme.asOf': 'Документы по состоянию на: {date}',
    'readme.count': 'Документов: {count}',
    'readme.files':
      'Каждый документ представлен трижды: ИМЯ.json (структурированное дерево и сноски в том виде, в каком их описывает API), ИМЯ.xml (XML Akoma Ntoso 3.0) и ИМЯ.txt (простой текст).',
    'readme.index': 'В index.json перечислены все документы с условным обозначением, названием, органом, датой принятия и именами файлов.',
    'feed.title': 'NormHub: недавно импортированные документы',
    'feed.titleIn': 'NormHub: недавно импортированные документы (язык: {language})',
    'feed.subtitle': 'Стандарты и нормы Организации Объединенных Наций в области предупреждения преступности и уголовного правосудия по мере их импорта.',
    'feed.adopted': 'Принято {date}',
    'docs.title': 'Справочник по API',
    'docs.intro': 'Каждая страница NormHub доступна и в виде данных. Ниже перечислены операции API; все ответы даются в формате JSON, если не указано иное, а ошибки — в формате application/problem+json.',
    'docs.interactive': 'Интерактивный справочник (требуется JavaScript)',
    'docs.openapi': 'Документ OpenAPI 3.1',
    'docs.operations': 'Операции',
    'docs.parameters': 'Параметры',
    'docs.parameter': 'Параметр',
    'docs.where': 'Где передается',
    'docs.required': 'обязательный',
    'docs.responses': 'Ответы',
    'docs.descriptionLanguage': 'Описания операций даны на английском языке.',
  },
  ar: {
    'text.symbol': 'الرمز',
    'text.body': 'الهيئة',
    'text.adopted': 'تاريخ الاعتماد',
    'text.meeting': 'الجلسة',
    'text.partOf': 'جزء من',
    'text.language': 'اللغة',
    'text.notes': 'الحواشي',
    'text.noteMissing': 'نص هذه الحاشية غير موجود في المصدر.',
    'readme.title': 'معايير الأمم المتحدة وقواعدها في مجال منع الجريمة والعدالة الجنائية: الوثائق باللغة {language}',
    'readme.source': 'المصدر: الأمم المتحدة. هذه الوثائق وثائق رسمية للأمم المتحدة.',
    'readme.generated': 'تاريخ الإنشاء: {date}',
    'readme.asOf': 'الوثائق بحسب آخر تحديث لها في: {date}',
    'readme.count': 'عدد الوثائق: {count}',
    'readme.files':
      'ترد كل وثيقة هنا ثلاث مرات: NAME.json (شجرتها المنظمة وحواشيها كما تصفها واجهة البرمجة)، وNAME.xml (بصيغة XML وفق Akoma Ntoso 3.0)، وNAME.txt (نص عادي).',
    'readme.index': 'يسرد الملف index.json جميع الوثائق مع رمز كل منها وعنوانها والهيئة وتاريخ الاعتماد وأسماء الملفات.',
    'feed.title': 'NormHub: الوثائق المستوردة حديثًا',
    'feed.titleIn': 'NormHub: الوثائق المستوردة حديثًا باللغة {language}',
    'feed.subtitle': 'معايير الأمم المتحدة وقواعدها في مجال منع الجريمة والعدالة الجنائية، أولًا بأول عند استيرادها.',
    'feed.adopted': 'اعتُمد في {date}',
    'docs.title': 'مرجع واجهة البرمجة',
    'docs.intro': 'كل صفحة من صفحات NormHub متاحة أيضًا في شكل بيانات. وهذه عمليات واجهة البرمجة؛ وجميع الردود بصيغة JSON ما لم يُذكر خلاف ذلك، والأخطاء بصيغة application/problem+json.',
    'docs.interactive': 'المرجع التفاعلي (يتطلب JavaScript)',
    'docs.openapi': 'وثيقة OpenAPI 3.1',
    'docs.operations': 'العمليات',
    'docs.parameters': 'المعلمات',
    'docs.parameter': 'المعلمة',
    'docs.where': 'الموضع',
    'docs.required': 'إلزامية',
    'docs.responses': 'الردود',
    'docs.descriptionLanguage': 'أوصاف العمليات باللغة الإنكليزية.',
  },
  zh: {
    'text.symbol': '文号',
    'text.body': '机构',
    'text.adopted': '通过日期',
    'text.meeting': '会议',
    'text.partOf': '所属文件',
    'text.language': '语文',
    'text.notes': '脚注',
    'text.noteMissing': '来源中没有此脚注的案文。',
    'readme.title': '联合国预防犯罪和刑事司法标准和规范：{language}文件',
    'readme.source': '来源：联合国。这些文件是联合国的正式文件。',
    'readme.generated': '生成日期：{date}',
    'readme.asOf': '文件最后更新日期：{date}',
    'readme.count': '文件数量：{count}',
    'readme.files': '每份文件在此以三种形式提供：NAME.json（结构化的文件树和脚注，格式与 API 所述相同）、NAME.xml（Akoma Ntoso 3.0 XML）和 NAME.txt（纯文本）。',
    'readme.index': 'index.json 列出所有文件及其文号、标题、机构、通过日期和文件名。',
    'feed.title': 'NormHub：新导入的文件',
    'feed.titleIn': 'NormHub：新导入的{language}文件',
    'feed.subtitle': '联合国预防犯罪和刑事司法标准和规范，随导入随时更新。',
    'feed.adopted': '通过日期：{date}',
    'docs.title': 'API 参考',
    'docs.intro': 'NormHub 的每个页面也以数据形式提供。以下是 API 的各项操作；除另有说明外，所有响应均为 JSON，错误为 application/problem+json。',
    'docs.interactive': '交互式参考（需要 JavaScript）',
    'docs.openapi': 'OpenAPI 3.1 文档',
    'docs.operations': '操作',
    'docs.parameters': '参数',
    'docs.parameter': '参数',
    'docs.where': '位置',
    'docs.required': '必填',
    'docs.responses': '响应',
    'docs.descriptionLanguage': '各项操作的说明为英文。',
  },
};
