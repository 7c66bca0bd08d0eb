import { useEffect, useMemo, useRef, useState } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Spin, Typography, type MenuProps } from 'antd';
import { DownOutlined, KeyOutlined, LockOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useLocation, useMatches, useNavigate, useNavigation } from 'react-router';
import type { Me } from '../../shared/auth.js';
import { ROLE_LABELS } from '../../shared/roles.js';
import { Forbidden } from '../components/errors/forbidden';
import { SearchBox } from '../features/search/components/search-box';
import { loginPath, mayOpen, meQueryOptions, useLogout } from '../lib/auth';
import { NAVIGATION, allPages, isNavGroup, type NavEntry } from './navigation';
import { PagesContext } from './pages-context';
import type { RouteHandle } from './route-handle';

const { Header, Sider, Content } = Layout;
const CHANGE_PASSWORD_PATH = '/account/password';
/** Every page, for the pages that link to others (the home page's shortcuts). */
const PAGES = allPages();

type MenuItem = Required<MenuProps>['items'][number];

/** The side menu for this user: hidden pages left out, groups shown only when they hold a visible page. */
function menuItems(entries: NavEntry[], user: Me): MenuItem[] {
  const items: MenuItem[] = [];
  for (const entry of entries) {
    if (isNavGroup(entry)) {
      const children = entry.children
        .filter((p) => !p.hidden && mayOpen(user, p.allows))
        .map((p) => ({ key: p.path, icon: p.icon, label: <Link to={p.path}>{p.label}</Link> }));
      if (children.length > 0) items.push({ key: entry.key, icon: entry.icon, label: entry.label, children });
    } else if (!entry.hidden && mayOpen(user, entry.allows)) {
      items.push({ key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{entry.label}</Link> });
    }
  }
  return items;
}

/**
 * The menu key of the page at `pathname`: the longest menu page path it starts with. Hidden pages
 * have no menu item, so /projects/new highlights 项目库 and /events/5 highlights 活动.
 */
function selectedKey(pathname: string): { page: string | undefined; group: string | undefined } {
  let best: { page: string; group: string | undefined } | undefined;
  for (const entry of NAVIGATION) {
    const pages = isNavGroup(entry) ? entry.children.map((p) => ({ p, g: entry.key })) : [{ p: entry, g: undefined }];
    for (const { p, g } of pages) {
      if (p.hidden) continue;
      const matches = p.path === '/' ? pathname === '/' : pathname === p.path || pathname.startsWith(`${p.path}/`);
      if (matches && (!best || p.path.length > best.page.length)) best = { page: p.path, group: g };
    }
  }
  return { page: best?.page, group: best?.group };
}

