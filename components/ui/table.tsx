import type { ComponentProps } from 'react';

/** Plain table primitives: semantic elements so rows and cells are reachable by role. */
export function Table({ className = '', ...props }: ComponentProps<'table'>) {
  return <table className={`w-full border-collapse text-left text-sm ${className}`} {...props} />;
}

export function Th({ className = '', ...props }: ComponentProps<'th'>) {
  return (
    <th
      scope="col"
      className={`border-b border-line px-3 py-2 font-medium text-muted ${className}`}
      {...props}
    />
  );
}

export function Td({ className = '', ...props }: ComponentProps<'td'>) {
  return <td className={`border-b border-line-subtle px-3 py-2 align-top ${className}`} {...props} />;
}
