import type { ComponentProps } from 'react';

/**
 * A box that scrolls on its own (YAML, values, tables, logs): Tab reaches it, so arrow keys and
 * Page Up/Down scroll it without a mouse (WCAG 2.1.1), and it is a named region for screen
 * readers. Pass `role` to override the region role (the log viewer is a `log`); `as="pre"` for text
 * whose whitespace matters (no ref then: the refs of callers are to divs).
 */
export function ScrollArea({
  label,
  as = 'div',
  role = 'region',
  className = '',
  ref,
  ...props
}: ComponentProps<'div'> & { label: string; as?: 'div' | 'pre' }) {
  const common = { tabIndex: 0, role, 'aria-label': label, className: `overflow-auto ${className}` };
  if (as === 'pre') return <pre {...common} {...(props as ComponentProps<'pre'>)} />;
  return <div ref={ref} {...common} {...props} />;
}
