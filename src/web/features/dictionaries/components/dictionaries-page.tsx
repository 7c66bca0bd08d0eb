import { useEffect, useState } from 'react';
import { Badge, Button, Card, Col, Empty, List, Row, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/ui/page-header';
import { QueryError } from '../../../components/ui/query-error';
import { useDictionaries } from '../../../lib/reference-data';
import { CreateDictionaryModal } from './create-dictionary-modal';
import { DictionaryItemsCard } from './dictionary-items-card';

/** 数据字典: the option lists ledgers use; dictionaries on the left, the chosen one's items on the right. */
export function DictionariesPage() {
  const dictionaries = useDictionaries();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const list = dictionaries.data ?? [];
  const selectedCode = params.get('code') ?? undefined;
  const selected = list.find((d) => d.code === selectedCode);

  const select = (code: string) => setParams({ code }, { replace: true });

  // Open the first dictionary when none (or a missing one) is chosen.
  const firstCode = list[0]?.code;
  useEffect(() => {
    if (firstCode && !selected) setParams({ code: firstCode }, { replace: true });
  }, [firstCode, selected, setParams]);

  return (
    <>
      <PageHeader
        title="数据字典"
        description="各台账中下拉选择的选项(如计划类别、活动类型)。停用的选项不再出现在新记录中,历史记录保持原值。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建字典
          </Button>
        }
      />
      {dictionaries.isError ? <QueryError error={dictionaries.error} onRetry={() => void dictionaries.refetch()} /> : null}
      <Row gutter={16}>
        <Col xs={24} md={9} lg={7} style={{ marginBottom: 16 }}>
          <Card title="字典" styles={{ body: { padding: 0 } }}>
            <List
              loading={dictionaries.isPending && !dictionaries.isError}
              dataSource={list}
              locale={{ emptyText: <Empty description="尚未建立字典" image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              renderItem={(d) => {
                const active = d.code === selected?.code;
                return (
                  <List.Item
                    onClick={() => select(d.code)}
                    data-testid={`dictionary-${d.code}`}
                    style={{
                      cursor: 'pointer',
                      padding: '10px 16px',
                      background: active ? '#e8effa' : undefined,
                      borderInlineStart: `3px solid ${active ? '#1f4e99' : 'transparent'}`,
                    }}
                    extra={<Badge count={d.itemCount} showZero color={active ? '#1f4e99' : '#bfbfbf'} overflowCount={999} />}
                  >
                    <List.Item.Meta
                      title={<span style={{ fontWeight: active ? 600 : 400 }}>{d.name}</span>}
                      description={
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {d.code}
                        </Typography.Text>
                      }
                    />
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={15} lg={17}>
          {selected ? (
            <DictionaryItemsCard dictionary={selected} />
          ) : (
            <Card>
              <Empty description={list.length ? '请在左侧选择字典' : '请先新建字典'} />
            </Card>
          )}
        </Col>
      </Row>
      <CreateDictionaryModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(code) => {
          setCreating(false);
          select(code);
        }}
      />
    </>
  );
}
