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
    const first = otherWindows(() => heard.push('first'), open, null);
    const second = otherWindows(() => heard.push('second'), open, null);
    const third = otherWindows(() => heard.push('third'), open, null);
    first.tell();
    expect(heard).toEqual(['second', 'third']);
    third.close();
    second.tell();
    expect(heard).toEqual(['second', 'third', 'first']);
  });

  it('tell a window out of sight once, when it is shown again, however many changes it missed', () => {
    const open = channels();
    let hidden = true;
    let shown = () => {};
    let heard = 0;
    const background = otherWindows(() => heard++, open, { hidden: () => hidden, whenShown: (run) => (shown = run) });
    const reviewing = otherWindows(() => {}, open, null);
    reviewing.tell();
    reviewing.tell();
    expect(heard).toBe(0);
    hidden = false;
    shown();
    expect(heard).toBe(1);
    shown();
    expect(heard).toBe(1);
    reviewing.tell();
    expect(heard).toBe(2);
    background.close();
  });

  it('does nothing where there is no BroadcastChannel', () => {
    const alone = otherWindows(() => {
      throw new Error('nothing to hear');
    }, () => null);
    expect(() => alone.tell()).not.toThrow();
    alone.close();
  });
});
