import { App, Button, Upload, type UploadFile } from 'antd';
import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { errorMessage } from './api-client';
import { ATTACHMENT_ACCEPT, type StoredFile, fileUrl, isImage, uploadFile } from './files';

/** The files of a form: uploaded ones carry their stored meta in `response`. */
export type AttachmentList = UploadFile<StoredFile>[];

/** A record's stored files as the upload list shows them (images with their thumbnail). */
export function toAttachmentList(files: StoredFile[]): AttachmentList {
  return files.map((f) => ({
    uid: `stored-${f.id}`,
    name: f.name,
    status: 'done',
    size: f.size,
    type: f.mimeType,
    url: fileUrl(f.id),
    thumbUrl: isImage(f) ? fileUrl(f.id) : undefined,
    response: f,
  }));
}

/** Ids of the uploaded files, for the record's `fileIds`. */
export const attachmentIds = (list: AttachmentList | undefined): number[] =>
  (list ?? []).flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));

/** True while a file is still on its way (the form waits before it submits). */
export const isUploading = (list: AttachmentList | undefined) => (list ?? []).some((f) => f.status === 'uploading');

interface AttachmentUploadProps {
  id?: string;
  value?: AttachmentList;
  onChange?: (list: AttachmentList) => void;
  /** At most this many files (the server takes 20 per record). */
  maxCount?: number;
  /** A wide button (phones), with a camera icon. */
  block?: boolean;
  buttonText?: string;
  disabled?: boolean;
}

/**
 * Photos and documents, each uploaded as soon as it is chosen (on a phone the picker offers the
 * camera too). A file the server refuses (too large, another type) leaves the list with its message.
 */
export function AttachmentUpload({ id, value, onChange, maxCount = 20, block, buttonText, disabled }: AttachmentUploadProps) {
  const { message } = App.useApp();
  return (
    <Upload<StoredFile>
      id={id}
      accept={ATTACHMENT_ACCEPT}
      multiple
      listType="picture"
      maxCount={maxCount}
      disabled={disabled}
      styles={block ? { root: { display: 'block' }, trigger: { display: 'block' } } : undefined}
      fileList={value ?? []}
      onChange={({ fileList }) => onChange?.(fileList.filter((f) => f.status !== 'error'))}
      customRequest={({ file, onSuccess, onError }) => {
        uploadFile(file as File).then(
          (stored) => onSuccess?.(stored),
          (error: unknown) => {
            void message.error(`${(file as File).name}:${errorMessage(error)}`);
            onError?.(error instanceof Error ? error : new Error(errorMessage(error)));
          },
        );
      }}
      onPreview={(f) => {
        const url = f.url ?? (f.response ? fileUrl(f.response.id) : undefined);
        if (url) window.open(url, '_blank', 'noopener');
      }}
    >
      <Button icon={block ? <CameraOutlined /> : <PaperClipOutlined />} block={block} size={block ? 'large' : undefined} disabled={disabled}>
        {buttonText ?? '上传照片或附件'}
      </Button>
    </Upload>
  );
}
