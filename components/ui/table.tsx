import type { ComponentProps } from 'react';

/** Plain table primitives: semantic elements so rows and cells are reachable by role. */
export function Table({ className = '', ...props }: ComponentProps<'table'>) {
  return <table className={`w-full border-collapse text-left text-sm ${className}`} {...props} />;
}

export function Th({ className = '', ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={`border-b border-zinc-200 px-3 py-2 font-medium text-zinc-600 dark:border-zinc-800 dark:text-zinc-400 ${className}`}
      {...props}
    />
  );
}

export function Td({ className = '', ...props }: ComponentProps<'td'>) {
  return (
    <td
      className={`border-b border-zinc-100 px-3 py-2 align-top dark:border-zinc-900 ${className}`}
      {...props}
    />
  );
}
