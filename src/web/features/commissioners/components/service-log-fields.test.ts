import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { ServiceLog } from '../../../../shared/commissioners.js';
import { serviceLogInitialValues, toServiceLogInput } from './service-log-fields';

// The service-log form's mapping: a stored log → the form's values → what is sent back.

const log: ServiceLog = {
  id: 7,
  version: 3,
  commissionerId: 2,
  commissionerName: '黄永清',
  logDate: '2014-03-15',
  placeId: 11,
  placeName: '元鱼村',
  townId: 10,
  townName: '东山镇',
  enterpriseId: 5,
  enterpriseName: '元鱼村蔬菜合作社',
  kind: '技术指导',
  content: '指导茶园春季修剪与施肥',
  peopleServed: 20,
  problemsSolved: null,
  newTechniques: '茶树新品种',
  files: [
    { id: 41, name: '现场.png', mimeType: 'image/png', size: 1200 },
    { id: 42, name: '签到表.pdf', mimeType: 'application/pdf', size: 5300 },
  ],
  confirmedAt: null,
  confirmedByName: null,
  createdByName: '王丽',
  createdAt: '2014-03-15T08:00:00.000Z',
  updatedAt: '2014-03-15T08:00:00.000Z',
  policies: { update: true, delete: true, confirm: false },
};

describe('the service-log form', () => {
  it('sends back a stored log unchanged when nothing is edited', () => {
    expect(toServiceLogInput(serviceLogInitialValues(log))).toEqual({
      logDate: '2014-03-15',
      placeId: 11,
      enterpriseId: 5,
      kind: '技术指导',
      content: '指导茶园春季修剪与施肥',
      peopleServed: 20,
      problemsSolved: null,
      newTechniques: '茶树新品种',
      fileIds: [41, 42],
    });
  });

  it('trims the text, sends cleared inputs as null, and leaves out a file still uploading', () => {
    const values = {
      ...serviceLogInitialValues(log),
      placeId: undefined,
      content: '  补充：病虫害防治 ',
      peopleServed: undefined,
      problemsSolved: '   ',
      newTechniques: '',
    };
    values.files = [...values.files!, { uid: 'new', name: '上传中.png', status: 'uploading' }];
    expect(toServiceLogInput(values)).toMatchObject({
      placeId: null,
      content: '补充：病虫害防治',
      peopleServed: null,
      problemsSolved: null,
      newTechniques: null,
      fileIds: [41, 42],
    });
  });

  it('starts a new log today with no files, taking what the page presets', () => {
    const values = serviceLogInitialValues(null, { commissionerId: 2, placeId: 10 });
    expect(values.logDate.format('YYYY-MM-DD')).toBe(dayjs().format('YYYY-MM-DD'));
    expect(values).toMatchObject({ commissionerId: 2, placeId: 10, files: [] });
  });
});
