import { Button, Result } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { ApiError } from '../../lib/api-client';

function describe(error: unknown): { status: '403' | '404' | '500' | 'error'; title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) return { status: '404', title: '页面不存在', detail: '您访问的页面不存在或已被移除。' };
    return { status: 'error', title: '页面出错了', detail: `${error.status} ${error.statusText}` };
  }
  if (error instanceof ApiError) {
    if (error.status === 403) return { status: '403', title: '没有权限', detail: error.message };
    if (error.status === 404) return { status: '404', title: '记录不存在', detail: error.message };
    return { status: error.status >= 500 ? '500' : 'error', title: '加载失败', detail: error.message };
  }
  // A page chunk that no longer exists after an upgrade, or a network drop while loading it.
  if (error instanceof Error && /dynamically imported module|Importing a module script failed|Failed to fetch/i.test(error.message)) {
    return { status: 'error', title: '页面加载失败', detail: '可能是系统刚刚升级或网络中断,请刷新页面后重试。' };
  }
  return { status: '500', title: '页面出错了', detail: '页面遇到了意外错误,请返回首页或刷新后重试。' };
}

/** The route error element: a Chinese explanation and a way back, instead of a blank page. */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();
  const { status, title, detail } = describe(error);
  if (import.meta.env.DEV) console.error(error);
  return (
    <Result
      status={status === 'error' ? 'error' : status}
      title={title}
      subTitle={detail}
      extra={[
        <Button type="primary" key="home" onClick={() => navigate('/')}>
          返回首页
        </Button>,
        <Button key="reload" onClick={() => window.location.reload()}>
          刷新页面
        </Button>,
      ]}
    />
  );
}
