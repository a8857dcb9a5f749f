/**
 * The boundary both transports share: validate the payload against the contract's schema, call the
 * implementation, and turn every outcome into an envelope. Nothing unvalidated reaches a service.
 */
import type { z } from 'zod';
import { isMethodName, methods, type MethodName, type MethodOutput, type TransportKind, type ValidInput } from '../../shared/contract';
import { FocalError, toFocalError, type Envelope } from '../../shared/errors';

export interface CallContext {
  transport: TransportKind;
}

/** The implementation of the whole contract: a missing or mistyped method is a compile error. */
export type ServiceImpl = {
  [M in MethodName]: (input: ValidInput<M>, context: CallContext) => Promise<MethodOutput<M>>;
};

function describeIssues(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : 'payload';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length > 3 ? ` (and ${error.issues.length - 3} more)` : '';
  return first.join('; ') + more;
}

export async function dispatch(
  services: ServiceImpl,
  method: unknown,
  input: unknown,
  context: CallContext,
): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(method)) {
      throw new FocalError('unknown-method', `Focal has no method called ${JSON.stringify(String(method)).slice(0, 80)}.`);
    }
    const parsed = methods[method].input.safeParse(input);
    if (!parsed.success) {
      throw new FocalError('invalid-payload', `Invalid payload for ${method}: ${describeIssues(parsed.error)}`);
    }
    const implementation = services[method] as (input: unknown, context: CallContext) => Promise<unknown>;
    return { ok: true, value: await implementation(parsed.data, context) };
  } catch (thrown) {
    return { ok: false, error: toFocalError(thrown).toData() };
  }
}
