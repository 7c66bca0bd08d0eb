import { describe, expect, it } from 'vitest';
import { levelBelow, orgTree, suggestOrgName } from './orgs.js';

describe('orgTree', () => {
  it('nests by parent in list order; an organisation whose parent is not listed is a root; leaves have no children', () => {
    const tree = orgTree([
      { id: 4, parentId: 1, name: '市' },
      { id: 7, parentId: 4, name: '县甲' },
      { id: 5, parentId: 4, name: '县乙' },
      { id: 9, parentId: 2, name: '别处' },
    ]);
    expect(tree).toEqual([
      {
        id: 4,
        parentId: 1,
        name: '市',
        children: [
          { id: 7, parentId: 4, name: '县甲' },
          { id: 5, parentId: 4, name: '县乙' },
        ],
      },
      { id: 9, parentId: 2, name: '别处' },
    ]);
    expect(orgTree([])).toEqual([]);
  });
});

describe('names and levels of new organisations', () => {
  it('suggests 科学技术局 for a city or county and 科学技术厅 for a province', () => {
    expect(suggestOrgName({ name: '浏阳市', level: 'county' })).toBe('浏阳市科学技术局');
    expect(suggestOrgName({ name: '长沙市', level: 'city' })).toBe('长沙市科学技术局');
    expect(suggestOrgName({ name: '湖南省', level: 'province' })).toBe('湖南省科学技术厅');
  });

  it('puts a city below a province, a county below a city, nothing below a county', () => {
    expect(levelBelow('province')).toBe('city');
    expect(levelBelow('city')).toBe('county');
    expect(levelBelow('county')).toBeNull();
  });
});
