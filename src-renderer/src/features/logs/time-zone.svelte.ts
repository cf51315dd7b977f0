/**
 * The profile's time zone, read once per session from `getSettings`. Until it arrives (or
 * when the call fails) times show in the device's zone, which is right for most people.
 */
import type { Api } from '../../../../src-preload/contract';

class ProfileTimeZone {
  id = $state<string | undefined>(undefined);
  #loading: Promise<void> | undefined;

  /** Ask once; later calls share the first answer. `refresh` asks again (settings changed). */
  load(api: Api, refresh = false): Promise<void> {
    if (!this.#loading || refresh) {
      this.#loading = api
        .getSettings({})
        .then((result) => {
          if (result.ok) this.id = result.value.settings.timeZone || undefined;
        })
        .catch(() => undefined);
    }
    return this.#loading;
  }
}

export const profileTimeZone = new ProfileTimeZone();
