'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/button';

// The dialog is code only a delete needs: loaded when it is first opened.
const DeleteDialog = dynamic(() => import('@/components/manage/delete-dialog').then((m) => m.DeleteDialog), {
  ssr: false,
});

export interface Permission {
  allowed: boolean;
  reason?: string;
}

/** Edit and Delete for one object, disabled with the access review's reason when refused. */
export function ObjectActions({
  editHref,
  api,
  listHref,
  canUpdate,
  canDelete,
}: {
  editHref: string;
  api: string;
  listHref: string;
  canUpdate: Permission;
  canDelete: Permission;
}) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <nav className="flex flex-wrap items-center gap-2" aria-label="Manage">
      {canUpdate.allowed ? (
        <Link
          href={editHref}
          className="inline-flex items-center rounded border border-neutral-line bg-canvas px-3 py-1.5 text-sm font-medium text-fg hover:bg-hover"
        >
          Edit YAML
        </Link>
      ) : (
        <Button disabled title={canUpdate.reason}>
          Edit YAML
        </Button>
      )}
      <Button
        variant="danger"
        disabled={!canDelete.allowed}
        title={canDelete.allowed ? undefined : canDelete.reason}
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        Delete
      </Button>
      {!(canUpdate.allowed && canDelete.allowed) && (
        <span className="text-xs text-muted">
          {[canUpdate.reason, canDelete.reason].filter(Boolean).join(' ')}
        </span>
      )}
      {opened && <DeleteDialog open={open} onClose={() => setOpen(false)} api={api} afterHref={listHref} />}
    </nav>
  );
}
