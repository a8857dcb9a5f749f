/**
 * Whether a key press belongs to the focused control rather than to the review's single-key shortcuts
 * (Space/Enter to show and answer, 1–4, u, e, …). Text fields and lists take every key; buttons and
 * other controls take the keys that activate them (Enter, Space), so a focused link or button does
 * its own action.
 */

/** Controls that read typed keys: every key is theirs. */
const TYPING = [
  'input',
  'textarea',
  'select',
  '[contenteditable]:not([contenteditable="false"])',
  '[role="textbox"]',
  '[role="combobox"]',
  '[role="listbox"]',
  '[role="spinbutton"]',
  '[role="slider"]',
].join(', ');

/** Controls that Enter or Space activates. */
const ACTIVATED = ['button', 'summary', '[role="button"]', '[role="checkbox"]', '[role="radio"]', '[role="switch"]', '[role="tab"]', '[role="menuitem"]', '[role="option"]'].join(', ');

const LINK = 'a[href], [role="link"]';

const ACTIVATION_KEYS = new Set(['Enter', ' ']);

/** What the rule needs of the event's target: an Element in the browser. */
export interface KeyTarget {
  closest(selectors: string): KeyTarget | null;
  matches(selectors: string): boolean;
}

function isKeyTarget(value: unknown): value is KeyTarget {
  return typeof value === 'object' && value !== null && typeof (value as KeyTarget).closest === 'function' && typeof (value as KeyTarget).matches === 'function';
}

/** Undo, as in Anki: `u`, or Ctrl+Z (Cmd+Z), in a review and on Today after one. */
export function isUndoKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (event.altKey) return false;
  return event.ctrlKey || event.metaKey ? event.key.toLowerCase() === 'z' : event.key === 'u';
}

/**
 * True when `key` pressed on `target` is the focused control's to handle, so a screen's shortcuts must
 * leave it alone. Enter follows a link. Space does nothing on a link but is still kept from the shortcuts,
 * except on the link to the page already shown (`aria-current="page"`): clicking "Today" leaves that link
 * focused, and Space must still start the review there.
 */
export function keyBelongsToFocus(event: Pick<KeyboardEvent, 'key' | 'target'>): boolean {
  const target = event.target;
  if (!isKeyTarget(target)) return false;
  if (target.closest(TYPING)) return true;
  if (!ACTIVATION_KEYS.has(event.key)) return false;
  if (target.closest(ACTIVATED)) return true;
  const link = target.closest(LINK);
  if (!link) return false;
  return event.key === 'Enter' || !link.matches('[aria-current="page"]');
}
