import { Alert, Typography } from 'antd';
import type { DraftDoc } from '../../../../shared/reports.js';
import { templatePlace } from './doc-model';

/**
 * A draft's warnings, never silent: each slot of the template that named no fact when it was
 * drafted (its sentence was left out), where it is in the template and why.
 */
export function DraftWarnings({ warnings, canEditTemplates }: { warnings: DraftDoc['warnings']; canEditTemplates?: boolean }) {
  if (!warnings?.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="draft-warnings"
      style={{ marginBottom: 16 }}
      title={`模板中有${warnings.length}处占位不对应统计数据,所在的句子没有写入这份总结`}
      description={
        <>
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {warnings.map((w, i) => (
              <li key={i} data-testid="draft-warning">
                {templatePlace(w.path)}:<Typography.Text code>{w.slot}</Typography.Text>
                {w.message}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {canEditTemplates
              ? '请在“总结模板”中改正这些占位(模板编辑页右侧列出全部可用的统计数据),再“重新起草”并选择模板的当前版本。'
              : '请局领导或管理员在“总结模板”中改正这些占位,再重新起草。'}
          </Typography.Text>
        </>
      }
    />
  );
}
