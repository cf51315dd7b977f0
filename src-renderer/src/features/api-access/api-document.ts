/**
 * The API's operations as the Settings › API page lists them, read from the OpenAPI document
 * the server serves (`/api/openapi.json`, generated from the contract): one line per
 * operation under its tag, with whether it needs a token. Only the parts shown are read, each
 * checked, so a document of another shape lists what it can rather than failing the page.
 */

export interface ListedOperation {
  readonly id: string;
  readonly verb: string;
  readonly path: string;
  readonly summary: string;
  /** False for the few that need no token (sign-up, log-in, reset, the document itself). */
  readonly needsToken: boolean;
}

export interface OperationGroup {
  readonly tag: string;
  readonly description: string;
  readonly operations: readonly ListedOperation[];
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The document's operations grouped by tag, in the document's tag order, then path order. */
export function operationGroups(document: unknown): OperationGroup[] {
  if (!isRecord(document) || !isRecord(document.paths)) return [];
  const tags = Array.isArray(document.tags) ? document.tags.filter(isRecord) : [];
  const groups = new Map<string, { description: string; operations: ListedOperation[] }>(tags.map((tag) => [textOf(tag.name), { description: textOf(tag.description), operations: [] }]));
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    for (const verb of VERBS) {
      const operation = item[verb];
      if (!isRecord(operation)) continue;
      const tag = Array.isArray(operation.tags) ? textOf(operation.tags[0]) : '';
      const group = groups.get(tag) ?? { description: '', operations: [] };
      groups.set(tag, group);
      group.operations.push({
        id: textOf(operation.operationId),
        verb: verb.toUpperCase(),
        path,
        summary: textOf(operation.summary),
        // An operation's own empty `security` lifts the document's bearer requirement.
        needsToken: !(Array.isArray(operation.security) && operation.security.length === 0),
      });
    }
  }
  return [...groups.entries()].filter(([, group]) => group.operations.length > 0).map(([tag, group]) => ({ tag, ...group }));
}

const ACRONYMS = new Set(['api', 'csv']);

/** A tag as a heading: `access-tokens` → "Access tokens", `csv` → "CSV". */
export function tagLabel(tag: string): string {
  if (ACRONYMS.has(tag)) return tag.toUpperCase();
  const words = tag.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fetch the served document; null with the reason when it cannot be had (the desktop app serves no API). */
export async function loadOperationGroups(base: string): Promise<{ ok: true; groups: OperationGroup[] } | { ok: false; message: string }> {
  try {
    const response = await fetch(new URL('api/openapi.json', base));
    if (!response.ok) return { ok: false, message: `The API’s document could not be read (HTTP ${response.status}).` };
    return { ok: true, groups: operationGroups(await response.json()) };
  } catch (error) {
    return { ok: false, message: `The API’s document could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
