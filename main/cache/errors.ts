/** Failures of the cache, with a code a program can branch on and a message a person can act on. */
export type CacheErrorCode =
  | 'migration_edited'
  | 'migration_unknown'
  | 'migration_list_invalid'
  | 'bad_cursor'
  | 'bad_setting'
  | 'closed';

export class CacheError extends Error {
  constructor(
    readonly code: CacheErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CacheError';
  }
}
