import { ROLE_LABELS } from '../../shared/roles.js';
import { DEMO_ACCOUNTS, type DemoLoadResult } from './demo.js';

/** The demo logins, as printed at start-up. */
export function formatDemoLogins(result: Pick<DemoLoadResult, 'generatedAdminPassword' | 'demoPassword'>, adminFromEnv: boolean): string {
  const lines = ['演示账号（上犹县科技局；ganzhou 为赣州市科技局领导）：'];
  for (const a of DEMO_ACCOUNTS) {
    let password = result.demoPassword;
    if (a.role === 'admin') {
      password = result.generatedAdminPassword
        ? `${result.generatedAdminPassword}  ← 随机生成，仅显示这一次，请妥善保存`
        : adminFromEnv
          ? '（KEGUAN_ADMIN_PASSWORD 所设密码）'
          : '（首次启动时已显示；忘记可运行 npx keguan user reset-password admin）';
    }
    lines.push(`  ${a.username.padEnd(9)} 密码：${password.padEnd(12)}  ${ROLE_LABELS[a.role]} · ${a.displayName}`);
  }
  return lines.join('\n');
}
