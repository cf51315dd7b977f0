/**
 * The profiles of the data folder, found by scanning `profiles/<id>/profile.json` (a machine
 * has few). Profile files are cached once read; this process holds the data-folder lock, so
 * nobody else changes them underneath.
 */
import { AppFailure } from '../errors';
import { errorCode } from './fs-port';
import { profileFormat, type ProfileFile } from './formats';
import { JsonDocument } from './json-document';
import { isSafeId } from './layout';
import { ProfileStore, type StoreDeps } from './profile-store';
import { VersionedJsonAdapter } from './versioned-json-adapter';

export interface ProfileScan {
  readonly profiles: readonly JsonDocument<ProfileFile>[];
  /** Profile files that could not be read; the caller decides whether that blocks it. */
  readonly damaged: readonly AppFailure[];
}

export class ProfileDirectory {
  private readonly profiles = new Map<string, JsonDocument<ProfileFile>>();
  private readonly stores = new Map<string, Promise<ProfileStore>>();

  constructor(private readonly deps: StoreDeps) {}

  async scan(): Promise<ProfileScan> {
    const damaged: AppFailure[] = [];
    for (const profileId of await this.profileIds()) {
      if (this.profiles.has(profileId)) continue;
      try {
        const document = await this.readProfile(profileId);
        if (document !== null) this.profiles.set(profileId, document);
      } catch (error) {
        if (error instanceof AppFailure) damaged.push(error);
        else throw error;
      }
    }
    return { profiles: [...this.profiles.values()], damaged };
  }

  /** The profile file of `profileId`, or null when there is no such profile. */
  async profile(profileId: string): Promise<JsonDocument<ProfileFile> | null> {
    const cached = this.profiles.get(profileId);
    if (cached !== undefined) return cached;
    if (!(await this.profileIds()).includes(profileId)) return null;
    const document = await this.readProfile(profileId);
    if (document !== null) this.profiles.set(profileId, document);
    return document;
  }

  /** Write a new profile's file; its folder is removed again if that fails. */
  async create(file: ProfileFile): Promise<JsonDocument<ProfileFile>> {
    const profileId = file.profile.id;
    const adapter = this.adapter(profileId);
    try {
      await adapter.write(file);
    } catch (error) {
      await this.deps.fs.rm(this.deps.layout.profileDir(profileId), { recursive: true, force: true }).catch(() => undefined);
      throw error;
    }
    const document = JsonDocument.of(adapter, file);
    this.profiles.set(profileId, document);
    return document;
  }

  /** The profile's trackers and logs, opened on first use. */
  async store(profileId: string): Promise<ProfileStore | null> {
    const profile = await this.profile(profileId);
    if (profile === null) return null;
    let opening = this.stores.get(profileId);
    if (opening === undefined) {
      opening = ProfileStore.open(this.deps, profile, profileId);
      this.stores.set(profileId, opening);
      opening.catch(() => this.stores.delete(profileId));
    }
    return opening;
  }

  private adapter(profileId: string): VersionedJsonAdapter<ProfileFile> {
    return new VersionedJsonAdapter(this.deps.layout.profileFile(profileId), profileFormat, this.deps.fs, this.deps.writer);
  }

  private async readProfile(profileId: string): Promise<JsonDocument<ProfileFile> | null> {
    const adapter = this.adapter(profileId);
    // A folder without profile.json is a sign-up that never finished: not a profile.
    const file = await adapter.read();
    return file === null ? null : JsonDocument.of(adapter, file);
  }

  private async profileIds(): Promise<string[]> {
    try {
      return (await this.deps.fs.readdir(this.deps.layout.profilesDir)).filter(isSafeId);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return [];
      throw error;
    }
  }
}
