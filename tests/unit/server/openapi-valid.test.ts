/**
 * docs/openapi.yaml is a valid OpenAPI 3.1 document, by the official 3.1 schema
 * (@seriousme/openapi-schema-validator, which also resolves every `$ref`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_PATH } from '../../../src-main/server/openapi/generate';
import { ROOT } from './openapi-client';

describe('docs/openapi.yaml', () => {
  it('validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(readFileSync(join(ROOT, DOCUMENT_PATH), 'utf8'));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('is refused when it breaks the 3.1 schema, so the check above can fail', async () => {
    const broken = readFileSync(join(ROOT, DOCUMENT_PATH), 'utf8').replace('      responses:', '      answers:');
    const result = await new Validator().validate(broken);
    expect(result.valid).toBe(false);
  });
});
