/** How access tokens read on the API page: scopes, expiry choices, and a token's state. */
import type { AccessScope, AccessToken } from '../../../../src-preload/contract';

export const SCOPE_LABELS: Record<AccessScope, string> = {
  read: 'Read only',
  'read-write': 'Read and write',
};

export const SCOPE_HINTS: Record<AccessScope, string> = {
  read: 'Lists trackers, entries, statistics and exports; every change is refused.',
  'read-write': 'Also adds, edits and deletes trackers and entries. Never the password, the profile or tokens.',
};

/** The expiry choices offered, in days; null: never. */
export const EXPIRY_CHOICES: readonly { readonly days: number | null; readonly label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: 'A year' },
  { days: null, label: 'Never' },
];

/** A token's state in words: expired, or when it expires. */
export function expiryText(token: Pick<AccessToken, 'expiresAt' | 'expired'>, format: (iso: string) => string): string {
  if (token.expired) return 'Expired';
  return token.expiresAt === null ? 'Never' : format(token.expiresAt);
}
