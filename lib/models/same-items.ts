// Identity for derived lists: a list computed afresh from live state is a new array even when it
// holds the very same items, and a memoised component (React.memo, useMemo) compares by identity.

/** `prev` when `next` holds the same items (===) in the same order; else `next`. O(length). */
export function keepSameItems<T>(prev: readonly T[], next: readonly T[]): T[] {
  if (prev.length !== next.length) return next as T[];
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next as T[];
  return prev as T[];
}

/** Whether `a` and `b` hold the same own fields (===), or are the same value (null, undefined). */
export function sameFields<T extends object>(a: T | null | undefined, b: T | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => a[k] === b[k]);
}

/**
 * A comparison for React.memo: every prop by identity, but the `byValue` ones (small objects computed
 * afresh at each render of the parent, e.g. a pod's restart cause) by their fields.
 */
export function samePropsBy<P extends object>(...byValue: (keyof P)[]): (a: P, b: P) => boolean {
  const deep = new Set(byValue);
  return (a, b) => {
    const keys = Object.keys(b) as (keyof P)[];
    if (keys.length !== Object.keys(a).length) return false;
    return keys.every((k) =>
      deep.has(k) ? sameFields(a[k] as object | null, b[k] as object | null) : a[k] === b[k],
    );
  };
}
