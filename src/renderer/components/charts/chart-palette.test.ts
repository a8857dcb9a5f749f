import { describe, expect, it } from 'vitest';
import { mixColors } from './chart-palette';

describe('mixing theme colours for chart shades', () => {
  it('moves channel by channel from one colour to the other', () => {
    expect(mixColors('#000000', '#ffffff', 0)).toBe('#000000');
    expect(mixColors('#000000', '#ffffff', 1)).toBe('#ffffff');
    expect(mixColors('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mixColors('#efefec', '#3b5bdb', 0.25)).toBe('#c2cae8');
  });

  it('reads short hex and clamps the fraction', () => {
    expect(mixColors('#fff', '#000', 2)).toBe('#000000');
    expect(mixColors('#fff', '#000', -1)).toBe('#ffffff');
  });

  it('falls back to the target when a colour is not hex', () => {
    expect(mixColors('rgb(0 0 0)', '#123456', 0.5)).toBe('#123456');
  });
});
