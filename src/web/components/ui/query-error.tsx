import { Alert, Button } from 'antd';
import { errorMessage } from '../../lib/api-client';

interface QueryErrorProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed load, in Chinese, with a retry button; never a blank page. */
export function QueryError({ error, title = '数据加载失败', onRetry }: QueryErrorProps) {
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
