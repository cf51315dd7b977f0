/**
 * What the mail form holds while a person edits it, and the `updateMailSettings` input it
 * becomes. The core checks the host, the port and the addresses and names each wrong field;
 * this only shapes the input (and keeps the password write-only).
 */
import type { MailSettingsInput, MailSettingsView } from '../../../../src-preload/contract';

export type TlsMode = MailSettingsView['tls'];

/** Each TLS mode in a few words, and the port its servers usually listen on. */
export const TLS_CHOICES: readonly { readonly mode: TlsMode; readonly label: string; readonly port: number }[] = [
  { mode: 'starttls', label: 'STARTTLS: connects, then encrypts (usually port 587)', port: 587 },
  { mode: 'tls', label: 'TLS: encrypted from the start (usually port 465)', port: 465 },
  { mode: 'none', label: 'None: not encrypted (only a relay on this computer or network)', port: 25 },
];

export interface MailDraft {
  host: string;
  /** Null while the field is empty. */
  port: number | null;
  tls: TlsMode;
  user: string;
  /** A new password; empty keeps the kept one (unless `clearPassword`). */
  password: string;
  /** Remove the kept password at the next save. */
  clearPassword: boolean;
  from: string;
  to: string;
}

/** The form for the kept settings, or blank (STARTTLS on 587) when there are none. */
export function draftOfMail(mail: MailSettingsView | null): MailDraft {
  return {
    host: mail?.host ?? '',
    port: mail?.port ?? 587,
    tls: mail?.tls ?? 'starttls',
    user: mail?.user ?? '',
    password: '',
    clearPassword: false,
    from: mail?.from ?? '',
    to: mail?.to ?? '',
  };
}

/**
 * The port after a change of TLS mode: the new mode's usual port when the field held the
 * old mode's usual one (the person had not chosen a port of their own), else unchanged.
 */
export function portAfterModeChange(port: number | null, from: TlsMode, to: TlsMode): number | null {
  const usual = (mode: TlsMode) => TLS_CHOICES.find((choice) => choice.mode === mode)?.port;
  return port === null || port === usual(from) ? (usual(to) ?? port) : port;
}

/** The input for a draft whose port is filled in: the password omitted (kept), empty (cleared) or new. */
export function mailInput(draft: MailDraft & { port: number }): MailSettingsInput {
  const base = { host: draft.host, port: draft.port, tls: draft.tls, user: draft.user, from: draft.from, to: draft.to };
  if (draft.clearPassword) return { ...base, password: '' };
  return draft.password === '' ? base : { ...base, password: draft.password };
}
