import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';

interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  form: FormInstance<T>;
  onFinish: (values: T) => void;
  onCancel: () => void;
  confirmLoading?: boolean;
  okText?: string;
  initialValues?: Partial<T>;
  width?: number;
  /** Form name, also the prefix of field ids (labels point at them). */
  name: string;
  children: ReactNode;
}

/** A modal holding one vertical form; OK submits it, and the fields start fresh on every open. */
export function FormModal<T extends object>({
  open,
  title,
  form,
  onFinish,
  onCancel,
  confirmLoading,
  okText = '保存',
  initialValues,
  width,
  name,
  children,
}: FormModalProps<T>) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={confirmLoading}
      destroyOnHidden
      width={width}
      mask={{ closable: false }}
    >
      <Form<T> form={form} name={name} layout="vertical" onFinish={onFinish} initialValues={initialValues} preserve={false} style={{ marginTop: 16 }}>
        {children}
      </Form>
    </Modal>
  );
}
