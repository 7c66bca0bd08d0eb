import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Form, Modal, Typography } from 'antd';
import { CloudDownloadOutlined } from '@ant-design/icons';
import type { Division } from '../../../../shared/divisions.js';
import { DivisionPicker } from '../../../lib/division-picker';
import { showApiError } from '../../../lib/form';
import { SubmissionKeys } from '../../../lib/versions';
import { useImportDivision, useOwnDivision } from '../api/import-division';

interface ImportForm {
  code?: string;
}

/**
 * 从区划库导入: loads a county's towns and villages from the national division list into 地名,
 * by default the organisation's own county. The dialog says what it does before it does it (nothing
 * the admin changed is overwritten), and the counts afterwards.
 */
export function ImportDivisionButton() {
  const { message, modal } = App.useApp();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Division | null>(null);
  const [form] = Form.useForm<ImportForm>();
  const own = useOwnDivision(open);
  const importing = useImportDivision();
  const keys = useRef(new SubmissionKeys()).current;
  const ownWithPlaces = own.data?.hasPlaces ? own.data : null;

  // The organisation's own county is the default, filled in once it is known (unless one was chosen).
  useEffect(() => {
    if (open && ownWithPlaces && !form.getFieldValue('code')) form.setFieldsValue({ code: ownWithPlaces.code });
  }, [open, ownWithPlaces, form]);

  const close = () => {
    setOpen(false);
    setChosen(null);
    form.resetFields();
  };

  const onFinish = ({ code }: ImportForm) => {
    if (!code) return;
    const body = { code };
    importing.mutate(
      { ...body, idempotencyKey: keys.keyFor(body) },
      {
        onSuccess: (result) => {
          keys.succeeded();
          close();
          modal.success({
            title: '导入完成',
            content: (
              <>
                <p>
                  {result.division.fullName}：新增 {result.added} 个、保留 {result.kept} 个地名。
                </p>
                <Typography.Text type="secondary">
                  区划库中该地有乡镇 {result.towns} 个、村（社区） {result.villages} 个。
                </Typography.Text>
              </>
            ),
          });
        },
        onError: (error) => showApiError(message, error, form),
      },
    );
  };

  return (
    <>
      <Button icon={<CloudDownloadOutlined />} onClick={() => setOpen(true)}>
        从区划库导入
      </Button>
      <Modal
        open={open}
        title="从区划库导入乡镇和村（社区）"
        okText="导入"
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={importing.isPending}
        okButtonProps={{ disabled: own.isPending && open }}
        destroyOnHidden
      >
        <Typography.Paragraph>从国家统计局2023年统计用区划代码中，载入所选县（区）本身、它的乡镇（街道）和村（社区），连同12位区划代码。</Typography.Paragraph>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="已有的地名保持不变"
          description="区划代码已经存在的地名（包括您改过名称的），以及同一上级下同名的地名，都原样保留；您自己添加的地名不受影响。只补充缺少的，重复导入不会产生重复。"
        />
        <Form<ImportForm> form={form} name="import-division" layout="vertical" onFinish={onFinish}>
          <Form.Item
            label="县（区）"
            name="code"
            rules={[{ required: true, message: '请选择要导入的县（区）' }]}
            extra={ownWithPlaces ? `默认为本单位所在的${ownWithPlaces.fullName}` : '本单位未设置行政区划，请选择要导入的县（区）'}
          >
            <DivisionPicker aria-label="要导入的县（区）" onChange={(_code, division) => setChosen(division)} />
          </Form.Item>
        </Form>
        {chosen && chosen.code !== ownWithPlaces?.code && ownWithPlaces ? (
          <Alert type="warning" showIcon title={`所选的${chosen.fullName}不是本单位所在的县（区）`} />
        ) : null}
      </Modal>
    </>
  );
}
