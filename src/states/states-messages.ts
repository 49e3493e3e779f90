// Interface strings of the States pages, in the six languages. The names of States, regional
// groups and M49 areas are data (src/states/data/), not messages.

import type { FeatureMessages } from '../i18n/i18n.ts';

export type StatesMessageKey =
  | 'nav.states'
  | 'states.title'
  | 'states.intro'
  | 'states.filter.label'
  | 'states.filter.all'
  | 'states.filter.observers'
  | 'states.filter.submit'
  | 'states.filter.invalid'
  | 'states.errorSummary'
  | 'states.observers'
  | 'states.count'
  | 'states.column.name'
  | 'states.column.code'
  | 'states.column.region'
  | 'states.sources'
  | 'state.back'
  | 'state.details'
  | 'state.names'
  | 'state.language'
  | 'state.name'
  | 'state.alpha2'
  | 'state.alpha3'
  | 'state.m49'
  | 'state.status'
  | 'state.status.member'
  | 'state.status.observer'
  | 'state.group'
  | 'state.group.none'
  | 'state.region'
  | 'state.subregion'
  | 'state.intermediateRegion'
  | 'state.focalPoint'
  | 'state.focalPoint.about'
  | 'state.focalPoint.has'
  | 'state.focalPoint.none'
  | 'state.focalPoint.directory';

