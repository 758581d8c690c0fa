import type { z } from 'zod';

/** At most this many problems are listed: the first few are what a person fixes first. */
const MAX_LISTED = 5;

/**
 * Turns zod's issues into one line a person can act on, naming each field:
 * `"limit": Too big: expected number to be <=10000; Unrecognized key: "foo"`.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED).map((issue) => {
    const field = issue.path.map(String).join('.');
    return field === '' ? issue.message : `"${field}": ${issue.message}`;
  });
  const more = issues.length - listed.length;
  return more > 0 ? `${listed.join('; ')}; and ${more} more` : listed.join('; ');
}
