'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/** A line to copy (a command, a link): shown in full (it wraps), with a Copy button for the clipboard. */
export function CopyLine({
  text,
  shown = text,
  testId,
  label = 'Copy',
}: {
  text: string;
  shown?: ReactNode;
  testId?: string;
  label?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // no clipboard (plain http on another host): the text is selectable anyway
    }
  }
  return (
    <div className="flex items-start gap-2" data-testid={testId}>
      <code className="min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 font-mono text-xs [overflow-wrap:anywhere] text-slate-800 select-all dark:bg-slate-800 dark:text-slate-200">
        {shown}
      </code>
      <Button size="sm" variant="ghost" onClick={() => void copy()} aria-label={`${label}: ${text}`}>
        {copied ? 'Copied' : label}
      </Button>
    </div>
  );
}
