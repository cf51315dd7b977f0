/** The backup operations of the contract, each mapped onto the backup service. */
import type { backupOperations } from '../../src-preload/contract';
import type { Handlers } from './dispatch';
import type { BackupService } from './services/backups';

export type BackupMethod = keyof typeof backupOperations;

export function createBackupHandlers(backups: BackupService): Pick<Handlers, BackupMethod> {
  return {
    backupNow: async (_input, ctx) => ({ backup: await backups.backupNow(ctx.profileId) }),
    listBackups: async (_input, ctx) => {
      const [settings, list] = await Promise.all([backups.settings(ctx.profileId), backups.list(ctx.profileId)]);
      return { settings, backups: list };
    },
    updateBackupSettings: async (input, ctx) => ({ settings: await backups.updateSettings(ctx.profileId, input) }),
    findBackups: async () => ({ backups: await backups.find() }),
    previewBackup: async (input) => ({ preview: await backups.preview(input.path, input.password) }),
    restoreBackup: async (input) => backups.restore(input.path, input.password),
  };
}
