import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ankiGuid, sha1 } from './anki-guid';

describe('SHA-1, written out so the renderer can compute note guids', () => {
  it('gives the digests node:crypto gives, across block boundaries', () => {
    for (const length of [0, 1, 3, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(Buffer.from(sha1(message)).toString('hex')).toBe(createHash('sha1').update(message).digest('hex'));
    }
    expect(Buffer.from(sha1(new TextEncoder().encode('abc'))).toString('hex')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
  });

  it('keeps the guids of notes Focal exported before', () => {
    const reference = (cardId: string) => {
      const digest = createHash('sha1').update(`focal:${cardId}`).digest();
      let value = digest.readBigUInt64BE(0);
      const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~';
      let guid = '';
      do {
        guid = alphabet[Number(value % 91n)] + guid;
        value /= 91n;
      } while (value > 0n);
      return guid;
    };
    for (const id of ['ribosome', '0f3c2a9e-1b7d-4c55-9a1e-2b3c4d5e6f70', 'é']) expect(ankiGuid(id)).toBe(reference(id));
  });
});
