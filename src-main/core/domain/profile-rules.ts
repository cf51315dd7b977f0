/**
 * What makes sign-up details acceptable. Pure: each rule returns the canonical value or
 * throws an AppFailure whose `field` names the form input.
 */
import { fail } from '../errors';

// Deliberately simple: one @, something on each side, a dot in the domain, no spaces.
// The real proof of an address is mail reaching it, which this app never needs.
const EMAIL_FORM = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MIN_PASSWORD_LENGTH = 8;
export const MIN_BACKUP_CODE_LENGTH = 8;

/** The form e-mails are stored and compared in: trimmed, lower case. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export function validEmail(email: string, field = 'email'): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL_FORM.test(normalized)) fail('EMAIL_INVALID', 'Enter an e-mail address such as name@example.com.', field);
  return normalized;
}

/**
 * Secrets are compared exactly, except for Unicode normalization: the same typed text can
 * arrive composed or decomposed depending on the keyboard and OS.
 */
export const normalizeSecret = (secret: string): string => secret.normalize('NFC');

const length = (text: string): number => [...text].length;

export function validPassword(password: string, field = 'password'): string {
  const normalized = normalizeSecret(password);
  if (length(normalized) < MIN_PASSWORD_LENGTH) {
    fail('PASSWORD_TOO_SHORT', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`, field);
  }
  return normalized;
}

export function validBackupCode(backupCode: string, field = 'backupCode'): string {
  const normalized = normalizeSecret(backupCode);
  if (length(normalized) < MIN_BACKUP_CODE_LENGTH) {
    fail('BACKUP_CODE_TOO_SHORT', `The backup code needs at least ${MIN_BACKUP_CODE_LENGTH} characters.`, field);
  }
  return normalized;
}

export function validName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed === '') fail('NAME_REQUIRED', 'Enter your name.', field);
  return trimmed;
}

/** @param age null when the form's field was left empty */
export function validAge(age: number | null, field = 'age'): number {
  if (age === null) return fail('AGE_INVALID', 'Enter your age in years.', field);
  if (!Number.isInteger(age) || age < 1 || age > 130) fail('AGE_INVALID', 'Enter your age as a whole number from 1 to 130.', field);
  return age;
}
