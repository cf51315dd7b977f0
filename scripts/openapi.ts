/** Writes docs/openapi.yaml from the contract (`npm run openapi`). */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_PATH, generateDocument, toYaml } from '../src-main/server/openapi/generate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const text = toYaml(generateDocument(root));
writeFileSync(join(root, DOCUMENT_PATH), text);
console.log(`Wrote ${DOCUMENT_PATH} (${text.length} characters).`);
