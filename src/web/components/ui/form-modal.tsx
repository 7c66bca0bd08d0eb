import { type ReactNode, useEffect } from 'react';
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

/**
 * Starts the fields from the form's `initialValues` each time the modal opens. The form store belongs
 * to the parent's `useForm()` and outlives the destroyed form: on the next open antd merges what the
 * last open left in it over the new `initialValues`, so 编辑 after 新增 showed the previous entry.
 * Mounted inside the form, so the reset runs once the form has taken its new initial values.
 */
function StartFresh({ form }: { form: FormInstance }) {
  useEffect(() => form.resetFields(), [form]);
  return null;
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
        <StartFresh form={form} />
        {children}
      </Form>
    </Modal>
  );
}
