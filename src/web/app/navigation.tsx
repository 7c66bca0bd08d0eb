import type { ComponentType, ReactNode } from 'react';
import {
  ApartmentOutlined,
  CalendarOutlined,
  EditOutlined,
  ExperimentOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  FileSearchOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  LockOutlined,
  PlusCircleOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SettingOutlined,
  ShopOutlined,
  SoundOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { MePolicy } from '../../shared/policies.js';

/** One page of the app: its route, its menu entry and who may open it. */
export interface NavPage {
  /** Absolute path; '/' is the home page. */
  path: string;
  label: string;
  icon?: ReactNode;
  /** The user's app-wide policy (GET /api/auth/me) that opens the page; every signed-in user when omitted. */
  allows?: MePolicy;
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
    // A commissioner's whole app, made for the phone: their own service logs.
    path: '/my/logs',
    label: '我的服务日志',
    icon: <EditOutlined />,
    allows: 'keepOwnLogs',
    description: '在服务现场用手机记一笔:地点、内容、服务人次、照片',
    load: () => import('../features/commissioners/components/my-logs-page').then((m) => m.MyLogsPage),
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
        allows: 'readLedgers',
        description: '线索、储备、申报、立项、实施、验收,各阶段项目一览',
        load: () => import('../features/projects/components/projects-page').then((m) => m.ProjectsPage),
      },
      {
        path: '/enterprises',
        label: '企业与基地',
        icon: <ShopOutlined />,
        allows: 'readLedgers',
        description: '项目申报单位与调研对象:企业、示范基地、合作社',
        load: () => import('../features/enterprises/components/enterprises-page').then((m) => m.EnterprisesPage),
      },
      {
        path: '/visits',
        label: '调研记录',
        icon: <FileSearchOutlined />,
        allows: 'readLedgers',
        description: '深入企业、基地的调研及发现的项目线索',
        load: () => import('../features/visits/components/visits-page').then((m) => m.VisitsPage),
      },
      {
        path: '/projects/new',
        label: '新建项目',
        icon: <PlusCircleOutlined />,
        hidden: true,
        allows: 'readLedgers',
        description: '登记调研中发现的项目线索,或录入储备、申报中的项目',
        load: () => import('../features/projects/components/project-form-page').then((m) => m.ProjectFormPage),
      },
      {
        path: '/projects/:id',
        label: '项目详情',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/projects/components/project-detail-page').then((m) => m.ProjectDetailPage),
      },
      {
        path: '/projects/:id/edit',
        label: '编辑项目',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/projects/components/project-form-page').then((m) => m.ProjectFormPage),
      },
      {
        path: '/enterprises/:id',
        label: '企业详情',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/enterprises/components/enterprise-detail-page').then((m) => m.EnterpriseDetailPage),
      },
      {
        path: '/visits/:id',
        label: '调研详情',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/visits/components/visit-detail-page').then((m) => m.VisitDetailPage),
      },
    ],
  },
  {
    key: 'outreach',
    label: '科技宣传',
    icon: <SoundOutlined />,
    children: [
      {
        path: '/events',
        label: '活动',
        icon: <CalendarOutlined />,
        allows: 'readLedgers',
        description: '科技三下乡、科技活动周、培训等活动,及资料、展板、咨询人次合计',
        load: () => import('../features/events/components/events-page').then((m) => m.EventsPage),
      },
      {
        path: '/events/:id',
        label: '活动详情',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/events/components/event-detail-page').then((m) => m.EventDetailPage),
      },
    ],
  },
  {
    key: 'commissioners',
    label: '科技特派员',
    icon: <ExperimentOutlined />,
    children: [
      {
        path: '/commissioners',
        label: '特派员名册',
        icon: <IdcardOutlined />,
        allows: 'readLedgers',
        description: '派出单位、专业特长、服务地点、任期,支持与年度考核',
        load: () => import('../features/commissioners/components/commissioners-page').then((m) => m.CommissionersPage),
      },
      {
        path: '/service-logs',
        label: '服务日志',
        icon: <SolutionOutlined />,
        allows: 'readLedgers',
        description: '特派员的服务记录,局领导审核',
        load: () => import('../features/commissioners/components/service-logs-page').then((m) => m.ServiceLogsPage),
      },
      {
        path: '/commissioners/:id',
        label: '特派员档案',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/commissioners/components/commissioner-detail-page').then((m) => m.CommissionerDetailPage),
      },
    ],
  },
  {
    key: 'worklists',
    label: '工作台账',
    icon: <ProfileOutlined />,
    children: [
      {
        path: '/worklists',
        label: '全部台账',
        icon: <UnorderedListOutlined />,
        allows: 'readLedgers',
        description: '整改台账、包干户、民情台账、统计报送等自定义台账,逾期事项一目了然',
        load: () => import('../features/worklists/components/worklists-page').then((m) => m.WorklistsPage),
      },
      {
        path: '/worklists/new',
        label: '新建台账',
        icon: <PlusCircleOutlined />,
        hidden: true,
        allows: 'designWorklists',
        description: '设置新台账的字段、状态和可统计项',
        load: () => import('../features/worklists/components/worklist-designer-page').then((m) => m.WorklistDesignerPage),
      },
      {
        path: '/worklists/:id',
        label: '台账条目',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/worklists/components/worklist-items-page').then((m) => m.WorklistItemsPage),
      },
      {
        path: '/worklists/:id/design',
        label: '设计台账',
        hidden: true,
        allows: 'designWorklists',
        load: () => import('../features/worklists/components/worklist-designer-page').then((m) => m.WorklistDesignerPage),
      },
      {
        path: '/worklist-items/:id',
        label: '条目详情',
        hidden: true,
        allows: 'readLedgers',
        load: () => import('../features/worklists/components/item-detail-page').then((m) => m.ItemDetailPage),
      },
    ],
  },
  {
    path: '/reports',
    label: '工作总结',
    icon: <EditOutlined />,
    allows: 'readLedgers',
    description: '按期间从台账起草工作总结,数字可溯源,修改留版本,导出 Word',
    load: () => import('../features/reports/components/reports-page').then((m) => m.ReportsPage),
  },
  {
    path: '/reports/templates',
    label: '总结模板',
    icon: <ProfileOutlined />,
    hidden: true,
    allows: 'editTemplates',
    description: '总结的段落、句式和数据占位',
    load: () => import('../features/reports/components/templates-page').then((m) => m.TemplatesPage),
  },
  {
    path: '/reports/:id',
    label: '工作总结',
    hidden: true,
    allows: 'readLedgers',
    load: () => import('../features/reports/components/report-editor-page').then((m) => m.ReportEditorPage),
  },
  {
    path: '/reports/:id/print',
    label: '打印工作总结',
    hidden: true,
    allows: 'readLedgers',
    load: () => import('../features/reports/components/print-page').then((m) => m.PrintPage),
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
        allows: 'manageUsers',
        description: '账号、角色、所属股室,重置密码与解锁',
        load: () => import('../features/users/components/users-page').then((m) => m.UsersPage),
      },
      {
        path: '/admin/orgs',
        label: '单位',
        icon: <ClusterOutlined />,
        allows: 'manageOrgs',
        description: '本单位及下级单位：新建、改名、停用',
        load: () => import('../features/orgs/components/orgs-page').then((m) => m.OrgsPage),
      },
      {
        path: '/admin/sections',
        label: '股室',
        icon: <ApartmentOutlined />,
        allows: 'manageReference',
        description: '局内股室的设置与排序',
        load: () => import('../features/sections/components/sections-page').then((m) => m.SectionsPage),
      },
      {
        path: '/admin/places',
        label: '地名',
        icon: <EnvironmentOutlined />,
        allows: 'manageReference',
        description: '县、乡镇、村/社区及区划代码',
        load: () => import('../features/places/components/places-page').then((m) => m.PlacesPage),
      },
      {
        path: '/admin/departments',
        label: '县直部门',
        icon: <BankOutlined />,
        allows: 'manageReference',
        description: '参与活动的县直部门名录',
        load: () => import('../features/departments/components/departments-page').then((m) => m.DepartmentsPage),
      },
      {
        path: '/admin/dictionaries',
        label: '数据字典',
        icon: <BookOutlined />,
        allows: 'manageReference',
        description: '各台账使用的选项列表',
        load: () => import('../features/dictionaries/components/dictionaries-page').then((m) => m.DictionariesPage),
      },
      {
        path: '/admin/audit',
        label: '操作日志',
        icon: <AuditOutlined />,
        allows: 'readAudit',
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
