// zh-CN formatting of dates (Asia/Shanghai), numbers and durations: the one place pages format with.
export const TIME_ZONE = 'Asia/Shanghai';

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  hour12: false,
});
const dateOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
});
const monthDay = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, month: '2-digit', day: '2-digit' });
const integer = new Intl.NumberFormat('zh-CN');
const decimal = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

function toDate(v) {
  if (v === null || v === undefined || v === '') {
    return null;
  }
  const d = v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v));
  return isNaN(d.getTime()) ? null : d;
}

/** 2026/12/03 14:05 (Asia/Shanghai), or — */
export function fmtDateTime(v) {
  const d = toDate(v);
  return d ? dateTime.format(d) : '—';
}

/** 2026/12/03, or — ; a bare date string (2026-12-03) is shown as is, not shifted by time zones. */
export function fmtDate(v) {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return v.replace(/-/g, '/');
  }
  const d = toDate(v);
  return d ? dateOnly.format(d) : '—';
}

/** 12/03 for chart axes. */
export function fmtMonthDay(v) {
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return v.slice(5).replace('-', '/');
  }
  const d = toDate(v);
  return d ? monthDay.format(d) : '—';
}

/** 12,345 */
export function fmtNumber(n) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) {
    return '—';
  }
  return Number.isInteger(Number(n)) ? integer.format(n) : decimal.format(n);
}

/** 0.4668 → 46.7% */
export function fmtPercent(x, digits = 1) {
  if (x === null || x === undefined || Number.isNaN(Number(x))) {
    return '—';
  }
  return (Number(x) * 100).toFixed(digits) + '%';
}

/** 3723 → 1 小时 2 分 (seconds) */
export function fmtDuration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.round(Number(seconds));
  if (s < 60) {
    return `${s} 秒`;
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
  }
  return `${Math.floor(s / 86400)} 天 ${Math.floor((s % 86400) / 3600)} 小时`;
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", else the date. */
export function fmtAgo(v) {
  const d = toDate(v);
  if (!d) {
    return '—';
  }
  const s = (Date.now() - d.getTime()) / 1000;
  if (s < 0) {
    return fmtDateTime(d);
  }
  if (s < 60) {
    return '刚刚';
  }
  if (s < 3600) {
    return `${Math.floor(s / 60)} 分钟前`;
  }
  if (s < 86400) {
    return `${Math.floor(s / 3600)} 小时前`;
  }
  if (s < 86400 * 30) {
    return `${Math.floor(s / 86400)} 天前`;
  }
  return fmtDate(d);
}

/** Today in Asia/Shanghai as yyyy-MM-dd, offset by {@code days}. */
export function isoDay(days = 0) {
  const d = new Date(Date.now() + days * 86400000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}
