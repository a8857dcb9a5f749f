/**
 * The HTTP transport's body format: one line of JSON, then the raw bytes of every Uint8Array it held.
 * Each array is replaced in the JSON by `{ "$blob": i }` and the header lists the blobs' lengths, so
 * file bytes travel without base64 and the JSON stays small.
 */
import { FocalError } from './errors';

/** Deeper payloads are refused: nothing in the contract nests this far, and it bounds the decoder's work. */
export const MAX_FRAME_DEPTH = 64;

const NEWLINE = 0x0a;

interface Header {
  payload: unknown;
  blobs: number[];
}

export function encodeFrame(payload: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  // `this[key]` is the value before toJSON, which Node's Buffer would otherwise turn into a number array.
  const json = JSON.stringify(payload, function (this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) {
      blobs.push(original);
      return { $blob: blobs.length - 1 };
    }
    return value;
  });
  const header = new TextEncoder().encode(
    JSON.stringify({ payload: json === undefined ? null : JSON.parse(json), blobs: blobs.map((b) => b.byteLength) }),
  );
  const size = header.byteLength + 1 + blobs.reduce((sum, b) => sum + b.byteLength, 0);
  const frame = new Uint8Array(size);
  frame.set(header, 0);
  frame[header.byteLength] = NEWLINE;
  let offset = header.byteLength + 1;
  for (const blob of blobs) {
    frame.set(blob, offset);
    offset += blob.byteLength;
  }
  return frame;
}

function malformed(why: string): FocalError {
  return new FocalError('invalid-payload', `The request body is not a valid Focal frame: ${why}.`);
}

export function decodeFrame(frame: Uint8Array): unknown {
  const end = frame.indexOf(NEWLINE);
  if (end < 0) throw malformed('no header line');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(frame.subarray(0, end))) as Header;
  } catch {
    throw malformed('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || !Array.isArray(header.blobs)) throw malformed('no blob list');
  const blobs: Uint8Array[] = [];
  let offset = end + 1;
  for (const length of header.blobs) {
    if (!Number.isSafeInteger(length) || length < 0 || offset + length > frame.byteLength) {
      throw malformed('a blob length does not fit the body');
    }
    blobs.push(frame.slice(offset, offset + length));
    offset += length;
  }
  if (offset !== frame.byteLength) throw malformed('bytes left over after the last blob');
  return restoreBlobs(header.payload, blobs);
}

/** Puts the blobs back in place, iteratively and depth-bounded so hostile nesting cannot overflow the stack. */
function restoreBlobs(root: unknown, blobs: Uint8Array[]): unknown {
  const resolve = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === '$blob') {
      const index = (value as { $blob: unknown }).$blob;
      if (typeof index !== 'number' || !Number.isInteger(index) || blobs[index] === undefined) {
        throw malformed('a blob reference points nowhere');
      }
      return blobs[index];
    }
    return value;
  };
  const top = resolve(root);
  const stack: Array<{ node: unknown; depth: number }> = [{ node: top, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null || node instanceof Uint8Array) continue;
    if (depth >= MAX_FRAME_DEPTH) throw malformed(`nesting deeper than ${MAX_FRAME_DEPTH} levels`);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = resolve(record[key]);
      // defineProperty, not assignment: a `__proto__` key must stay a plain property.
      if (child !== record[key]) Object.defineProperty(record, key, { value: child, enumerable: true, writable: true });
      stack.push({ node: child, depth: depth + 1 });
    }
  }
  return top;
}
