/** The store of the session's profile, for services that need one. */
import { fail } from '../errors';
import type { ProfileDirectory } from '../store/profile-directory';
import type { ProfileStore } from '../store/profile-store';

export async function sessionStore(directory: ProfileDirectory, profileId: string): Promise<ProfileStore> {
  const store = await directory.store(profileId);
  // The profile folder vanished under a live session (deleted by hand): treat as logged out.
  return store ?? fail('NOT_LOGGED_IN', 'Your profile is no longer on this computer; please log in again.');
}