export const STATES_MESSAGES: FeatureMessages<StatesMessageKey> = {
  en: {
    'nav.states': 'Member States',
    'states.title': 'Member States and observer States',
    'states.intro':
      'The 193 Member States of the United Nations, by regional group, and the two non-member observer States. Names are the official United Nations short names.',
    'states.filter.label': 'Regional group',
    'states.filter.all': 'All States',
    'states.filter.observers': 'Non-member observer States',
    'states.filter.submit': 'Show',
    'states.filter.invalid': 'Choose a regional group from the list.',
    'states.errorSummary': 'There is a problem',
    'states.observers': 'Non-member observer States',
    'states.count': '{count} States',
    'states.column.name': 'Name',
    'states.column.code': 'ISO code',
    'states.column.region': 'Region (M49)',
    'states.sources':
      'Sources: United Nations (Member States and regional groups), United Nations Statistics Division (M49 codes and regions), United Nations terminology (names).',
    'state.back': 'All Member States',
    'state.details': 'Codes and groups',
    'state.names': 'Names in the official languages',
    'state.language': 'Language',
    'state.name': 'Name',
    'state.alpha2': 'ISO 3166-1 alpha-2 code',
    'state.alpha3': 'ISO 3166-1 alpha-3 code',
    'state.m49': 'M49 code',
    'state.status': 'Status',
    'state.status.member': 'Member State',
    'state.status.observer': 'Non-member observer State',
    'state.group': 'Regional group',
    'state.group.none': 'None: observer States are not members of a regional group.',
    'state.region': 'Region',
    'state.subregion': 'Sub-region',
    'state.intermediateRegion': 'Intermediate region',
    'state.focalPoint': 'National focal point',
    'state.focalPoint.about':
      'Each State is encouraged to identify at least one contact person who can serve as a knowledgeable source on its application of the standards and norms (Economic and Social Council resolution 2003/30, annex, paragraph 11). The Secretariat keeps the directory of contact persons.',
    'state.focalPoint.has': 'This State has identified a contact person.',
    'state.focalPoint.none': 'This State has not yet identified a contact person.',
    'state.focalPoint.directory': 'Contact persons of this State',
  },
  fr: {
    'nav.states': 'États Membres',
    'states.title': 'États Membres et États observateurs',
    'states.intro':
      "Les 193 États Membres de l'Organisation des Nations Unies, par groupe régional, et les deux États non membres observateurs. Les noms sont les noms courts officiels de l'Organisation des Nations Unies.",
    'states.filter.label': 'Groupe régional',
    'states.filter.all': 'Tous les États',
    'states.filter.observers': 'États non membres observateurs',
    'states.filter.submit': 'Afficher',
    'states.filter.invalid': 'Choisissez un groupe régional dans la liste.',
    'states.errorSummary': 'Un problème est survenu',
    'states.observers': 'États non membres observateurs',
    'states.count': '{count} États',
    'states.column.name': 'Nom',
    'states.column.code': 'Code ISO',
    'states.column.region': 'Région (M49)',
    'states.sources':
      "Sources : Organisation des Nations Unies (États Membres et groupes régionaux), Division de statistique de l'ONU (codes et régions M49), terminologie de l'ONU (noms).",
    'state.back': 'Tous les États Membres',
    'state.details': 'Codes et groupes',
    'state.names': 'Noms dans les langues officielles',
    'state.language': 'Langue',
    'state.name': 'Nom',
    'state.alpha2': 'Code ISO 3166-1 alpha-2',
    'state.alpha3': 'Code ISO 3166-1 alpha-3',
    'state.m49': 'Code M49',
    'state.status': 'Statut',
    'state.status.member': 'État Membre',
    'state.status.observer': 'État non membre observateur',
    'state.group': 'Groupe régional',
    'state.group.none': "Aucun : les États observateurs ne sont membres d'aucun groupe régional.",
    'state.region': 'Région',
    'state.subregion': 'Sous-région',
    'state.intermediateRegion': 'Région intermédiaire',
    'state.focalPoint': 'Correspondant national',
    'state.focalPoint.about':
      "Chaque État est encouragé à désigner au moins une personne à contacter, qui puisse servir de source d'information compétente sur son application des règles et normes (résolution 2003/30 du Conseil économique et social, annexe, paragraphe 11). Le Secrétariat tient le répertoire des personnes à contacter.",
    'state.focalPoint.has': 'Cet État a désigné une personne à contacter.',
    'state.focalPoint.none': "Cet État n'a pas encore désigné de personne à contacter.",
    'state.focalPoint.directory': 'Personnes à contacter pour cet État',
  },
  es: {
    'nav.states': 'Estados Miembros',
    'states.title': 'Estados Miembros y Estados observadores',
    'states.intro':
      'Los 193 Estados Miembros de las Naciones Unidas, por grupo regional, y los dos Estados observadores no miembros. Los nombres son los nombres cortos oficiales de las Naciones Unidas.',
    'states.filter.label': 'Grupo regional',
    'states.filter.all': 'Todos los Estados',
    'states.filter.observers': 'Estados observadores no miembros',
    'states.filter.submit': 'Mostrar',
    'states.filter.invalid': 'Elija un grupo regional de la lista.',
    'states.errorSummary': 'Hay un problema',
    'states.observers': 'Estados observadores no miembros',
    'states.count': '{count} Estados',
    'states.column.name': 'Nombre',
    'states.column.code': 'Código ISO',
    'states.column.region': 'Región (M49)',
    'states.sources':
      'Fuentes: Naciones Unidas (Estados Miembros y grupos regionales), División de Estadística de las Naciones Unidas (códigos y regiones M49), terminología de las Naciones Unidas (nombres).',
    'state.back': 'Todos los Estados Miembros',
    'state.details': 'Códigos y grupos',
    'state.names': 'Nombres en los idiomas oficiales',
    'state.language': 'Idioma',
    'state.name': 'Nombre',
    'state.alpha2': 'Código ISO 3166-1 alfa-2',
    'state.alpha3': 'Código ISO 3166-1 alfa-3',
    'state.m49': 'Código M49',
    'state.status': 'Condición',
    'state.status.member': 'Estado Miembro',
    'state.status.observer': 'Estado observador no miembro',
    'state.group': 'Grupo regional',
    'state.group.none': 'Ninguno: los Estados observadores no son miembros de ningún grupo regional.',
    'state.region': 'Región',
    'state.subregion': 'Subregión',
    'state.intermediateRegion': 'Región intermedia',
    'state.focalPoint': 'Coordinador nacional',
    'state.focalPoint.about':
      'Se alienta a cada Estado a que designe al menos una persona de contacto que pueda servir de fuente de información especializada sobre su aplicación de las reglas y normas (resolución 2003/30 del Consejo Económico y Social, anexo, párrafo 11). La Secretaría mantiene el directorio de personas de contacto.',
    'state.focalPoint.has': 'Este Estado ha designado una persona de contacto.',
    'state.focalPoint.none': 'Este Estado aún no ha designado una persona de contacto.',
    'state.focalPoint.directory': 'Personas de contacto de este Estado',
  },
  ru: {
    'nav.states': 'Государства-члены',
    'states.title': 'Государства-члены и государства-наблюдатели',
    'states.intro':
      '193 государства — члена Организации Объединенных Наций по региональным группам и два государства-наблюдателя, не являющихся членами. Названия — официальные краткие названия, принятые в Организации Объединенных Наций.',
    'states.filter.label': 'Региональная группа',
    'states.filter.all': 'Все государства',
    'states.filter.observers': 'Государства-наблюдатели, не являющиеся членами',
    'states.filter.submit': 'Показать',
    'states.filter.invalid': 'Выберите региональную группу из списка.',
    'states.errorSummary': 'Возникла проблема',
    'states.observers': 'Государства-наблюдатели, не являющиеся членами',
    'states.count': 'Государств: {count}',
    'states.column.name': 'Название',
    'states.column.code': 'Код ISO',
    'states.column.region': 'Регион (M49)',
    'states.sources':
      'Источники: Организация Объединенных Наций (государства-члены и региональные группы), Статистический отдел ООН (коды и регионы M49), терминология ООН (названия).',
    'state.back': 'Все государства-члены',
    'state.details': 'Коды и группы',
    'state.names': 'Названия на официальных языках',
    'state.language': 'Язык',
    'state.name': 'Название',
    'state.alpha2': 'Код ISO 3166-1 alpha-2',
    'state.alpha3': 'Код ISO 3166-1 alpha-3',
    'state.m49': 'Код M49',
    'state.status': 'Статус',
    'state.status.member': 'Государство-член',
    'state.status.observer': 'Государство-наблюдатель, не являющееся членом',
    'state.group': 'Региональная группа',
    'state.group.none': 'Нет: государства-наблюдатели не входят ни в одну региональную группу.',
    'state.region': 'Регион',
    'state.subregion': 'Субрегион',
    'state.intermediateRegion': 'Промежуточный регион',
    'state.focalPoint': 'Национальный координатор',
    'state.focalPoint.about':
      'Каждому государству рекомендуется назначить по крайней мере одно контактное лицо, которое могло бы служить компетентным источником сведений о применении им стандартов и норм (резолюция 2003/30 Экономического и Социального Совета, приложение, пункт 11). Справочник контактных лиц ведет Секретариат.',
    'state.focalPoint.has': 'Это государство назначило контактное лицо.',
    'state.focalPoint.none': 'Это государство еще не назначило контактное лицо.',
    'state.focalPoint.directory': 'Контактные лица этого государства',
  },
  zh: {
    'nav.states': '会员国',
    'states.title': '会员国和观察员国',
    'states.intro': '联合国193个会员国（按区域组排列）和两个非会员观察员国。名称为联合国正式简称。',
    'states.filter.label': '区域组',
    'states.filter.all': '所有国家',
    'states.filter.observers': '非会员观察员国',
    'states.filter.submit': '显示',
    'states.filter.invalid': '请从列表中选择一个区域组。',
    'states.errorSummary': '出现问题',
    'states.observers': '非会员观察员国',
    'states.count': '{count}个国家',
    'states.column.name': '名称',
    'states.column.code': 'ISO代码',
    'states.column.region': '区域（M49）',
    'states.sources': '资料来源：联合国（会员国和区域组）、联合国统计司（M49代码和区域）、联合国术语库（名称）。',
    'state.back': '所有会员国',
    'state.details': '代码和组别',
    'state.names': '各正式语文名称',
    'state.language': '语文',
    'state.name': '名称',
    'state.alpha2': 'ISO 3166-1二位字母代码',
    'state.alpha3': 'ISO 3166-1三位字母代码',
    'state.m49': 'M49代码',
    'state.status': '地位',
    'state.status.member': '会员国',
    'state.status.observer': '非会员观察员国',
    'state.group': '区域组',
    'state.group.none': '无：观察员国不属于任何区域组。',
    'state.region': '区域',
    'state.subregion': '分区域',
    'state.intermediateRegion': '中间区域',
    'state.focalPoint': '国家协调人',
    'state.focalPoint.about':
      '鼓励每个国家指定至少一名联络人，作为了解本国适用标准和规范情况的知情信息来源（经济及社会理事会第2003/30号决议，附件，第11段）。联络人名录由秘书处保存。',
    'state.focalPoint.has': '该国已指定联络人。',
    'state.focalPoint.none': '该国尚未指定联络人。',
    'state.focalPoint.directory': '该国的联络人',
  },
  ar: {
    'nav.states': 'الدول الأعضاء',
    'states.title': 'الدول الأعضاء والدول المراقبة',
    'states.intro':
      'الدول الأعضاء في الأمم المتحدة البالغ عددها 193 دولة، مرتبة حسب المجموعات الإقليمية، والدولتان المراقبتان غير العضوين. الأسماء هي الأسماء المختصرة الرسمية المعتمدة في الأمم المتحدة.',
    'states.filter.label': 'المجموعة الإقليمية',
    'states.filter.all': 'جميع الدول',
    'states.filter.observers': 'الدول المراقبة غير الأعضاء',
    'states.filter.submit': 'عرض',
    'states.filter.invalid': 'اختر مجموعة إقليمية من القائمة.',
    'states.errorSummary': 'توجد مشكلة',
    'states.observers': 'الدول المراقبة غير الأعضاء',
    'states.count': 'عدد الدول: {count}',
    'states.column.name': 'الاسم',
    'states.column.code': 'رمز الأيزو',
    'states.column.region': 'المنطقة (M49)',
    'states.sources':
      'المصادر: الأمم المتحدة (الدول الأعضاء والمجموعات الإقليمية)، وشعبة الإحصاءات بالأمم المتحدة (رموز M49 ومناطقه)، ومصطلحات الأمم المتحدة (الأسماء).',
    'state.back': 'جميع الدول الأعضاء',
    'state.details': 'الرموز والمجموعات',
    'state.names': 'الأسماء باللغات الرسمية',
    'state.language': 'اللغة',
    'state.name': 'الاسم',
    'state.alpha2': 'رمز الأيزو 3166-1 الثنائي الحروف',
    'state.alpha3': 'رمز الأيزو 3166-1 الثلاثي الحروف',
    'state.m49': 'رمز M49',
    'state.status': 'الصفة',
    'state.status.member': 'دولة عضو',
    'state.status.observer': 'دولة مراقبة غير عضو',
    'state.group': 'المجموعة الإقليمية',
    'state.group.none': 'لا توجد: الدول المراقبة ليست أعضاء في أي مجموعة إقليمية.',
    'state.region': 'المنطقة',
    'state.subregion': 'المنطقة دون الإقليمية',
    'state.intermediateRegion': 'المنطقة الوسيطة',
    'state.focalPoint': 'جهة الوصل الوطنية',
    'state.focalPoint.about':
      'تُشجَّع كل دولة على تعيين شخص واحد على الأقل لأغراض الاتصال يمكن أن يكون مصدرا مطّلعا للمعلومات عن تطبيقها للمعايير والقواعد (قرار المجلس الاقتصادي والاجتماعي 2003/30، المرفق، الفقرة 11). وتحتفظ الأمانة العامة بدليل الأشخاص المعيَّنين لأغراض الاتصال.',
    'state.focalPoint.has': 'عيّنت هذه الدولة شخصا لأغراض الاتصال.',
    'state.focalPoint.none': 'لم تعيّن هذه الدولة بعدُ شخصا لأغراض الاتصال.',
    'state.focalPoint.directory': 'أشخاص الاتصال في هذه الدولة',
  },
};
