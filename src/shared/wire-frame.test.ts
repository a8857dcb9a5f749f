import { describe, expect, it } from 'vitest';
import { FocalError } from './errors';
import { MAX_FRAME_DEPTH, decodeFrame, encodeFrame } from './wire-frame';

function frameOf(header: unknown, ...blobs: number[][]): Uint8Array {
  const head = new TextEncoder().encode(JSON.stringify(header) + '\n');
  return new Uint8Array([...head, ...blobs.flat()]);
}

describe('wire frames', () => {
  it('carry nested byte arrays and plain data unchanged', () => {
    const payload = { name: 'notes.md', bytes: new Uint8Array([0, 10, 255]), more: [{ inner: new Uint8Array([7]) }], n: 1.5 };
    const decoded = decodeFrame(encodeFrame(payload)) as typeof payload;
    expect(decoded.name).toBe('notes.md');
    expect(decoded.n).toBe(1.5);
    expect(decoded.bytes).toBeInstanceOf(Uint8Array);
    expect([...decoded.bytes]).toEqual([0, 10, 255]);
    expect([...decoded.more[0]!.inner]).toEqual([7]);
  });

  it('send a Node Buffer as bytes rather than its JSON number list', () => {
    const decoded = decodeFrame(encodeFrame({ bytes: Buffer.from('hi') })) as { bytes: Uint8Array };
    expect(new TextDecoder().decode(decoded.bytes)).toBe('hi');
  });

  it('keep a __proto__ key as a plain property instead of changing the prototype', () => {
    const decoded = decodeFrame(frameOf({ payload: JSON.parse('{"__proto__":{"$blob":0}}'), blobs: [1] }, [9])) as object;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(Object.hasOwn(decoded, '__proto__')).toBe(true);
  });

  it.each([
    ['no header line', new TextEncoder().encode('{"payload":1,"blobs":[]}')],
    ['a header that is not JSON', new TextEncoder().encode('{nope\n')],
    ['a blob longer than the body', frameOf({ payload: null, blobs: [5] }, [1, 2])],
    ['bytes after the last blob', frameOf({ payload: null, blobs: [1] }, [1, 2])],
    ['a reference to a missing blob', frameOf({ payload: { $blob: 3 }, blobs: [] })],
    ['a negative blob length', frameOf({ payload: null, blobs: [-1] })],
  ])('refuse %s with invalid-payload', (_why, frame) => {
    expect(() => decodeFrame(frame)).toThrowError(FocalError);
    try {
      decodeFrame(frame);
    } catch (error) {
      expect((error as FocalError).code).toBe('invalid-payload');
    }
  });

  it('refuse nesting deeper than the limit without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const frame = new TextEncoder().encode(`{"payload":${deep},"blobs":[]}\n`);
    expect(() => decodeFrame(frame)).toThrowError(new RegExp(`deeper than ${MAX_FRAME_DEPTH}`));
  });
});
