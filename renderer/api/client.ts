import {
  contract,
  fail,
  isChannel,
  progressSchemaOf,
  resultSchema,
  type Api,
  type Channel,
  type InvokeOptions,
  type ProgressOf,
  type RequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc/contract.ts';
import { createBridgeTransport, type Transport } from './bridgeTransport.ts';

/**
 * Wraps a transport (the preload's `window.qthink` or the loopback bridge) so that every request is checked
 * before it leaves and every response and progress event is parsed with the contract's schemas: the screens
 * only ever see values of the contract's types or a typed error.
 */
export function createCheckedApi(transport: Transport): Api {
  return {
    async invoke<K extends Channel>(
      channel: K,
      request: RequestOf<K>,
      options?: InvokeOptions<K>,
    ): Promise<Result<ResponseOf<K>>> {
      if (!isChannel(channel)) return fail('invalid_request', `Unknown action "${String(channel)}".`);
      const checked = contract[channel].request.safeParse(request);
      if (!checked.success) return fail('invalid_request', describeIssues(checked.error.issues));
      const onProgress = options?.onProgress;
      const progressSchema = progressSchemaOf(channel);
      const progress =
        onProgress && progressSchema
          ? (event: unknown) => {
              const parsed = progressSchema.safeParse(event);
              if (parsed.success) onProgress(parsed.data as ProgressOf<K>);
            }
          : undefined;
      let raw: unknown;
      try {
        raw = await transport(channel, request, progress);
      } catch (error) {
        return fail('io', `Could not reach the QThink app: ${messageOf(error)}. Is it still running?`);
      }
      const parsed = resultSchema(channel).safeParse(raw);
      if (!parsed.success) {
        return fail('internal', `The app answered "${channel}" in a form this screen does not understand; reload the window.`);
      }
      return parsed.data as Result<ResponseOf<K>>;
    },
  };
}

/** The api for this window: Electron's preload when it is there, else the browser bridge. */
export function createApi(): Api {
  const preload = typeof window !== 'undefined' ? window.qthink : undefined;
  if (preload) {
    return createCheckedApi((channel, request, onProgress) =>
      preload.invoke(channel, request as never, onProgress ? { onProgress } : undefined),
    );
  }
  return createCheckedApi(createBridgeTransport());
}

export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Api, Result } from '../../shared/ipc/contract.ts';
