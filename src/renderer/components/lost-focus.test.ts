import { describe, expect, it } from 'vitest';
import { focusIsLost } from './lost-focus';

const body = { isConnected: true };

describe('whether the focus fell to the page', () => {
  it('did when nothing or the body has it', () => {
    expect(focusIsLost({ activeElement: null, body })).toBe(true);
    expect(focusIsLost({ activeElement: body, body })).toBe(true);
  });

  it('did when the element that had it left the page', () => {
    expect(focusIsLost({ activeElement: { isConnected: false }, body })).toBe(true);
  });

  it('did not when a control in the page has it', () => {
    expect(focusIsLost({ activeElement: { isConnected: true }, body })).toBe(false);
  });
});
