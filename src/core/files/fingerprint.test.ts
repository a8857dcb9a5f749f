import { describe, expect, it } from 'vitest';
import { fingerprintBytes } from './fingerprint';

describe('file fingerprints', () => {
  it('are the SHA-256 and size of the bytes, whatever the chunk size', async () => {
    const bytes = new TextEncoder().encode('abc');
    const expected = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expect(await fingerprintBytes(bytes)).toEqual({ size: 3, sha256: expected });
    expect(await fingerprintBytes(bytes, { chunkBytes: 1 })).toEqual({ size: 3, sha256: expected });
  });

  it('report progress chunk by chunk up to the full size', async () => {
    const seen: number[] = [];
    await fingerprintBytes(new Uint8Array(10), { chunkBytes: 4, onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([4, 8, 10]);
  });

  it('stop when the checkpoint throws', async () => {
    let chunks = 0;
    const stop = new Error('stop');
    await expect(
      fingerprintBytes(new Uint8Array(100), {
        chunkBytes: 10,
        checkpoint: () => {
          if (++chunks === 3) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(chunks).toBe(3);
  });
});
