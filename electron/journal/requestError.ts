/** A request the store refuses: unknown id, a read-only store, a closed store, bad override values. */
export class JournalRequestError extends Error {
  constructor(
    readonly kind: 'not_found' | 'invalid_request' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'JournalRequestError';
  }
}
