/** The "new entry" shortcut shared by the dashboard and the tracker page. */

/** Is the event `n` (outside a text field) or Ctrl/Cmd+N? */
export function isNewEntryShortcut(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.altKey) return false;
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'n') return true;
  if (event.ctrlKey || event.metaKey || event.key !== 'n') return false;
  const target = event.target;
  // Typing an "n" in a field is typing, not a shortcut.
  return !(target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)));
}

/** Focus the value field of the entry form inside `scope`; true when there was one. */
export function focusEntryValue(scope: Element | null | undefined): boolean {
  const field = scope?.querySelector<HTMLElement>('[data-entry-value]');
  field?.focus();
  return !!field;
}
