import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

export interface StatProps extends Omit<ComponentProps<'div'>, 'children'> {
  label: ReactNode;
  value: ReactNode;
  /** a small line under the value ("of 6 desired") */
  hint?: ReactNode;
  /** colours the value; neutral by default */
  tone?: 'ok' | 'warn' | 'bad' | 'neutral';
  size?: 'md' | 'lg';
}

const VALUE_TONE = {
  ok: 'text-emerald-700 dark:text-emerald-400',
  warn: 'text-amber-700 dark:text-amber-400',
  bad: 'text-red-700 dark:text-red-400',
  neutral: 'text-slate-900 dark:text-slate-50',
} as const;

/** A label over a big number, readable from the back of a room. */
export function Stat({ label, value, hint, tone = 'neutral', size = 'md', className, ...rest }: StatProps) {
  return (
    <div data-slot="stat" className={cn('min-w-0', className)} {...rest}>
      <div className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {label}
      </div>
      <div
        className={cn(
          'font-semibold tabular-nums leading-tight',
          size === 'lg' ? 'text-3xl' : 'text-2xl',
          VALUE_TONE[tone],
        )}
      >
        {value}
      </div>
      {hint ? <div className="text-xs text-slate-500 dark:text-slate-400">{hint}</div> : null}
    </div>
  );
}
