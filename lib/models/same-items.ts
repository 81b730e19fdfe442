// Identity for derived lists: a list computed afresh from live state is a new array even when it
// holds the very same items, and a memoised component (React.memo, useMemo) compares by identity.

/** `prev` when `next` holds the same items (===) in the same order; else `next`. O(length). */
export function keepSameItems<T>(prev: readonly T[], next: readonly T[]): T[] {
  if (prev.length !== next.length) return next as T[];
  for (let i = 0; i < next.length; i++) if (prev[i] !== next[i]) return next as T[];
  return prev as T[];
}
