import { createContext, useContext } from 'react';

// Whether the browser skips drawing the block this is in (SkipOffscreen, `content-visibility: auto`
// far from the viewport). What only moves on screen (a live clock) waits while it is true and
// catches up when it comes near: a text nobody can see changed every second in every tab
// (docs/performance.md, "A pod's entry, the one thing that moves").
export const OffscreenContext = createContext(false);

export const useOffscreen = (): boolean => useContext(OffscreenContext);
