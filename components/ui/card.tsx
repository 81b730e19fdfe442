import type { ComponentProps, ReactNode } from 'react';
import { cn } from './cn';

/** A quiet bordered surface. Use `as="article"` when the card is one item of a list. */
export function Card({ className, ...rest }: ComponentProps<'section'>) {
  return (
    <section
      data-slot="card"
      className={cn(
        'rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900',
        className,
      )}
      {...rest}
    />
  );
}

export interface CardHeaderProps extends Omit<ComponentProps<'header'>, 'title'> {
  title: ReactNode;
  /** a short line under the title */
  description?: ReactNode;
  /** buttons or badges on the right */
  actions?: ReactNode;
  /** heading level for the title; h2 by default */
  level?: 2 | 3 | 4;
}

export function CardHeader({
  title,
  description,
  actions,
  level = 2,
  className,
  children,
  ...rest
}: CardHeaderProps) {
  const Heading = `h${level}` as const;
  return (
    <header
      data-slot="card-header"
      className={cn(
        'flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-3 dark:border-slate-800',
        className,
      )}
      {...rest}
    >
      <div className="min-w-0">
        <Heading className="truncate text-sm font-semibold text-slate-900 dark:text-slate-100">
          {title}
        </Heading>
        {description ? (
          <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{description}</p>
        ) : null}
      </div>
      {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
      {children}
    </header>
  );
}

export function CardBody({ className, ...rest }: ComponentProps<'div'>) {
  return <div data-slot="card-body" className={cn('px-4 py-3', className)} {...rest} />;
}

export function CardFooter({ className, ...rest }: ComponentProps<'footer'>) {
  return (
    <footer
      data-slot="card-footer"
      className={cn(
        'flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400',
        className,
      )}
      {...rest}
    />
  );
}
