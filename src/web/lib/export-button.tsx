import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { exportUrl } from './export-url';

/**
 * 导出Excel for a list's toolbar (FilterBar `actions` / ListPage `actions`): a plain link to
 * GET /api/<ledger>/export with the list's current filters, so the browser downloads the
 * streamed file itself (no blob held in the page, any size).
 */
export function ExportButton({ path, query, label = '导出Excel' }: { path: string; query: object; label?: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={exportUrl(path, query)} data-testid="export-button">
      {label}
    </Button>
  );
}
