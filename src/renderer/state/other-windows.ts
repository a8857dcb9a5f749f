/**
 * Focal open in more than one window on one library (two browser tabs on the web host): each shows what it last
 * read until it reads the library again, so a note imported in one was missing from the other's graph and list.
 * A change made in one window (an import, a delete or its undo, the graph taking in new notes) is told to the
 * others over a BroadcastChannel, which delivers to every other window of the origin and never back to the
 * sender: no window answers its own news.
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

export function otherWindows(
  onTheirChange: () => void,
  open: (name: string) => WindowChannel | null = (name) => (typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name)),
): OtherWindows {
  const channel = open(CHANNEL);
  if (!channel) return { tell: () => {}, close: () => {} };
  channel.onmessage = (event) => {
    if (event.data === CHANGED) onTheirChange();
  };
  return {
    tell: () => channel.postMessage(CHANGED),
    close: () => channel.close(),
  };
}
