import type { z } from 'zod';
import { issueReason } from '../domain/issueReason.ts';
import { contract, fail, isChannel, progressSchemaOf, type Channel, type Handlers, type Result } from './contract.ts';
import { isServiceError } from './errors.ts';
import type { ApiError } from './schemas.ts';

export type DispatchOptions = {
  /** Receives each progress event, already checked against the channel's progress schema. */
  readonly onProgress?: (event: unknown) => void;
  /** Called with anything a handler threw that was not a ServiceError (the trader sees `internal`). */
  readonly onInternalError?: (channel: Channel, error: unknown) => void;
  /** Turns a known error of a lower layer (e.g. the journal store's) into a typed error; null to pass. */
  readonly mapError?: (error: unknown) => ApiError | null;
};

export const INTERNAL_MESSAGE =
  'Something went wrong inside QThink. Nothing was committed; try again, and if it keeps happening, restart the app.';

/**
 * The transport-independent handler layer used by Electron IPC, the browser bridge and the renderer's fake
 * api: rejects unknown channels, validates the payload with the channel's request schema, runs the service,
 * checks its answer against the response schema and wraps everything in the envelope. Never throws.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  payload: unknown,
  options: DispatchOptions = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return fail('not_found', `Unknown action "${String(channel).slice(0, 80)}": this version of QThink does not offer it.`);
  }
  const definition = contract[channel];
  const request = definition.request.safeParse(payload);
  if (!request.success) {
    return fail('invalid_request', `Invalid request for ${channel}: ${summarize(request.error.issues, payload)}`);
  }
  const progressSchema = progressSchemaOf(channel);
  const progress = (event: unknown) => {
    if (!options.onProgress || !progressSchema) return;
    const parsed = progressSchema.safeParse(event);
    if (parsed.success) options.onProgress(parsed.data);
  };
  try {
    const handler = handlers[channel] as (request: unknown, context: { progress: (event: unknown) => void }) => Promise<unknown>;
    const value = await handler(request.data, { progress });
    const response = definition.response.safeParse(value);
    if (!response.success) {
      options.onInternalError?.(channel, new Error(`response failed its schema: ${summarize(response.error.issues, value)}`));
      return fail('internal', INTERNAL_MESSAGE);
    }
    return { ok: true, value: response.data };
  } catch (error) {
    if (isServiceError(error)) return fail(error.kind, error.message);
    const mapped = options.mapError?.(error) ?? null;
    if (mapped) return fail(mapped.kind, mapped.message);
    options.onInternalError?.(channel, error);
    return fail('internal', INTERNAL_MESSAGE);
  }
}

function summarize(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const reason = issueReason(issue, input);
      return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${reason}` : reason;
    })
    .join('; ');
}
