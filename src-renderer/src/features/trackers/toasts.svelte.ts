/**
 * Short messages at the bottom of the window, most with an Undo button that stays for
 * about ten seconds (deleting a log or a tracker). Module state, so a toast raised on the
 * tracker page survives the navigation back to the dashboard.
 */

export interface Toast {
  readonly id: number;
  readonly message: string;
  /** Runs once when the person presses Undo; the toast then closes. */
  readonly undo?: () => Promise<void>;
}

/** How long an undo stays on offer. */
export const UNDO_MS = 10_000;

class Toasts {
  items = $state.raw<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(message: string, undo?: () => Promise<void>, ms = UNDO_MS): number {
    const id = this.#next++;
    this.items = [...this.items, undo ? { id, message, undo } : { id, message }];
    this.#timers.set(id, setTimeout(() => this.dismiss(id), ms));
    return id;
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((toast) => toast.id !== id);
  }

  async undo(toast: Toast): Promise<void> {
    this.dismiss(toast.id);
    await toast.undo?.();
  }
}

export const toasts = new Toasts();
