import { z } from 'zod';

export const ROLES = ['admin', 'leader', 'staff', 'commissioner'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  leader: '局领导',
  staff: '股室工作人员',
  commissioner: '科技特派员',
};

export const ORG_LEVELS = ['province', 'city', 'county'] as const;
export const orgLevelSchema = z.enum(ORG_LEVELS);
export type OrgLevel = z.infer<typeof orgLevelSchema>;

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
};
