import { Card, Collapse, Empty, Flex, Typography } from 'antd';
import type { TemplateDefinition } from '../../../../shared/reports.js';
import { factLabel } from './doc-model';

const FORMATS: { format: string; meaning: string; example: string }[] = [
  { format: 'exact', meaning: '写确切数字,不取约数', example: '{outreach.materials|exact} → 15230份' },
  { format: 'approx', meaning: '取约数(余、近、多)', example: '{commissioners.peopleServed|approx} → 400余人次' },
  { format: 'unit:X', meaning: '台账条目计数的单位', example: '{list.民情台账.itemsAtEnd|unit:户} → 3户' },
  { format: 'money', meaning: '按金额写(元、万元;以元计的数据默认如此)', example: '{list.为民实事.figure.money} → 3万余元' },
  { format: 'more:多', meaning: '约数用“多”而不用“余”', example: '…|more:多 → 3万多元' },
  { format: 'chinese', meaning: '用中文数字', example: '{list.为民实事.figure.money|more:多|chinese} → 三万多元' },
  { format: 'each', meaning: '分组数相同时写“各”', example: '{projects.appliedPrograms|each} → A和B各1项' },
  { format: 'list', meaning: '逐组列出数目', example: '{projects.appliedLevels|list} → 国家级1项、省级2项' },
  { format: 'suffix:X', meaning: '每个名称后加上文字', example: '{projects.appliedPrograms|suffix:项目|each}' },
  { format: 'quote', meaning: '名称加引号', example: '{events.sentTrainingNames|quote} → “…培训班”' },
  { format: 'share:otherKey', meaning: '写成“共几中已有几”', example: '{list.征收包干.itemsAtEnd|unit:户|share:list.征收包干.doneAtEnd} → 4户中已有2户' },
];

const LIST_PATTERNS: { key: string; meaning: string }[] = [
  { key: 'list.台账名.itemsAtEnd', meaning: '期末条目数' },
  { key: 'list.台账名.registeredInPeriod', meaning: '期内登记数' },
  { key: 'list.台账名.doneAtEnd', meaning: '期末已完成数' },
  { key: 'list.台账名.closedInPeriod', meaning: '期内销号数' },
  { key: 'list.台账名.overdueAtEnd', meaning: '期末逾期数' },
  { key: 'list.台账名.doneNames', meaning: '已完成事项的名称' },
  { key: 'list.台账名.status.状态', meaning: '期末处于某状态的条目数' },
  { key: 'list.台账名.figure.统计项', meaning: '台账定义的统计项(合计、分组)' },
];

const SLOT = /\{([^{}]+)\}/g;

/** The slots the default template uses, each with the first sentence it appears in. */
function slotsOf(def: TemplateDefinition | undefined): { slot: string; key: string; example: string }[] {
  if (!def) return [];
  const patterns = [def.title, def.opening, ...def.sections.flatMap((s) => s.sentences)];
  const seen = new Map<string, { slot: string; key: string; example: string }>();
  for (const pattern of patterns) {
    for (const m of pattern.matchAll(SLOT)) {
      const key = m[1].split('|')[0].trim();
      if (!seen.has(key)) seen.set(key, { slot: m[0], key, example: pattern });
    }
  }
  return [...seen.values()];
}

/** Around a slot, a short piece of the sentence it appears in. */
function excerpt(sentence: string, slot: string): string {
  const at = sentence.indexOf(slot);
  const start = Math.max(0, at - 14);
  const end = Math.min(sentence.length, at + slot.length + 10);
  return `${start > 0 ? '…' : ''}${sentence.slice(start, end)}${end < sentence.length ? '…' : ''}`;
}

const code = { fontSize: 12 };

/** 占位参考: the slot syntax, its formats, and the slots the default template uses. */
export function SlotHelp({ defaultDefinition }: { defaultDefinition: TemplateDefinition | undefined }) {
  const slots = slotsOf(defaultDefinition);
  return (
    <Card title="占位参考" size="small" data-testid="slot-help">
      <Typography.Paragraph style={{ fontSize: 13 }}>
        句式中用 <Typography.Text code>{'{key}'}</Typography.Text> 或{' '}
        <Typography.Text code>{'{key|格式|格式…}'}</Typography.Text> 写入统计数据。起草时,一句中只要有一个数字为零或没有数据,整句就不写入。
      </Typography.Paragraph>
      <Collapse
        size="small"
        defaultActiveKey={['slots']}
        items={[
          {
            key: 'slots',
            label: `默认模板中的占位(${slots.length})`,
            children: slots.length ? (
              <Flex vertical gap={8} style={{ maxHeight: 420, overflow: 'auto' }}>
                {slots.map((s) => (
                  <div key={s.key}>
                    <Typography.Text code copyable={{ text: `{${s.key}}` }} style={code}>
                      {`{${s.key}}`}
                    </Typography.Text>{' '}
                    <Typography.Text style={{ fontSize: 12 }}>{factLabel(s.key)}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {excerpt(s.example, s.slot)}
                      </Typography.Text>
                    </div>
                  </div>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="默认模板尚未加载" />
            ),
          },
          {
            key: 'formats',
            label: '格式',
            children: (
              <Flex vertical gap={6}>
                {FORMATS.map((f) => (
                  <div key={f.format} style={{ fontSize: 12 }}>
                    <Typography.Text code style={code}>
                      {f.format}
                    </Typography.Text>{' '}
                    {f.meaning}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {f.example}
                      </Typography.Text>
                    </div>
                  </div>
                ))}
              </Flex>
            ),
          },
          {
            key: 'lists',
            label: '自定义台账的数据',
            children: (
              <Flex vertical gap={6}>
                {LIST_PATTERNS.map((p) => (
                  <div key={p.key} style={{ fontSize: 12 }}>
                    <Typography.Text code style={code}>{`{${p.key}}`}</Typography.Text> {p.meaning}
                  </div>
                ))}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  “台账名”换成工作台账的名称,如 {'{list.整改台账.doneAtEnd|unit:项}'}。写好后点“检查”,不对应统计数据的占位会标在句式下方。
                </Typography.Text>
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
