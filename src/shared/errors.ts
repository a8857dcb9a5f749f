/** Every failure that crosses the renderer⇄main boundary has one of these codes. */
export const errorCodes = [
  'invalid-payload',
  'unknown-method',
  'usage',
  'not-found',
  'unauthorized',
  'cancelled',
  'too-large',
  'timeout',
  // Main cannot be reached at all (the web host was stopped): nothing was done, and every call fails alike.
  'unreachable',
  // What an import can run into; each has a message a person understands.
  // A PDF that opens with a password the person can give (the import asks for it).
  'encrypted',
  'wrong-password',
  // Locked in a way Focal cannot open (an EPUB's DRM, a Word file's password): a copy without it is needed.
  'protected',
  'malformed',
  'no-text-layer',
  'unsupported-format',
  'empty',
  // The disk (or the browser's share of it) is full: the write was refused and nothing changed.
  'storage-full',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The wire form of an error: plain data, the same on IPC and HTTP. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

/** A typed error: thrown by services, serialised at the boundary, rethrown on the other side. */
export class FocalError extends Error {
  override readonly name = 'FocalError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }

  toData(): ErrorData {
    return { code: this.code, message: this.message };
  }

  static fromData(data: ErrorData): FocalError {
    return new FocalError(data.code, data.message);
  }
}

export function isErrorData(value: unknown): value is ErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === 'string' && (errorCodes as readonly unknown[]).includes(code);
}

/** Turns anything thrown into a FocalError; unknown failures become `internal` without leaking stacks. */
export function toFocalError(thrown: unknown): FocalError {
  if (thrown instanceof FocalError) return thrown;
  if (isErrorData(thrown)) return FocalError.fromData(thrown);
  if (typeof thrown === 'object' && thrown !== null && (thrown as { name?: unknown }).name === 'QuotaExceededError') {
    return new FocalError('storage-full', 'There is no room left to save this: free some disk space and try again. Nothing was changed.');
  }
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new FocalError('internal', `Something went wrong inside Focal: ${message}`);
}

/** The result envelope both transports carry, so a failure is data rather than a transport exception. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorData };
