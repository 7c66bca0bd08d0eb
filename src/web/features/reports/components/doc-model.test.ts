import { describe, expect, it } from 'vitest';
import { factCatalogue, indexCatalogue } from '../../../../shared/fact-catalogue.js';
import type { FigureRef, Paragraph } from '../../../../shared/reports.js';
import { droppedFigures, editParagraphText, factLabel, redraftSummary, replaceFigureText, segmentParagraph, templatePlace } from './doc-model';

const fig = (id: string, text: string, start?: number): FigureRef => ({
  id,
  factKey: `k.${id}`,
  text,
  exactText: text,
  value: 0,
  recordType: 'event',
  ids: [],
  previous: null,
  ...(start === undefined ? {} : { start }),
});
const figureTexts = (p: Paragraph) =>
  segmentParagraph(p)
    .map((s) => (s.kind === 'figure' ? `[${s.text}]` : s.text))
    .join('');

const servicesList = {
  key: 'services',
  name: '科技服务台账',
  fields: [{ key: 'town', label: '所在乡镇', type: 'place' as const, unit: null, options: [], hidden: false }],
  statuses: [
    { key: 'open', label: '办理中', done: false },
    { key: 'done', label: '已办结', done: true },
  ],
  figures: [],
};

describe('where a figure sits in its paragraph', () => {
  it('is its start while the text still holds the figure there', () => {
    const p: Paragraph = { key: 'a.1', text: '培训17人，其中女性7人。', figures: [fig('f1', '7人', 10)] };
    expect(figureTexts(p)).toBe('培训17人，其中女性[7人]。');
  });

  it('is never found inside another number once the start is stale (7人 is not inside 17人)', () => {
    // The person wrote 培训17人 before the figure: its start no longer holds it.
    const p: Paragraph = { key: 'a.1', text: '培训17人，其中女性7人。', figures: [fig('f1', '7人', 2)] };
    expect(figureTexts(p)).toBe('培训17人，其中女性[7人]。');
    expect(figureTexts({ ...p, figures: [fig('f1', '7人')] })).toBe('培训17人，其中女性[7人]。');
    expect(figureTexts({ ...p, text: '培训17人。', figures: [fig('f1', '7人')] })).toBe('培训17人。');
    expect(figureTexts({ ...p, text: '资料1.5万余份。', figures: [fig('f1', '5万余份')] })).toBe('资料1.5万余份。');
    expect(figureTexts({ ...p, text: '走访十三个乡镇、三个村。', figures: [fig('f1', '三个')] })).toBe('走访十三个乡镇、[三个]村。');
  });

  it('an edit keeps a figure only where it stands alone, and moves its start', () => {
    const p: Paragraph = { key: 'a.1', text: '培训7人。', figures: [fig('f1', '7人', 2)] };
    expect(droppedFigures(p, '培训17人。').map((f) => f.id)).toEqual(['f1']);
    expect(editParagraphText(p, '培训17人。').figures).toEqual([]);
    expect(editParagraphText(p, '共培训农民7人。').figures[0].start).toBe(5);
  });

  it('switching a figure to its exact text moves the figures after it', () => {
    const p: Paragraph = { key: 'a.1', text: '资料1.5万余份，展板7块。', figures: [fig('f1', '1.5万余份', 2), fig('f2', '7块', 11)] };
    const q = replaceFigureText(p, 'f1', '15230份');
    expect(q.text).toBe('资料15230份，展板7块。');
    expect(q.figures.map((f) => q.text.slice(f.start, f.start! + f.text.length))).toEqual(['15230份', '7块']);
  });
});

describe('the document model of the summary editor', () => {
  it("names a figure's fact from the catalogue: core facts, work-list facts by stable key, one group of a groups fact", () => {
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
    expect(redraftSummary({ template: 'current', templateChanged: true, dataChanged: false })).toBe(
      '模板在起草后有修改,已按模板的当前版本重写;台账数据没有变化',
    );
    expect(redraftSummary({ template: 'report', templateChanged: true, dataChanged: true })).toBe(
      '模板在起草后有修改,本次仍按起草时的模板(要采用修改后的模板,请重新起草并选择“模板的当前版本”);台账数据有变化',
    );
    expect(redraftSummary({ template: 'report', templateChanged: false, dataChanged: true })).toBe('模板没有变化;台账数据有变化');
  });
});
