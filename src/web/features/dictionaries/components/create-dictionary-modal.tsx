import { useRef } from 'react';
import { App, Form, Input } from 'antd';
import { dictionaryCodeSchema } from '../../../../shared/reference.js';
import { FormModal } from '../../../components/ui/form-modal';
import { emptyToNull, showApiError, zodRule } from '../../../lib/form';
import { type DictionaryInput, useCreateDictionary } from '../api/dictionary-mutations';
import { SubmissionKeys } from '../../../lib/versions';

interface DictionaryForm {
  code: string;
  name: string;
  description?: string;
}

export function CreateDictionaryModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (code: string) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<DictionaryForm>();
  const create = useCreateDictionary();
  const keys = useRef(new SubmissionKeys());

  const onFinish = (values: DictionaryForm) => {
    const input: DictionaryInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      description: emptyToNull(values.description?.trim()),
    };
    create.mutate(
      { ...input, idempotencyKey: keys.current.keyFor(input) },
      {
        onSuccess: (dictionary) => {
          keys.current.succeeded();
          void message.success(`字典「${dictionary.name}」已创建`);
          onCreated(dictionary.code);
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <FormModal<DictionaryForm>
      open={open}
      title="新建字典"
      okText="创建"
      name="dictionary"
      form={form}
      onFinish={onFinish}
      onCancel={onClose}
      confirmLoading={create.isPending}
    >
      <Form.Item
        label="字典编码"
        name="code"
        extra="程序中引用的编码,如 project_level;创建后不能修改"
        rules={[{ required: true, whitespace: true, message: '请填写字典编码' }, zodRule(dictionaryCodeSchema)]}
      >
        <Input autoFocus autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="字典名称"
        name="name"
        rules={[
          { required: true, whitespace: true, message: '请填写字典名称' },
          { max: 30, message: '字典名称不能超过30个字' },
        ]}
      >
        <Input placeholder="如:项目级别" />
      </Form.Item>
      <Form.Item label="说明" name="description" rules={[{ max: 200, message: '说明不能超过200个字' }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
    </FormModal>
  );
}
