import { cn } from './cn';

/**
 * Text that may be long (a probe's command, an image reference) on one line, cut with an ellipsis
 * where its cell ends. The whole text is in the title (hover) and shows, wrapped, while the element
 * has focus: it is focusable so a keyboard reaches it too. Put it in a cell that takes the rest of
 * the row (TRUNCATE_CELL), so the table fits its card instead of breaking the text per character.
 */
export function TruncatedText({
  text,
  className,
  children,
}: {
  /** the whole text, for the title */
  text: string;
  className?: string;
  /** what to show, when it is the text with some styling */
  children?: React.ReactNode;
}) {
  return (
    <span
      tabIndex={0}
      title={text}
      data-slot="truncated-text"
      className={cn(
        'block truncate rounded-sm focus:whitespace-normal focus:[overflow-wrap:anywhere]',
        'focus-visible:outline-2 focus-visible:outline-sky-600',
        className,
      )}
    >
      {children ?? text}
    </span>
  );
}

/**
 * For the cell of a TruncatedText: it takes the width the other columns leave (w-full), and its
 * content never widens the table (max-w-0), but it keeps room for a dozen characters.
 */
export const TRUNCATE_CELL = 'w-full max-w-0 min-w-[12ch]';
