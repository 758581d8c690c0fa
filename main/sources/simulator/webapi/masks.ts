/**
 * MT5 name masks, as group/symbol/user queries take them: a comma list of patterns where `*`
 * matches any run of characters and a leading `!` excludes. A name matches when some plain
 * pattern matches it and no excluding one does, whatever their order (MT5 documents the syntax,
 * not an order of evaluation; this reading never depends on it). Case-insensitive, as MT5 treats
 * group and symbol names.
 */
export type NameMatcher = (name: string) => boolean;

export function nameMask(mask: string): NameMatcher {
  const include: RegExp[] = [];
  const exclude: RegExp[] = [];
  for (const raw of mask.split(',')) {
    const pattern = raw.trim();
    if (pattern === '') continue;
    if (pattern.startsWith('!')) exclude.push(toRegExp(pattern.slice(1)));
    else include.push(toRegExp(pattern));
  }
  return (name) => include.some((re) => re.test(name)) && !exclude.some((re) => re.test(name));
}

/** True when the text is a mask rather than a plain list of names. */
export const isMask = (text: string): boolean => /[*!]/.test(text);

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}
