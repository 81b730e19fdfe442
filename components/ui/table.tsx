import type { ComponentProps } from 'react';
import { cn } from './cn';

/** A dense, scrollable table. Wrap rows in `TableHead`/`TableBody`; cells are `Th`/`Td`. */
export function Table({ className, ...rest }: ComponentProps<'table'>) {
  return (
    <div
      data-slot="table-container"
      className="w-full overflow-x-auto rounded-lg border border-slate-200 dark:border-slate-800"
    >
      <table
        data-slot="table"
        className={cn('w-full border-collapse text-left text-sm tabular-nums', className)}
        {...rest}
      />
    </div>
  );
}

export function TableHead({ className, ...rest }: ComponentProps<'thead'>) {
  return (
    <thead
      className={cn(
        'bg-slate-50 text-xs text-slate-500 uppercase tracking-wide dark:bg-slate-900 dark:text-slate-400',
        className,
      )}
      {...rest}
    />
  );
}

export function TableBody({ className, ...rest }: ComponentProps<'tbody'>) {
  return (
    <tbody
      className={cn('divide-y divide-slate-100 bg-white dark:divide-slate-800 dark:bg-slate-950', className)}
      {...rest}
    />
  );
}

export function Tr({ className, ...rest }: ComponentProps<'tr'>) {
  return (
    <tr
      // the hover's background only: a row's colours change with its pod, and animating them repaints
      className={cn('transition-[background-color] hover:bg-slate-50 dark:hover:bg-slate-900/60', className)}
      {...rest}
    />
  );
}

export function Th({ className, scope = 'col', ...rest }: ComponentProps<'th'>) {
  return <th scope={scope} className={cn('px-3 py-2 font-medium whitespace-nowrap', className)} {...rest} />;
}

/** A column heading: its label, right-aligned for numbers, or read only by screen readers. */
export type Column = string | { label: string; align?: 'right'; srOnly?: boolean };

/** The header row of a table, one `Th` per column, and with `actions` an unlabelled last one. */
export function HeaderRow({ columns, actions = false }: { columns: readonly Column[]; actions?: boolean }) {
  return (
    <TableHead>
      <tr>
        {(actions ? [...columns, ACTIONS_COLUMN] : columns).map((c) => {
          const col = typeof c === 'string' ? { label: c } : c;
          return (
            <Th key={col.label} className={col.align === 'right' ? 'text-right' : undefined}>
              {col.srOnly ? <span className="sr-only">{col.label}</span> : col.label}
            </Th>
          );
        })}
      </tr>
    </TableHead>
  );
}

/** The actions column: no heading on screen, "Actions" for screen readers. */
const ACTIONS_COLUMN: Column = { label: 'Actions', srOnly: true };

export function Td({ className, ...rest }: ComponentProps<'td'>) {
  return <td className={cn('px-3 py-2 align-top', className)} {...rest} />;
}

/** The row shown when a list is empty, spanning every column. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: React.ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-3 py-6 text-center text-sm text-slate-500 dark:text-slate-400">
        {children}
      </td>
    </tr>
  );
}
