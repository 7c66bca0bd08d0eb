import { Collapse, Flex, Typography } from 'antd';

// How a slot is written: the syntax, the period rule of the keys, and the formats a slot may carry.
// The facts themselves are listed by the catalogue panel (fact-catalogue-panel.tsx), from the server.

const FORMATS: { format: string; meaning: string; example: string }[] = [
  { format: 'exact', meaning: '写确切数字,不取约数', example: '{outreach.materials|exact} → 15230份' },
  { format: 'approx', meaning: '取约数(余、近、多)', example: '{commissioners.peopleServed|approx} → 400余人次' },
  { format: 'more:多', meaning: '约数用“多”而不用“余”', example: '{commissioners.supportAmount|more:多} → 3万多元' },
  { format: 'chinese', meaning: '用中文数字', example: '{commissioners.supportAmount|more:多|chinese} → 三万多元' },
  { format: 'unit:X', meaning: '换一个量词', example: '{list.台账标识.registered|unit:户} → 3户' },
  { format: 'each', meaning: '分组数相同时写“各”', example: '{projects.appliedPrograms|each} → 甲类和乙类各1项' },
  { format: 'list', meaning: '逐组列出数目', example: '{projects.approvedByLevel|list} → 国家级1项、市级2项' },
  {
    format: 'nest:X',
    meaning: '每组再按另一维度分开(field 领域、level 级别、program 计划类别)',
    example: '{projects.approvedByLevel|suffix:项目|nest:field} → 市级项目5项(工业3项、农业2项)',
  },
  { format: 'suffix:X', meaning: '每个名称后加上文字', example: '{projects.appliedPrograms|suffix:项目|each}' },
  { format: 'quote', meaning: '名称加引号', example: '{events.sentTrainingNames|quote} → “…培训班”' },
  {
    format: 'listed:X',
    meaning: '名称逐个写出时在后面加上文字(名称超过8个时写作个数)',
    example: '{outreach.departments|listed:等部门} → 林业、农业等部门 / 12个部门',
  },
  { format: 'share:另一占位', meaning: '写成“共几中已有几”', example: '{list.台账标识.itemsAtEnd|unit:户|share:list.台账标识.doneAtEnd} → 4户中已有2户' },
];

const code = { fontSize: 12 };

/** 占位写法: the slot syntax, the period rule of keys, and the formats (the facts are in the catalogue panel). */
export function SlotHelp() {
  return (
    <Collapse
      size="small"
      data-testid="slot-help"
      items={[
        {
          key: 'syntax',
          label: '占位写法与格式',
          children: (
            <Flex vertical gap={6}>
              <Typography.Paragraph style={{ fontSize: 12, marginBottom: 4 }}>
                句式中用{' '}
                <Typography.Text code style={code}>
                  {'{占位名}'}
                </Typography.Text>{' '}
                或{' '}
                <Typography.Text code style={code}>
                  {'{占位名|格式|格式…}'}
                </Typography.Text>{' '}
                写入统计数据;分组数据可用{' '}
                <Typography.Text code style={code}>
                  {'{占位名.组名}'}
                </Typography.Text>{' '}
                写其中一组(如{' '}
                <Typography.Text code style={code}>
                  {'{projects.approvedByLevel.市级}'}
                </Typography.Text>
                )。起草时,一句中只要有一个数字为零或没有数据,整句就不写入。
              </Typography.Paragraph>
              <Typography.Paragraph style={{ fontSize: 12, marginBottom: 4 }}>
                不带后缀的占位说的是期间内发生的事(期内登记、立项、举办、完成);以{' '}
                <Typography.Text code style={code}>
                  AtEnd
                </Typography.Text>{' '}
                结尾的说的是期末那一天的状态(标“期末”)。只用期内的占位,没有记录的期间就不会写出以前的工作。
              </Typography.Paragraph>
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
      ]}
    />
  );
}
