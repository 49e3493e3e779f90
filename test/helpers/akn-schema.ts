import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

// Validates documents against the OASIS Akoma Ntoso 3.0 schema with libxml2 (xmllint-wasm).
// Each call starts a worker and compiles the schema, so callers pass many documents at once.

const schemaDirectory = new URL('../../../shared/schemas/akn/', import.meta.url);

export interface SchemaProblem {
  file: string;
  message: string;
}

export async function validateAknDocuments(documents: Array<{ name: string; xml: string }>): Promise<SchemaProblem[]> {
  const result = await validateXML({
    xml: documents.map((document) => ({ fileName: document.name, contents: document.xml })),
    schema: [{ fileName: 'akomantoso30.xsd', contents: readFileSync(new URL('akomantoso30.xsd', schemaDirectory), 'utf8') }],
    preload: [{ fileName: 'xml.xsd', contents: readFileSync(new URL('xml.xsd', schemaDirectory), 'utf8') }],
    // the whole corpus at once needs more than the default 16 MiB
    maxMemoryPages: 16384,
  });
  if (result.valid) return [];
  const problems = result.errors.map((error) => ({ file: error.loc?.fileName ?? '?', message: error.rawMessage }));
  // xmllint reports an invalid document without always giving a reason line; never return
  // "no problems" for an invalid result
  return problems.length ? problems : [{ file: '?', message: result.rawOutput || 'invalid' }];
}
