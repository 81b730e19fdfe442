'use client';
import { useEffect } from 'react';

/** Puts the `projector` class on <html> while mounted: a 22 px root size (app/globals.css), so every rem grows. */
export function ProjectorMode() {
  useEffect(() => {
    const html = document.documentElement;
    html.classList.add('projector');
    return () => html.classList.remove('projector');
  }, []);
  return null;
}
