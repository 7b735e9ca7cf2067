/**
 * The first name after every name that starts with `prefix`, in code-point
 * order (UTF-8 byte order, as the store sorts names: COLLATE "C").
 */
export const afterPrefix = (prefix: string): string => {
  const points = [...prefix];
  while (points.length > 0) {
    const last = points.pop()!.codePointAt(0)!;
    if (last < 0x10ffff) return points.join('') + String.fromCodePoint(last + 1 === 0xd800 ? 0xe000 : last + 1);
  }
  return '\u{10FFFF}';
};
