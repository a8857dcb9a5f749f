/**
 * Focal open in more than one window on one library (two browser tabs on the web host): each shows what it last
 * read until it reads the library again, so a note imported in one was missing from the other's graph and list.
 * A change made in one window (an import, a delete or its undo, the graph taking in new notes, a card answered,
 * edited, suspended or deleted) is told to the others over a BroadcastChannel, which delivers to every other
 * window of the origin and never back to the sender: no window answers its own news.
 */

/** What of a BroadcastChannel this uses; a test passes its own. */
export type WindowChannel = Pick<BroadcastChannel, 'postMessage' | 'onmessage' | 'close'>;

export interface OtherWindows {
  /** Tells the other windows that the library changed here. */
  tell(): void;
  close(): void;
}

const CHANNEL = 'focal-library';
const CHANGED = 'library-changed';

/** Whether the window is out of sight, and a way to hear when it is shown again; a test passes its own. */
export interface WindowVisibility {
  hidden(): boolean;
  whenShown(run: () => void): void;
}

const documentVisibility = (): WindowVisibility | null =>
  typeof document === 'undefined'
    ? null
    : {
        hidden: () => document.hidden,
        whenShown: (run) => document.addEventListener('visibilitychange', () => !document.hidden && run()),
      };

/**
 * A window out of sight (a background tab) hears of the changes made elsewhere once, when it is shown again: a
 * review in one tab tells the others after each answer, and a hidden tab need not read its cards again each time.
 */
export function otherWindows(
  onTheirChange: () => void,
  open: (name: string) => WindowChannel | null = (name) => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name)),
  visibility: WindowVisibility | null = documentVisibility(),
): OtherWindows {
  const channel = open(CHANNEL);
  if (!channel) return { tell: () => {}, close: () => {} };
  let missedWhileHidden = false;
  visibility?.whenShown(() => {
    if (!missedWhileHidden) return;
    missedWhileHidden = false;
    onTheirChange();
  });
  channel.onmessage = (event) => {
    if (event.data !== CHANGED) return;
    if (visibility?.hidden()) missedWhileHidden = true;
    else onTheirChange();
  };
  return {
    tell: () => channel.postMessage(CHANGED),
    close: () => channel.close(),
  };
}
