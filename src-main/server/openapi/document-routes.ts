/** Where the server serves the API's document, and its media type at each (the document lists them too). */
export const DOCUMENT_ROUTES = {
  '/api/openapi.yaml': 'application/yaml; charset=utf-8',
  '/api/openapi.json': 'application/json; charset=utf-8',
} as const;

export type DocumentPath = keyof typeof DOCUMENT_ROUTES;

export const isDocumentPath = (pathname: string): pathname is DocumentPath => Object.hasOwn(DOCUMENT_ROUTES, pathname);
