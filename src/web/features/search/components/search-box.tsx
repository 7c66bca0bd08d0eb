import { useEffect, useState } from 'react';
import { AutoComplete, Input, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { SEARCH_MAX_LENGTH, type TextSegment } from '../../../../shared/search.js';
import { useSearchResults } from '../api/search';

/** Wait this long after the last keystroke before asking the server. */
const TYPING_PAUSE_MS = 250;

/** Text with the pieces that matched the query highlighted (<mark>). */
function Marked({ segments }: { segments: TextSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.hit ? (
          <mark key={i} style={{ background: '#fff1b8', padding: 0 }}>
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/**
 * The header's site-wide search: results grouped by ledger as one types, the matching words marked;
 * arrow keys move through them, Enter or a click opens the record.
 */
export function SearchBox({ width }: { width: number }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const { data, isFetching } = useSearchResults(q);

  const groups = q && data ? data.groups : [];
  const options = groups.map((g) => ({
    label: <Typography.Text type="secondary">{g.label}</Typography.Text>,
    options: g.items.map((item) => ({
      value: item.link,
      label: (
        // A real link (it opens in a new tab with a middle click); a plain click is the AutoComplete's select.
        <Link to={item.link} onClick={(e) => e.preventDefault()} tabIndex={-1} style={{ display: 'block', color: 'inherit' }} data-testid="search-result">
          <div style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
            <Marked segments={item.title} />
          </div>
          {item.snippet.length > 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              <Marked segments={item.snippet} />
            </Typography.Text>
          ) : null}
        </Link>
      ),
    })),
  }));

  return (
    <AutoComplete
      value={text}
      options={options}
      onChange={(value: string) => setText(value)}
      onSelect={(link: string) => {
        setText('');
        setQ('');
        navigate(link);
      }}
      notFoundContent={q && data && !isFetching && data.q === q ? '没有找到相关记录' : null}
      popupMatchSelectWidth={Math.max(width, 360)}
      style={{ width, flex: 'none' }}
    >
      <Input.Search aria-label="全站搜索" placeholder="搜索项目、企业、活动……" maxLength={SEARCH_MAX_LENGTH} loading={isFetching} allowClear />
    </AutoComplete>
  );
}
