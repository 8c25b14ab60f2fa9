import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectPath } from '@/lib/resources/objects/links';

/** A link to an object's page, or plain text for kinds Wheelhouse has no page for (e.g. CronJob). */
export function ObjectLink({
  context,
  namespace,
  kind,
  name,
  children,
}: {
  context: string;
  namespace: string;
  kind: string;
  name: string;
  children?: ReactNode;
}) {
  const href = objectPath(context, namespace, kind, name);
  const text = children ?? name;
  if (!href) return <span>{text}</span>;
  return <Link href={href}>{text}</Link>;
}
