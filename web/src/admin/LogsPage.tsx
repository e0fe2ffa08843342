import { logLevelNames, type LogLevelName, type ServerLogLine } from '@relais/schema';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../ui/format';
import { logFieldsText } from './log-lines';

/** Lines kept on screen; older ones leave as new ones come. */
const keptLines = 1000;

type StreamState = 'connecting' | 'open' | 'closed';

/** The server's log live (`/admin/logs/stream`), from a lowest level and containing a text; pause keeps the screen still. */
export function LogsPage() {
  const { t, i18n } = useTranslation();
  const [level, setLevel] = useState<LogLevelName>('info');
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const [paused, setPaused] = useState(false);
  // The lines of the stream of these filters: another filter starts an empty screen.
  const [feed, setFeed] = useState<{ key: string; lines: ServerLogLine[] }>({ key: '', lines: [] });
  const feedKey = `${level}|${query}`;
  const lines = useMemo(() => (feed.key === feedKey ? feed.lines : []), [feed, feedKey]);
  const [state, setState] = useState<StreamState>('connecting');
  const pausedRef = useRef(paused);
  useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);
  const bottom = useRef<HTMLDivElement>(null);

  // The text filter is sent once typing stops.
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      return undefined;
    }
    const key = `${level}|${query}`;
    const params = new URLSearchParams({ level, backlog: '200' });
    if (query) {
      params.set('q', query);
    }
    const source = new EventSource(`/admin/logs/stream?${params.toString()}`, { withCredentials: true });
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    source.addEventListener('line', (event: MessageEvent<string>) => {
      if (pausedRef.current) {
        return;
      }
      try {
        const line = JSON.parse(event.data) as ServerLogLine;
        setFeed((current) => ({ key, lines: current.key === key ? [...current.lines.slice(-(keptLines - 1)), line] : [line] }));
      } catch {
        // A frame that is not a line: nothing to show.
      }
    });
    return () => source.close();
  }, [level, query]);

  useEffect(() => {
    if (!paused) {
      bottom.current?.scrollIntoView({ block: 'end' });
    }
  }, [lines, paused]);

  return (
    <section className="page admin-page admin-logs" data-testid="admin-logs">
      <div className="toolbar">
        <h1>{t('admin.screens.adminLogs')}</h1>
        <span className={`badge log-state-${state}`} data-testid="logs-state">
          {t(`admin.logs.states.${state}`)}
        </span>
        <label className="inline-field">
          <span>{t('admin.logs.level')}</span>
          <select value={level} data-testid="logs-level" onChange={(event) => setLevel(event.target.value as LogLevelName)}>
            {logLevelNames.map((name) => (
              <option key={name} value={name}>
                {t(`admin.logs.levels.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('admin.logs.text')}</span>
          <input type="search" value={text} data-testid="logs-text" placeholder={t('admin.logs.textHint')} onChange={(event) => setText(event.target.value)} />
        </label>
        <button type="button" className="button" aria-pressed={paused} onClick={() => setPaused((value) => !value)}>
          {paused ? t('admin.logs.resume') : t('admin.logs.pause')}
        </button>
        <button type="button" className="button ghost" onClick={() => setFeed({ key: feedKey, lines: [] })}>
          {t('admin.logs.clear')}
        </button>
      </div>
      <div className="log-tail" role="log" aria-live="polite">
        {lines.length === 0 ? <p className="empty">{t('admin.logs.empty')}</p> : null}
        {lines.map((line) => (
          <div key={line.seq} className={`log-line log-${line.level}`} data-testid="log-line" data-level={line.level}>
            <span className="log-time">{formatClock(line.time, i18n.language)}</span>
            <span className="log-level">{t(`admin.logs.levels.${line.level}`)}</span>
            <span className="log-msg">{line.msg}</span>
            <span className="log-fields">{logFieldsText(line.fields)}</span>
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </section>
  );
}
