// English interface strings. Every other catalogue must have exactly these keys (the type
// checker and test/app.test.ts both say so). `{name}` is replaced by a parameter.

export const en = {
  'site.tagline': 'United Nations standards and norms in crime prevention and criminal justice',
  'nav.skip': 'Skip to main content',
  'nav.languages': 'Language',
  'nav.home': 'All documents',
  'home.title': 'Standards and norms in crime prevention and criminal justice',
  'home.intro':
    'Resolutions, declarations and reports of the United Nations on crime prevention and criminal justice, in the six official languages.',
  'home.documents': 'Documents',
  'home.empty': 'No documents have been imported yet.',
  'documents.symbol': 'Symbol',
  'documents.title': 'Title',
  'documents.body': 'Body',
  'documents.date': 'Date',
  'documents.languages': 'Languages',
  'document.untitled': 'Untitled document',
  'document.notes': 'Notes',
  'document.noteMissing': 'The text of this note is not in the source.',
  'document.otherLanguages': 'This document in other languages',
  'document.shownIn': 'This document is not available in English. It is shown in {language}.',
  'document.partOf': 'Part of',
  'document.version': 'Version',
  'document.meeting': 'Meeting',
  'document.adopted': 'Date of adoption',
  'error.notFound.title': 'Page not found',
  'error.notFound.text': 'There is no page at this address. It may have moved, or the address may be mistyped.',
  'error.documentNotFound.text': 'No document with the symbol {symbol} is available.',
  'error.badRequest.title': 'This request cannot be answered',
  'error.badRequest.text': 'Something in the address or the form is not valid. Check it and try again.',
  'error.server.title': 'Something went wrong',
  'error.server.text': 'The page could not be shown because of an error on our side. Please try again later.',
  'error.backHome': 'Go to the list of documents',
  'footer.source': 'Documents: United Nations.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
