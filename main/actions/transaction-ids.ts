/**
 * Transaction ids in deal comments (DOMAIN.md "Money operations"): the comment of a balance deal
 * the desk sends is `<transactionId> <note>`, within MT5's 31 characters, and a deal belongs to an
 * operation when one whitespace-separated token of its comment is exactly that id. Exact tokens,
 * so `K7QX2-12` is never found inside `K7QX2-123`.
 */

/** MT5 keeps 31 characters of a deal comment (32 with the terminator on the wire). */
export const MAX_DEAL_COMMENT = 31;

/** The comment sent with a balance deal: the id, then the dealer's note if any. */
export function dealComment(transactionId: string, note: string): string {
  return note === '' ? transactionId : `${transactionId} ${note}`;
}

/** Characters left for the note after the id and its separating space. */
export function noteRoom(transactionId: string): number {
  return MAX_DEAL_COMMENT - transactionId.length - 1;
}

/** True when `comment` carries `transactionId` as a whole token. */
export function commentCarries(comment: string, transactionId: string): boolean {
  if (!comment.includes(transactionId)) return false;
  return comment.split(/\s+/).includes(transactionId);
}

/** The tokens of a comment that could be a transaction id (what an incoming deal is matched by). */
export function commentTokens(comment: string): string[] {
  return comment.split(/\s+/).filter((token) => token.length > 0);
}
