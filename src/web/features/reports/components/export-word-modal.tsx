import { useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Modal, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { exportUrl } from '../api/reports';
import { chinaDay, officialDate } from './print-layout';

interface ExportWordModalProps {
  open: boolean;
  reportId: number;
  versionNo: number;
  /** When the exported version was saved: its day (in China) is the default 成文日期, as the server has it. */
  savedAt: string;
  onClose: () => void;
}

/** 导出Word with the 成文日期 the user sets under the signature (default: the day the version was saved). */
export function ExportWordModal({ open, reportId, versionNo, savedAt, onClose }: ExportWordModalProps) {
  const savedDay = chinaDay(savedAt);
  const [date, setDate] = useState(savedDay);
  // Each opening starts from the version's own day.
  useEffect(() => {
    if (open) setDate(savedDay);
  }, [open, savedDay]);

  return (
    <Modal
      open={open}
      title={`导出Word(第${versionNo}版)`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" icon={<DownloadOutlined />} href={exportUrl(reportId, 'docx', versionNo, date)} download onClick={onClose}>
            导出
          </Button>
        </Space>
      }
    >
      <Flex vertical gap={8}>
        <label htmlFor="export-date">成文日期(落款处的日期)</label>
        <DatePicker
          id="export-date"
          value={dayjs(date)}
          onChange={(d) => setDate(d ? d.format('YYYY-MM-DD') : savedDay)}
          allowClear={false}
          format="YYYY-MM-DD"
          style={{ width: 200 }}
        />
        <Typography.Text type="secondary" data-testid="export-date-text">
          落款将写作“{officialDate(date)}”{date === savedDay ? `，即第${versionNo}版的保存日期` : ''}。
        </Typography.Text>
      </Flex>
    </Modal>
  );
}
