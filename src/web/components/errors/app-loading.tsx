import { Spin } from 'antd';

/** Shown while the first route's data (the signed-in user) loads. */
export function AppLoading() {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" description="正在加载…" />
    </div>
  );
}
