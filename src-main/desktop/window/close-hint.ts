/**
 * The one-time word after the window first closes to the tray, so the app does not seem
 * to have vanished or crashed. A notification, which goes away by itself, where the system
 * shows them; a plain message box (not modal: the window is hidden) where it does not.
 */
import { dialog, Notification } from 'electron';

/** What the hint says; macOS calls the tray the menu bar. */
export function closeHintText(platform: NodeJS.Platform): { title: string; body: string } {
  const where = platform === 'darwin' ? 'menu bar' : 'tray';
  return {
    title: `Quantified Self is still running in the ${where}`,
    body: `Click its ${where} icon to open it again, or choose Quit there to leave. To quit when the window closes, turn off “Keep running in the ${where}” in Settings.`,
  };
}

/** Show the hint the best way this system allows. */
export function showCloseHint(platform: NodeJS.Platform = process.platform): void {
  const { title, body } = closeHintText(platform);
  if (Notification.isSupported()) {
    new Notification({ title, body, silent: true }).show();
    return;
  }
  void dialog.showMessageBox({ type: 'info', title: 'Quantified Self', message: title, detail: body, buttons: ['OK'] });
}
