/**
 * A sort comparator for indexes by their values, highest first (ties keep index order: the sort is
 * stable). It returns -1, 0 or 1 rather than a difference of scores: a comparator that is not
 * inlined boxes the double it returns, garbage on every comparison of every /ask.
 */
export function descendingBy(values: ArrayLike<number>): (a: number, b: number) => number {
  return (a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    return x > y ? -1 : x < y ? 1 : 0;
  };
}
