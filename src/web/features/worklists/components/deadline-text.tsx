import { Space, Tag, Typography } from 'antd';
import { formatDate } from '../../../utils/format';

/** An item's deadline; past and not done it is red with a 逾期 tag. */
export function DeadlineText({ deadline, overdue }: { deadline: string | null; overdue: boolean }) {
  if (!deadline) return <>—</>;
  if (!overdue) return <>{formatDate(deadline)}</>;
  return (
    <Space size={4}>
      <Typography.Text type="danger">{formatDate(deadline)}</Typography.Text>
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        逾期
      </Tag>
    </Space>
  );
}
