// Chinese labels and small formatters shared by the pages 回调与同步 (ops.js), 朋友圈 (moments.js) and 设置
// (settings.js): statuses of inbox events, sync runs and moment tasks, event types, pretty XML / JSON text.
import { fmtDuration, fmtNumber } from '../format.js';

/** Inbox event statuses (scrm_inbox_event.status). */
export const INBOX_STATUSES = {
  PENDING: { label: '待处理', color: 'blue' },
  RETRY: { label: '重试中', color: 'orange' },
  PARKED: { label: '异常搁置', color: 'red' },
  APPLIED: { label: '已应用', color: 'green' },
  IGNORED: { label: '已忽略', color: 'default' },
  DISCARDED: { label: '已放弃', color: 'default' },
};

/** WeCom callback event types (Event) the inbox sees most. */
export const EVENT_TYPES = {
  change_external_contact: '客户变更',
  change_external_chat: '客户群变更',
  change_external_tag: '客户标签变更',
  change_contact: '通讯录变更',
  enter_agent: '进入应用',
  click: '菜单点击',
  view: '菜单跳转',
  LOCATION: '上报位置',
  subscribe: '关注应用',
  unsubscribe: '取消关注',
};

/** WeCom ChangeType values, in Chinese. */
export const CHANGE_TYPES = {
  add_external_contact: '添加客户',
  edit_external_contact: '编辑客户',
  del_external_contact: '删除客户',
  del_follow_user: '被客户删除',
  add_half_external_contact: '客户免验证添加',
  transfer_fail: '客户接替失败',
  create: '创建',
  update: '更新',
  dismiss: '解散',
  delete: '删除',
  shuffle: '重排',
  create_user: '新增成员',
  update_user: '更新成员',
  delete_user: '删除成员',
  create_party: '新增部门',
  update_party: '更新部门',
  delete_party: '删除部门',
  update_tag: '标签成员变更',
};

export function eventLabel(event, changeType) {
  const e = EVENT_TYPES[event] || event || '—';
  if (!changeType) {
    return e;
  }
  return e + ' · ' + (CHANGE_TYPES[changeType] || changeType);
}

/** Sync run statuses (SyncRun.Status) and moment sync pass statuses. */
export const RUN_STATUSES = {
  RUNNING: { label: '进行中', color: 'processing' },
  SUCCEEDED: { label: '成功', color: 'success' },
  FAILED: { label: '失败', color: 'error' },
  ABORTED: { label: '已中止', color: 'warning' },
};

export const RUN_KINDS = { FULL: '全量同步', RECONCILE: '对账', BACKFILL: '历史回补', INCREMENTAL: '增量同步' };

export const TRIGGERS = { API: '手动', STARTUP: '启动时', SCHEDULE: '定时', DEMO: '演示' };

export function statusOf(table, value) {
  return table[value] || { label: value || '—', color: 'default' };
}

/** 850 → 850 毫秒, 61000 → 1 分 1 秒 */
export function fmtMillis(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  if (ms < 1000) {
    return `${fmtNumber(Math.round(ms))} 毫秒`;
  }
  if (ms < 60000) {
    return `${(ms / 1000).toFixed(1)} 秒`;
  }
  return fmtDuration(ms / 1000);
}

/** A run's scope (all, or slice/slices of the staff) in Chinese. */
export function scopeLabel(scope) {
  if (!scope || scope === 'all' || scope === 'null') {
    return '全企业';
  }
  const m = /^(\d+)\/(\d+)$/.exec(scope);
  return m ? `员工分片 ${Number(m[1]) + 1}/${m[2]}` : scope;
}

/** Decrypted XML indented one element per line; text that is not XML comes back as it is. */
export function prettyXml(text) {
  if (!text || typeof text !== 'string' || !text.trim().startsWith('<')) {
    return text || '';
  }
  let doc;
  try {
    doc = new DOMParser().parseFromString(text, 'application/xml');
  } catch (e) {
    return text;
  }
  if (!doc || doc.getElementsByTagName('parsererror').length) {
    return text;
  }
  const out = [];
  const walk = (node, depth) => {
    const pad = '  '.repeat(depth);
    const children = Array.from(node.childNodes).filter((c) => c.nodeType === 1
      || ((c.nodeType === 3 || c.nodeType === 4) && c.nodeValue.trim() !== ''));
    const elements = children.filter((c) => c.nodeType === 1);
    if (elements.length === 0) {
      const value = children.map((c) => c.nodeValue).join('').trim();
      out.push(`${pad}<${node.nodeName}>${value}</${node.nodeName}>`);
      return;
    }
    out.push(`${pad}<${node.nodeName}>`);
    for (const c of children) {
      if (c.nodeType === 1) {
        walk(c, depth + 1);
      } else {
        out.push('  '.repeat(depth + 1) + c.nodeValue.trim());
      }
    }
    out.push(`${pad}</${node.nodeName}>`);
  };
  walk(doc.documentElement, 0);
  return out.join('\n');
}

/** A JSON value as indented text ('—' for nothing). */
export function prettyJson(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch (e) {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

/** The style of a block of code text (a <pre>): inline, the CSP allows inline styles. */
export const CODE_STYLE = 'white-space: pre-wrap; word-break: break-all; background: #f6f8fa; border: 1px solid #eceef1;'
  + ' border-radius: 6px; padding: 10px 12px; font-family: SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px;'
  + ' line-height: 1.6; max-height: 420px; overflow: auto; margin: 0;';
