/**
 * Binary search: how many of the indices 0 … length-1 satisfy `before`, for a predicate that holds up to some
 * index and not after it (positions before a line, definitions before an offset ...).
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
