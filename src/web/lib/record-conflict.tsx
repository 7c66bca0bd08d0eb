import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Alert, Button, Modal, Space, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { type ChangedField, type ConflictField, SubmissionKeys, changedFields, staleCurrentOf } from './versions';

// The one way every edit form saves: it names the version it was opened with, and when someone else
// saved the record meanwhile (409 with the record as it is now) it shows what differs, field by
// field, and lets the user load the saved record or save theirs over it.

interface StaleDialogProps {
  open: boolean;
  changes: ChangedField[];
  savedVersion: number;
  onReload: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
  overwriting?: boolean;
}

/** "已被他人修改": each field that differs, what you typed and what is saved now; reload or overwrite. */
export function StaleRecordDialog({ open, changes, savedVersion, onReload, onOverwrite, onCancel, overwriting }: StaleDialogProps) {
  return (
    <Modal
      open={open}
      title="已被他人修改"
      onCancel={onCancel}
      width={720}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onCancel}>取消</Button>
          <Button onClick={onReload} data-testid="stale-reload">
            载入最新内容
          </Button>
          <Button type="primary" danger loading={overwriting} onClick={onOverwrite} data-testid="stale-overwrite">
            仍然保存我的修改
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={`您打开这条记录之后,它已被他人修改并保存(现为第${savedVersion}版),您的修改尚未保存。`}
        description={
          changes.length > 0
            ? '以下各项与现在保存的不同。可以载入最新内容后再修改,或用您填写的内容覆盖。'
            : '您填写的内容与现在保存的一致(对方修改的可能是本表单以外的内容)。'
        }
      />
      {changes.length > 0 ? (
        <Table<ChangedField>
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={changes}
          data-testid="stale-changes"
          columns={[
            { title: '项目', dataIndex: 'label', width: 140 },
            { title: '您填写的', dataIndex: 'mine', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
            { title: '现在保存的', dataIndex: 'saved', render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span> },
          ]}
        />
      ) : null}
    </Modal>
  );
}

export interface VersionedSaveOptions<TRecord, TValues> {
  /** The record the form was opened with; null or undefined for a new one. */
  record: TRecord | null | undefined;
  /** Whether the form is open (a modal's `open`); the form is based on the record as it was when opened. */
  open?: boolean;
  /** How the form shows a record: its values, keyed by field name. */
  toValues: (record: TRecord) => TValues;
  /** The fields the dialog compares, with their labels. */
  fields: ConflictField[];
  /** Sends the form's values again, based on `version` ("仍然保存我的修改"). */
  resubmit: (values: TValues, version: number) => void;
  /** Shows a record's values in the form ("载入最新内容"). */
  reload: (values: TValues) => void;
}

export interface VersionedSave<TValues> {
  /** The version the next save names in If-Match. */
  version: number | undefined;
  /** The Idempotency-Key of a create with this body (the same while the same body is being retried). */
  keyFor: (body: unknown) => string;
  /** Call when a save went through, with the record as saved (the next save is based on it). */
  succeeded: (saved?: { version: number }) => void;
  /** Opens the dialog when `error` says the record changed meanwhile; false for any other error. */
  catchStale: (error: unknown, mine: TValues) => boolean;
  /** The dialog, to render with the form. */
  dialog: ReactNode;
}

/** Versions, idempotency keys and the "已被他人修改" dialog for one edit form. */
export function useVersionedSave<TRecord extends { id: number; version: number }, TValues extends object>(
  options: VersionedSaveOptions<TRecord, TValues>,
): VersionedSave<TValues> {
  const { record, open = true } = options;
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(record?.version);
  const [conflict, setConflict] = useState<{ mine: TValues; current: TRecord } | null>(null);
  const keys = useRef(new SubmissionKeys());
  const latest = useRef(options);
  latest.current = options;

  // The form is based on the record as it was when the form opened (or when it first loaded). A
  // newer copy arriving while it is open does not move the base: the user has not seen it, and
  // saving over it is what the check is for.
  useEffect(() => {
    if (!open) return;
    setVersion(latest.current.record?.version);
    setConflict(null);
    keys.current = new SubmissionKeys();
  }, [open, record?.id]);

  const catchStale = (error: unknown, mine: TValues): boolean => {
    const current = staleCurrentOf<TRecord>(error);
    if (!current) return false;
    setConflict({ mine, current });
    // What the pages show is out of date too.
    void queryClient.invalidateQueries();
    return true;
  };

  const changes = conflict
    ? changedFields(options.fields, conflict.mine as Record<string, unknown>, options.toValues(conflict.current) as Record<string, unknown>)
    : [];

  const dialog = (
    <StaleRecordDialog
      open={conflict !== null}
      changes={changes}
      savedVersion={conflict?.current.version ?? 0}
      onCancel={() => setConflict(null)}
      onReload={() => {
        if (!conflict) return;
        latest.current.reload(latest.current.toValues(conflict.current));
        setVersion(conflict.current.version);
        setConflict(null);
      }}
      onOverwrite={() => {
        if (!conflict) return;
        setVersion(conflict.current.version);
        setConflict(null);
        latest.current.resubmit(conflict.mine, conflict.current.version);
      }}
    />
  );

  return {
    version,
    keyFor: (body) => keys.current.keyFor(body),
    succeeded: (saved) => {
      keys.current.succeeded();
      if (saved) setVersion(saved.version);
    },
    catchStale,
    dialog,
  };
}

/**
 * For actions on a record (a stage move, a confirmation): when the record changed meanwhile, the
 * 409 is shown like any error, and what the page shows is refreshed so the user sees what changed.
 */
export function useRefreshIfStale(): (error: unknown) => void {
  const queryClient = useQueryClient();
  return (error) => {
    if (staleCurrentOf(error)) void queryClient.invalidateQueries();
  };
}
