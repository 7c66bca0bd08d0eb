import type { ComponentType, ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  KeyOutlined,
  LockOutlined,
  PlusCircleOutlined,
  ProjectOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '../../shared/roles.js';

/** One page of the app: its route, its menu entry and who may open it. */
export interface NavPage {
  /** Absolute path; '/' is the home page. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** Roles that may open the page; every signed-in user when omitted. */
  roles?: readonly Role[];
  /** Kept out of the side menu (reached from the user menu or from links). */
  hidden?: boolean;
  /** A one-line description, shown under 快捷入口 on the home page. */
  description?: string;
  load: () => Promise<ComponentType>;
}

export interface NavGroup {
  key: string;
  label: string;
  icon?: ReactNode;
  children: NavPage[];
}

export type NavEntry = NavPage | NavGroup;

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'children' in entry;

/** The typed ledgers are kept by the bureau's own people; commissioners keep only their own logs. */
const LEDGER_ROLES: readonly Role[] = ['admin', 'leader', 'staff'];

// The single list the router and the side menu are built from. A new ledger adds one entry
// (or a group) here; its page is loaded on first visit.
export const NAVIGATION: NavEntry[] = [
  {
    path: '/',
    label: '首页',
    icon: <HomeOutlined />,
    load: () => import('./routes/home').then((m) => m.HomePage),
  },
  {
    key: 'projects',
    label: '项目管理',
    icon: <ProjectOutlined />,
    children: [
      {
        path: '/projects',
        label: '项目库',
        icon: <FundProjectionScreenOutlined />,
        roles: LEDGER_ROLES,
        description: '线索、储备、申报、立项、实施、验收,各阶段项目一览',
        load: () => import('../features/projects/components/projects-page').then((m) => m.ProjectsPage),
      },
      {
        path: '/enterprises',
        label: '企业与基地',
        icon: <ShopOutlined />,
        roles: LEDGER_ROLES,
        description: '项目申报单位与调研对象:企业、示范基地、合作社',
        load: () => import('../features/enterprises/components/enterprises-page').then((m) => m.EnterprisesPage),
      },
      {
        path: '/visits',
        label: '调研记录',
        icon: <FileSearchOutlined />,
        roles: LEDGER_ROLES,
        description: '深入企业、基地的调研及发现的项目线索',
        load: () => import('../features/visits/components/visits-page').then((m) => m.VisitsPage),
      },
      {
        path: '/projects/new',
        label: '新建项目',
        icon: <PlusCircleOutlined />,
        hidden: true,
        roles: LEDGER_ROLES,
        description: '登记调研中发现的项目线索,或录入储备、申报中的项目',
        load: () => import('../features/projects/components/project-form-page').then((m) => m.ProjectFormPage),
      },
      {
        path: '/projects/:id',
        label: '项目详情',
        hidden: true,
        roles: LEDGER_ROLES,
        load: () => import('../features/projects/components/project-detail-page').then((m) => m.ProjectDetailPage),
      },
      {
        path: '/projects/:id/edit',
        label: '编辑项目',
        hidden: true,
        roles: LEDGER_ROLES,
        load: () => import('../features/projects/components/project-form-page').then((m) => m.ProjectFormPage),
      },
      {
        path: '/enterprises/:id',
        label: '企业详情',
        hidden: true,
        roles: LEDGER_ROLES,
        load: () => import('../features/enterprises/components/enterprise-detail-page').then((m) => m.EnterpriseDetailPage),
      },
      {
        path: '/visits/:id',
        label: '调研详情',
        hidden: true,
        roles: LEDGER_ROLES,
        load: () => import('../features/visits/components/visit-detail-page').then((m) => m.VisitDetailPage),
      },
    ],
  },
  {
    key: 'admin',
    label: '系统管理',
    icon: <SettingOutlined />,
    children: [
      {
        path: '/admin/users',
        label: '用户管理',
        icon: <TeamOutlined />,
        roles: ['admin'],
        description: '账号、角色、所属股室,重置密码与解锁',
        load: () => import('../features/users/components/users-page').then((m) => m.UsersPage),
      },
      {
        path: '/admin/sections',
        label: '股室',
        icon: <ApartmentOutlined />,
        roles: ['admin'],
        description: '局内股室的设置与排序',
        load: () => import('../features/sections/components/sections-page').then((m) => m.SectionsPage),
      },
      {
        path: '/admin/places',
        label: '地名',
        icon: <EnvironmentOutlined />,
        roles: ['admin'],
        description: '县、乡镇、村/社区及区划代码',
        load: () => import('../features/places/components/places-page').then((m) => m.PlacesPage),
      },
      {
        path: '/admin/departments',
        label: '县直部门',
        icon: <BankOutlined />,
        roles: ['admin'],
        description: '参与活动的县直部门名录',
        load: () => import('../features/departments/components/departments-page').then((m) => m.DepartmentsPage),
      },
      {
        path: '/admin/dictionaries',
        label: '数据字典',
        icon: <BookOutlined />,
        roles: ['admin'],
        description: '各台账使用的选项列表',
        load: () => import('../features/dictionaries/components/dictionaries-page').then((m) => m.DictionariesPage),
      },
      {
        path: '/admin/audit',
        label: '操作日志',
        icon: <AuditOutlined />,
        roles: ['admin', 'leader'],
        description: '谁在何时新增、修改、删除了哪些记录',
        load: () => import('../features/audit/components/audit-page').then((m) => m.AuditPage),
      },
    ],
  },
  {
    path: '/account/password',
    label: '修改密码',
    icon: <LockOutlined />,
    hidden: true,
    description: '修改自己的登录密码',
    load: () => import('../features/account/components/change-password-page').then((m) => m.ChangePasswordPage),
  },
  {
    path: '/account/tokens',
    label: 'API令牌',
    icon: <KeyOutlined />,
    hidden: true,
    description: '供脚本和其他系统调用接口的令牌',
    load: () => import('../features/account/components/api-tokens-page').then((m) => m.ApiTokensPage),
  },
];

/** Every page, groups flattened, in menu order. */
export function allPages(entries: NavEntry[] = NAVIGATION): NavPage[] {
  return entries.flatMap((e) => (isNavGroup(e) ? e.children : [e]));
}
