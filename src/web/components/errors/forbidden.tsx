import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** Shown in place of a page the user's role may not open. */
export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="没有权限"
      subTitle="您的账号没有访问此页面的权限,如有需要请联系系统管理员。"
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          返回首页
        </Button>
      }
    />
  );
}
