import { describe, expect, it } from 'vitest';
import { factCatalogue, indexCatalogue } from '../../../../shared/fact-catalogue.js';
import { factLabel, redraftSummary, templatePlace } from './doc-model';

const servicesList = {
  key: 'services',
  name: '科技服务台账',
  fields: [{ key: 'town', label: '所在乡镇', type: 'place' as const, unit: null, options: [], hidden: false }],
  statuses: [{ key: 'open', label: '办理中', done: false }, { key: 'done', label: '已办结', done: true }],
  figures: [],
};

describe('the document model of the summary editor', () => {
  it('names a figure\'s fact from the catalogue: core facts, work-list facts by stable key, one group of a groups fact', () => {
    expect(factLabel('outreach.materials')).toBe('发放资料');
    expect(factLabel('events.trainees')).toBe('培训人次');
    expect(factLabel('projects.approvedByLevel.市级')).toBe('立项项目按级别(市级)');
    // Without the bureau's catalogue a work-list key is shown as it is; with it, by the list's name.
    expect(factLabel('list.services.registered')).toBe('list.services.registered');
    const bureau = indexCatalogue(factCatalogue([servicesList]));
    expect(factLabel('list.services.registered', bureau)).toBe('科技服务台账:期内登记');
    expect(factLabel('list.services.field.town', bureau)).toBe('科技服务台账:所在乡镇');
    expect(factLabel('list.services.status.doneAtEnd', bureau)).toBe('科技服务台账:期末已办结');
    expect(factLabel('list.services.registeredInPeriod', bureau)).toBe('list.services.registeredInPeriod');
  });

  it('says where in the template a draft warning points', () => {
    expect(templatePlace('title')).toBe('标题');
    expect(templatePlace('opening')).toBe('开头段');
    expect(templatePlace('sections.1.sentences.2')).toBe('第2段第3句');
    expect(templatePlace('sections.0.heading')).toBe('第1段');
    expect(templatePlace('plan.listKey')).toBe('工作计划段');
  });

  it('says what a redraft found changed: template, data, both or neither', () => {
    expect(redraftSummary({ template: 'report', templateChanged: false, dataChanged: false })).toBe('台账数据和模板都没有变化');
    expect(redraftSummary({ template: 'current', templateChanged: false, dataChanged: false })).toBe('台账数据和模板都没有变化');
    expect(redraftSummary({ template: 'current', templateChanged: true, dataChanged: false })).toBe('模板在起草后有修改,已按模板的当前版本重写;台账数据没有变化');
    expect(redraftSummary({ template: 'report', templateChanged: true, dataChanged: true })).toBe(
      '模板在起草后有修改,本次仍按起草时的模板(要采用修改后的模板,请重新起草并选择“模板的当前版本”);台账数据有变化',
    );
    expect(redraftSummary({ template: 'report', templateChanged: false, dataChanged: true })).toBe('模板没有变化;台账数据有变化');
  });
});
