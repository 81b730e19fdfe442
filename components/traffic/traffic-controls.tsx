'use client';
import type { ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { ServiceSummary } from '@/lib/models/types';

// Small form pieces shared by the traffic panels.

export const INPUT =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm tabular-nums dark:border-slate-600 dark:bg-slate-900';

export function Field({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <label
      className={cn(
        'flex flex-col gap-0.5 text-xs font-medium text-slate-600 dark:text-slate-300',
        className,
      )}
    >
      {label}
      {children}
    </label>
  );
}

export function ServicePicker({
  services,
  value,
  onChange,
  disabled,
  testId,
}: {
  services: readonly ServiceSummary[];
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Field label="Service">
      <select
        className={INPUT}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        data-testid={testId}
      >
        {services.map((s) => (
          <option key={s.uid} value={s.name}>
            {s.name}
            {s.ports[0] ? `:${s.ports[0].name ?? s.ports[0].port}` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}

const PROXY = (unit: string) =>
  `Requests go through the API server's services/proxy (it picks a ready endpoint per ${unit}); they run on Podium's server, not in this browser.`;
const CLUSTER_IP =
  "Requests go straight to the Service's ClusterIP (kube-proxy spreads connections); they run on Podium's server, not in this browser.";

/** "through the API server's services/proxy" or "straight to the ClusterIP", with the full sentence as a tooltip. */
export function TransportNote({
  transport,
  text,
  unit = 'request',
}: {
  transport: string | undefined;
  text: string | undefined;
  /** what the API server balances: each request, or each WebSocket connection */
  unit?: 'request' | 'connection';
}) {
  if (!transport) return null;
  return (
    <p
      className="text-xs text-slate-500 dark:text-slate-400"
      data-testid="traffic-transport"
      data-transport={transport}
      title={text}
    >
      {transport === 'cluster-ip' ? CLUSTER_IP : PROXY(unit)}
    </p>
  );
}

export function formatMs(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

/** A number input under its label; `onChange` gets the text as typed. */
export function NumberField({
  label,
  width,
  value,
  onChange,
  min,
  max,
  placeholder,
  disabled,
  testId,
}: {
  label: string;
  /** the input's width class */
  width: string;
  value: number | string;
  onChange: (text: string) => void;
  min: number;
  max: number;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <Field label={label}>
      <input
        className={`${INPUT} ${width}`}
        type="number"
        min={min}
        max={max}
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        data-testid={testId}
      />
    </Field>
  );
}

/**
 * The header row of the traffic panels' small tables: the first column left, the numbers right,
 * and an empty last column (for a badge or an editor).
 */
export function NumbersHead({
  columns,
  cellClassName,
}: {
  columns: readonly (string | { label: string; title: string })[];
  /** extra classes of every heading, e.g. padding */
  cellClassName?: string;
}) {
  return (
    <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
      <tr>
        {columns.map((c, i) => {
          const { label, title } = typeof c === 'string' ? { label: c, title: undefined } : c;
          return (
            <th key={label} className={cn(cellClassName, i > 0 && 'text-right', 'font-medium')} title={title}>
              {label}
            </th>
          );
        })}
        <th />
      </tr>
    </thead>
  );
}
