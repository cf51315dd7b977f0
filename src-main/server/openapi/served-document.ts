/**
 * The API's document as the server serves it, without a token: the committed
 * docs/openapi.yaml, bundled into the build as text, and the same as JSON. Serving the
 * committed file (rather than generating it here) keeps the TypeScript compiler, which
 * reads the contract's JSDoc, out of the server; a test holds the file to the contract.
 */
import yaml from 'js-yaml';
import documentText from '../../../docs/openapi.yaml?raw';
import { DOCUMENT_ROUTES, type DocumentPath } from './document-routes';

export { isDocumentPath } from './document-routes';

let json: string | null = null;

/** The document at `path`: the YAML file as committed, or its JSON (made once, on first use). */
export function documentAt(path: DocumentPath): { readonly contentType: string; readonly body: string } {
  if (path === '/api/openapi.yaml') return { contentType: DOCUMENT_ROUTES[path], body: documentText };
  json ??= JSON.stringify(yaml.load(documentText));
  return { contentType: DOCUMENT_ROUTES[path], body: json };
}
