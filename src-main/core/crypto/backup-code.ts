/**
 * Backup codes the app makes (after an upgrade or a reset): 100 random bits as five
 * groups of four characters of Crockford's base-32 alphabet (digits and capitals without
 * I, L, O, U, so nothing reads as another character), easy to copy onto paper and type back.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 4;

export function newBackupCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  const characters = [...bytes].map((byte) => ALPHABET[byte % 32] ?? '0');
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(characters.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}
