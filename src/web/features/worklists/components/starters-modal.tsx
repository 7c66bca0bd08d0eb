import { useRef, useState } from 'react';
import { App, Button, Checkbox, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { AppstoreAddOutlined } from '@ant-design/icons';
import { QueryError } from '../../../components/ui/query-error';
import { showApiError } from '../../../lib/form';
import { SubmissionKeys } from '../../../lib/versions';
import { useCreateStarters, useStarters } from '../api/starters';

/**
 * 从常用台账添加: the ready-made lists (整改台账, 意见建议, 工作计划 …) with a checkbox each; those
 * the bureau already has are ticked, greyed and marked 已添加. Each added list is an ordinary list
 * the bureau designs further, with its own summary sentences.
 */
export function StartersButton() {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const starters = useStarters(open);
  const create = useCreateStarters();
  const keys = useRef(new SubmissionKeys()).current;

  const close = () => {
    setOpen(false);
    setChosen([]);
  };

  const toggle = (key: string, on: boolean) => setChosen((c) => (on ? [...c, key] : c.filter((k) => k !== key)));

  const onOk = () => {
    const body = { keys: chosen };
    create.mutate(
      { ...body, idempotencyKey: keys.keyFor(body) },
      {
        onSuccess: (lists) => {
          keys.succeeded();
          close();
          void message.success(lists.length ? `已添加${lists.length}个台账：${lists.map((l) => l.name).join('、')}` : '所选台账均已存在，未重复添加');
        },
        onError: (error) => showApiError(message, error),
      },
    );
  };

  return (
    <>
      <Button icon={<AppstoreAddOutlined />} onClick={() => setOpen(true)}>
        从常用台账添加
      </Button>
      <Modal
        open={open}
        title="从常用台账添加"
        okText={chosen.length ? `添加${chosen.length}个台账` : '添加'}
        okButtonProps={{ disabled: chosen.length === 0 }}
        onOk={onOk}
        onCancel={close}
        confirmLoading={create.isPending}
        width={640}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          选择要添加的台账。每个台账都带有字段、状态、统计项和工作总结句式，添加后可以像自建的台账一样修改。
        </Typography.Paragraph>
        {starters.isError ? <QueryError error={starters.error} onRetry={() => void starters.refetch()} /> : null}
        {starters.isPending && !starters.isError ? <Spin /> : null}
        <Flex vertical gap={12} data-testid="starter-list">
          {(starters.data ?? []).map((s) => (
            <Checkbox
              key={s.key}
              checked={s.present || chosen.includes(s.key)}
              disabled={s.present}
              onChange={(e) => toggle(s.key, e.target.checked)}
              data-testid={`starter-${s.key}`}
            >
              <Typography.Text strong>{s.name}</Typography.Text>
              {s.present ? (
                <Tag color="default" style={{ marginLeft: 8 }}>
                  已添加
                </Tag>
              ) : null}
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {s.description}
              </Typography.Text>
            </Checkbox>
          ))}
        </Flex>
      </Modal>
    </>
  );
}
