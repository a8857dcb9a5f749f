import { createHash } from 'node:crypto';
import { fingerprintBytes } from '../../core/files/fingerprint';
import { ratioAgainst, timeRuns, type Benchmark } from '../harness';

const SIZE = 64 * 1024 * 1024;

/** Chunked hashing with progress and cancellation, against hashing the same bytes in one call (the floor). */
export const fingerprintBenchmark: Benchmark = {
  name: 'files.fingerprint',
  async run({ runs }) {
    const bytes = new Uint8Array(SIZE);
    for (let i = 0; i < bytes.length; i += 4096) bytes[i] = i % 251;
    const ours = await timeRuns(() => fingerprintBytes(bytes, { onProgress: () => {}, checkpoint: () => {} }), runs);
    const floor = await timeRuns(() => createHash('sha256').update(bytes).digest('hex'), runs);
    return {
      name: 'files.fingerprint',
      description: 'SHA-256 of a 64 MiB file in 4 MiB chunks with progress, against one-shot node:crypto',
      ...ours,
      figures: { mebibytesPerSecond: Math.round((SIZE / 1024 / 1024 / ours.medianMs) * 1000) },
      against: ratioAgainst(ours, 'node:crypto sha256, one call', floor),
    };
  },
};
