import type { ComponentProps } from 'react';
import { cn } from './cn';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';
export type ButtonSize = 'sm' | 'md' | 'lg';

const VARIANTS: Record<ButtonVariant, string> = {
  primary:
    'bg-sky-600 text-white shadow-sm hover:bg-sky-700 focus-visible:outline-sky-600 dark:bg-sky-500 dark:hover:bg-sky-400 dark:text-slate-950',
  secondary:
    'bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 focus-visible:outline-sky-600 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-700',
  danger:
    'bg-red-600 text-white shadow-sm hover:bg-red-700 focus-visible:outline-red-600 dark:bg-red-500 dark:hover:bg-red-400 dark:text-slate-950',
  ghost:
    'text-slate-700 hover:bg-slate-100 focus-visible:outline-sky-600 dark:text-slate-300 dark:hover:bg-slate-800',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-7 gap-1 px-2 text-xs',
  md: 'h-9 gap-1.5 px-3 text-sm',
  lg: 'h-11 gap-2 px-4 text-base',
};

export interface ButtonStyleOptions {
  variant?: ButtonVariant;
  size?: ButtonSize;
  className?: string;
}

/** The button look, for links that act as buttons (`<Link className={buttonClasses(...)}>`). */
export function buttonClasses({
  variant = 'secondary',
  size = 'md',
  className,
}: ButtonStyleOptions = {}): string {
  return cn(
    'inline-flex shrink-0 items-center justify-center rounded-md font-medium whitespace-nowrap transition-colors',
    'focus-visible:outline-2 focus-visible:outline-offset-2',
    'disabled:cursor-not-allowed disabled:opacity-50',
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * Why the button cannot be used right now ("needs 2+ replicas", "cluster unreachable").
   * Setting it disables the button and shows the reason as its tooltip, so a disabled control
   * always says why.
   */
  disabledReason?: string | null;
}

export function Button({
  variant,
  size,
  disabled,
  disabledReason,
  title,
  className,
  type = 'button',
  ...rest
}: ButtonProps) {
  const off = Boolean(disabled || disabledReason);
  return (
    <button
      type={type}
      disabled={off}
      title={(off && disabledReason) || title}
      data-slot="button"
      className={buttonClasses({ variant, size, className })}
      {...rest}
    />
  );
}