/** The signed-in frame: header with the organisation and user menu, side menu, and the page. */
export function AppLayout() {
  const { data: user } = useQuery(meQueryOptions());
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const matches = useMatches();
  const logout = useLogout();
  const loggingOut = useRef(false);

  const handle = [...matches].reverse().find((m) => (m.handle as RouteHandle | undefined)?.title)?.handle as RouteHandle | undefined;
  const requiredPolicy = matches.map((m) => (m.handle as RouteHandle | undefined)?.allows).find(Boolean);

  useEffect(() => {
    document.title = handle?.title && handle.title !== '首页' ? `${handle.title} - 科管` : '科管';
  }, [handle?.title]);

  const { page: currentKey, group: currentGroup } = selectedKey(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(currentGroup ? [currentGroup] : []);
  useEffect(() => {
    if (currentGroup) setOpenKeys((keys) => (keys.includes(currentGroup) ? keys : [...keys, currentGroup]));
  }, [currentGroup]);

  const items = useMemo(() => (user ? menuItems(NAVIGATION, user) : []), [user]);

  // Below antd's lg breakpoint (a phone, a narrow window) the side menu folds away entirely and
  // opens over the page from a button in the header, so pages get the full width.
  const [narrow, setNarrow] = useState(() => window.matchMedia?.('(max-width: 991.98px)').matches ?? false);
  const [menuOpen, setMenuOpen] = useState(false);
  // Wide screens keep antd's own folding to icons (the trigger at the menu's foot).
  const [folded, setFolded] = useState(false);
  useEffect(() => setMenuOpen(false), [location.pathname]);

  if (!user) {
    // The session ended (a 401 somewhere, or 退出登录): back to login, remembering where we were.
    return <Navigate to={loggingOut.current ? '/login' : loginPath(location.pathname + location.search)} replace />;
  }
  if (user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    // The server answers nothing else until the password is changed.
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <LockOutlined />, label: '修改密码' },
      { key: 'tokens', icon: <KeyOutlined />, label: 'API令牌' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/account/password');
      else if (key === 'tokens') navigate('/account/tokens');
      else if (key === 'logout') {
        loggingOut.current = true;
        logout.mutate();
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: narrow ? 8 : 16,
          paddingInline: narrow ? 8 : undefined,
        }}
      >
        {narrow ? (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
            onClick={() => setMenuOpen((open) => !open)}
            aria-label={menuOpen ? '收起菜单' : '打开菜单'}
            aria-expanded={menuOpen}
            data-testid="menu-toggle"
            style={{ flex: 'none' }}
          />
        ) : null}
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: narrow ? 8 : 12, minWidth: 0, flex: '1 1 auto' }}>
          <span
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              justifyContent: 'center',
              width: 32,
              height: 32,
              borderRadius: 6,
              background: '#fff',
              color: '#1f4e99',
              fontWeight: 700,
              flex: 'none',
            }}
          >
            科
          </span>
          <Typography.Text
            style={{ color: '#fff', fontSize: narrow ? 16 : 17, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            data-testid="org-name"
          >
            {user.org.name}
          </Typography.Text>
          <Typography.Text style={{ color: 'rgba(255,255,255,0.7)', whiteSpace: 'nowrap' }} className="app-product">
            科管 · 科技局台账与工作总结系统
          </Typography.Text>
        </Link>
        <SearchBox width={narrow ? 140 : 280} />
        <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
          <a
            onClick={(e) => e.preventDefault()}
            data-testid="user-menu"
            style={{ color: '#fff', display: 'flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap' }}
            href="#"
          >
            <Avatar size="small" icon={<UserOutlined />} style={{ background: 'rgba(255,255,255,0.25)' }} />
            <span style={{ maxWidth: narrow ? 96 : undefined, overflow: 'hidden', textOverflow: 'ellipsis' }}>{user.displayName}</span>
            {narrow ? null : <span style={{ color: 'rgba(255,255,255,0.7)' }}>{ROLE_LABELS[user.role]}</span>}
            <DownOutlined style={{ fontSize: 10 }} />
          </a>
        </Dropdown>
      </Header>
      <Layout style={{ position: 'relative' }}>
        <Sider
          width={208}
          breakpoint="lg"
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setMenuOpen(false);
          }}
          collapsible={!narrow}
          collapsed={narrow ? !menuOpen : folded}
          onCollapse={(value, type) => {
            if (type === 'clickTrigger') setFolded(value);
          }}
          collapsedWidth={narrow ? 0 : 80}
          trigger={narrow ? null : undefined}
          theme="light"
          style={
            narrow
              ? {
                  position: 'absolute',
                  top: 0,
                  bottom: 0,
                  left: 0,
                  zIndex: 20,
                  borderRight: menuOpen ? '1px solid #e8ecf2' : 'none',
                  boxShadow: menuOpen ? '2px 0 8px rgba(0,0,0,0.15)' : 'none',
                }
              : { borderRight: '1px solid #e8ecf2' }
          }
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={currentKey ? [currentKey] : []}
            // A folded-away menu would show its open group as a floating popup: none while hidden.
            openKeys={narrow && !menuOpen ? [] : openKeys}
            onOpenChange={(keys) => {
              if (!narrow || menuOpen) setOpenKeys(keys);
            }}
            onClick={() => setMenuOpen(false)}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
          />
        </Sider>
        {narrow && menuOpen ? (
          <div onClick={() => setMenuOpen(false)} style={{ position: 'absolute', inset: 0, zIndex: 10, background: 'rgba(0,0,0,0.25)' }} aria-hidden />
        ) : null}
        <Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Spin spinning={navigation.state === 'loading'} delay={200}>
            <PagesContext value={PAGES}>{!mayOpen(user, requiredPolicy) ? <Forbidden /> : <Outlet />}</PagesContext>
          </Spin>
        </Content>
      </Layout>
    </Layout>
  );
}
