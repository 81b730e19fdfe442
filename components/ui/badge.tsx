import type { ComponentProps } from 'react';
import { cn, TONE_SOFT, TONE_SOLID, type Tone } from './cn';

export type { Tone } from './cn';

export interface BadgeProps extends ComponentProps<'span'> {
  tone?: Tone;
  /** a small coloured dot before the text (status badges) */
  dot?: boolean;
}

/** A short label in a tone. The text carries the meaning; the colour only repeats it. */
export function Badge({ tone = 'neutral', dot = false, className, children, ...rest }: BadgeProps) {
  return (
    <span
      data-slot="badge"
      data-tone={tone}
      className={cn(
        'inline-flex items-center gap-1 rounded-md px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        TONE_SOFT[tone],
        className,
      )}
      {...rest}
    >
      {dot ? <span aria-hidden="true" className={cn('size-1.5 rounded-full', TONE_SOLID[tone])} /> : null}
      {children}
    </span>
  );
}
