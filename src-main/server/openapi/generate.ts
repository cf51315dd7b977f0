/**
 * Generates the REST API's document from the contract's source folder: its schemas at run
 * time, its JSDoc through the TypeScript compiler. For `scripts/openapi.ts` and the test
 * that holds `docs/openapi.yaml` to it; the server serves the committed file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import * as contractModule from '../../../src-preload/contract';
import { readContractDocs, type RuntimeOperation } from './contract-docs';
import { buildDocument, type OpenApiDocument } from './document';

/** Where the document is committed, relative to the project's root. */
export const DOCUMENT_PATH = 'docs/openapi.yaml';
/** What regenerates it. */
export const REGENERATE_COMMAND = 'npm run openapi';

export function generateDocument(root: string): OpenApiDocument {
  const folder = join(root, 'src-preload', 'contract');
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(folder, name));
  const runtime: Record<string, RuntimeOperation> = contractModule.contract;
  const docs = readContractDocs(files, runtime);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return buildDocument({ exports: contractModule, docs, version });
}

/** The document as the committed YAML file. */
export function toYaml(document: OpenApiDocument): string {
  const header = `# The REST API of Quantified Self. Generated from src-preload/contract.ts by \`${REGENERATE_COMMAND}\`: do not edit.\n`;
  return header + yaml.dump(document, { lineWidth: 140, noRefs: true });
}
