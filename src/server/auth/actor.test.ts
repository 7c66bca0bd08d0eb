import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/roles.js';
import { type Actor, assertCanEditRecord, canEditRecord, readsSubtree } from './actor.js';

function actor(role: Role, sectionId: number | null = 10, orgId = 1): Actor {
  return { userId: 1, username: 'u', displayName: 'u', role, orgId, orgPath: `/${orgId}/`, sectionId, via: 'session', sessionId: null };
}

describe('record edit policy', () => {
  it('lets staff edit records of their own section and records of no section', () => {
    expect(canEditRecord(actor('staff', 10), { orgId: 1, sectionId: 10 })).toBe(true);
    expect(canEditRecord(actor('staff', 10), { orgId: 1, sectionId: null })).toBe(true);
  });

  it("refuses staff another section's record, with a Chinese message", () => {
    expect(canEditRecord(actor('staff', 10), { orgId: 1, sectionId: 11 })).toBe(false);
    expect(() => assertCanEditRecord(actor('staff', 10), { orgId: 1, sectionId: 11 })).toThrow('只能修改本股室的记录');
  });

  it('lets leaders and admins edit any record of their organisation, none of another', () => {
    for (const role of ['leader', 'admin'] as const) {
      expect(canEditRecord(actor(role), { orgId: 1, sectionId: 99 })).toBe(true);
      expect(canEditRecord(actor(role), { orgId: 2, sectionId: null })).toBe(false);
    }
  });

  it('never lets a commissioner edit through the section rule', () => {
    expect(canEditRecord(actor('commissioner', 10), { orgId: 1, sectionId: 10 })).toBe(false);
  });

  it('lets leaders read below their organisation, not staff or commissioners', () => {
    expect(readsSubtree(actor('leader'))).toBe(true);
    expect(readsSubtree(actor('staff'))).toBe(false);
    expect(readsSubtree(actor('commissioner'))).toBe(false);
  });
});
