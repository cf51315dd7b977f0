/**
 * The desktop app's own settings (src-preload/desktop-settings.ts), present only when the
 * desktop preload set `window.qs`; browser mode has none, and shows no Desktop section.
 */
import type { Api } from '../../../../src-preload/contract';
import type { DesktopSettingsBridge } from '../../../../src-preload/desktop-settings';

/** `window.qs` is typed as the contract; the desktop bridge adds these methods. */
type MaybeDesktop = Api & Partial<DesktopSettingsBridge>;

/** The desktop settings methods, or null outside the desktop app. */
export function desktopSettingsBridge(shell: MaybeDesktop | undefined = window.qs): DesktopSettingsBridge | null {
  if (!shell || typeof shell.getDesktopSettings !== 'function' || typeof shell.updateDesktopSettings !== 'function') return null;
  const { getDesktopSettings, updateDesktopSettings } = shell;
  return { getDesktopSettings: () => getDesktopSettings(), updateDesktopSettings: (patch) => updateDesktopSettings(patch) };
}
