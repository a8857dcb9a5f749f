import { describe, expect, it } from 'vitest';
import { otherWindows, type WindowChannel } from './other-windows';

/** Channels of one name that deliver, as BroadcastChannel does, to every other channel of that name and never back to the sender. */
function channels() {
  const open: WindowChannel[] = [];
  const make = (): WindowChannel => {
    const channel: WindowChannel = {
      onmessage: null,
      postMessage: (data: unknown) => {
        for (const other of open) if (other !== channel) other.onmessage?.call(other as BroadcastChannel, { data } as MessageEvent);
      },
      close: () => void open.splice(open.indexOf(channel), 1),
    };
    open.push(channel);
    return channel;
  };
  return make;
}

describe('Focal’s other windows', () => {
  it('hear of a change made in one window; the window that made it does not', () => {
    const open = channels();
    const heard: string[] = [];
    const first = otherWindows(() => heard.push('first'), open);
    const second = otherWindows(() => heard.push('second'), open);
    const third = otherWindows(() => heard.push('third'), open);
    first.tell();
    expect(heard).toEqual(['second', 'third']);
    third.close();
    second.tell();
    expect(heard).toEqual(['second', 'third', 'first']);
  });

  it('does nothing where there is no BroadcastChannel', () => {
    const alone = otherWindows(() => {
      throw new Error('nothing to hear');
    }, () => null);
    expect(() => alone.tell()).not.toThrow();
    alone.close();
  });
});
