import type { ErrorKind } from './schemas.ts';

/**
 * The one way a service reports a failure the trader can act on. The dispatcher turns it into the typed
 * envelope; anything else thrown becomes `internal`.
 */
export class ServiceError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.kind = kind;
  }
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError;
}
