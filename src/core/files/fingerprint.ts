import { createHash } from 'node:crypto';

export interface FileFingerprint {
  size: number;
  sha256: string;
}

export interface ChunkedWorkOptions {
  chunkBytes?: number;
  /** Called after each chunk with the bytes done so far. */
  onProgress?: (done: number) => void;
  /** Checked between chunks; throwing from it stops the work. */
  checkpoint?: () => void;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Size and SHA-256 of a file's bytes, hashed in chunks so that progress is reported and
 * the event loop (IPC, the web host) stays responsive on large files.
 */
export async function fingerprintBytes(bytes: Uint8Array, options: ChunkedWorkOptions = {}): Promise<FileFingerprint> {
  const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
  const hash = createHash('sha256');
  for (let offset = 0; offset < bytes.byteLength; offset += chunkBytes) {
    options.checkpoint?.();
    const end = Math.min(offset + chunkBytes, bytes.byteLength);
    hash.update(bytes.subarray(offset, end));
    options.onProgress?.(end);
    if (end < bytes.byteLength) await yieldToEventLoop();
  }
  return { size: bytes.byteLength, sha256: hash.digest('hex') };
}
