/**
 * The keyboard focus falls to the page when the control that had it goes (a button that a click replaced);
 * Tab would then start again from the top and a screen reader would lose its place.
 */

/** What the check reads of a document: the browser's `document`. */
export interface FocusHolder {
  activeElement: { isConnected: boolean } | null;
  body: unknown;
}

export function focusIsLost(holder: FocusHolder = document): boolean {
  const active = holder.activeElement;
  return !active || active === holder.body || !active.isConnected;
}

/** Moves the focus to `target` only when it was lost, so a control the person chose keeps it. */
export function focusIfLost(target: HTMLElement | null | undefined): void {
  if (target && focusIsLost()) target.focus({ preventScroll: true });
}
