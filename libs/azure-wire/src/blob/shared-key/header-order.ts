/**
 * The order in which Shared Key sorts canonicalized x-ms- headers. Not plain
 * code-point order: Azure Storage sorts as Windows' culture-aware string
 * comparison does (the SDKs ship the same tables, e.g. @azure/storage-common's
 * SharedKeyComparator), so '-' and "'" count only at the last level and
 * "x-ms-meta-a-b" sorts after "x-ms-meta-ab". A signer and a verifier that sort
 * differently disagree on any request with such header names.
 */

const LETTER_WEIGHTS = [3586, 3593, 3594, 3610, 3617, 3619, 3621, 3628, 3634, 3637, 3638, 3656, 3665, 3696, 3708, 3710, 3721, 3722, 3729, 3737, 3743, 3746, 3748, 3750, 3751, 3753];

/** Weights per ASCII code at the three levels compared in turn; 0 = ignored at that level. */
const LEVELS: readonly (readonly number[])[] = [
  weights({
    '!': 1820, '#': 1823, $: 1825, '%': 1827, '&': 1829, '*': 1837, '+': 2051, '.': 1843,
    '^': 1859, _: 1860, '`': 1864, '|': 1868, '~': 1872,
    ...byChar('0123456789', [3331, 3354, 3356, 3358, 3360, 3362, 3364, 3366, 3368, 3370]),
    ...byChar('abcdefghijklmnopqrstuvwxyz', LETTER_WEIGHTS),
    ...byChar('ABCDEFGHIJKLMNOPQRSTUVWXYZ', LETTER_WEIGHTS),
  }),
  // Case: upper-case letters weigh more than lower-case ones (which are ignored here).
  weights(byChar('ABCDEFGHIJKLMNOPQRSTUVWXYZ', Array<number>(26).fill(18))),
  weights({ "'": 32786, '-': 33298 }),
];

function byChar(chars: string, values: readonly number[]): Record<string, number> {
  return Object.fromEntries([...chars].map((char, i) => [char, values[i]]));
}

function weights(byCharacter: Record<string, number>): number[] {
  const table = Array<number>(128).fill(0);
  for (const [char, weight] of Object.entries(byCharacter)) table[char.charCodeAt(0)] = weight;
  return table;
}

/** Weight of the character at `index` at `level`; 1 marks the end of the string. */
const weightAt = (text: string, index: number, level: number): number => (index < text.length ? (LEVELS[level][text.charCodeAt(index)] ?? 0) : 1);

/** The SDKs' comparison, step for step: walk both strings level by level, skipping characters ignored at that level. */
function isLessThan(lhs: string, rhs: string): boolean {
  let level = 0;
  let i = 0;
  let j = 0;
  while (level < LEVELS.length) {
    if (level === LEVELS.length - 1 && i !== j) return i > j;
    const left = weightAt(lhs, i, level);
    const right = weightAt(rhs, j, level);
    if (left === 1 && right === 1) {
      i = 0;
      j = 0;
      level++;
    } else if (left === right) {
      i++;
      j++;
    } else if (left === 0) {
      i++;
    } else if (right === 0) {
      j++;
    } else {
      return left < right;
    }
  }
  return false;
}

/** Comparator for Array.prototype.sort over lower-cased header names. */
export const compareHeaderNames = (lhs: string, rhs: string): number => (isLessThan(lhs, rhs) ? -1 : 1);
