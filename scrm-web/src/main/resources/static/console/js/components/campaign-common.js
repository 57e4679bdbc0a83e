// 群发与SOP: labels and summaries shared by the campaign pages (list, wizard, detail). Chinese first; the server's
// enums (docs/campaigns.md) mapped here once.
import { fmtDateTime } from '../format.js';

export const CHANNELS = {
  AUTO: { label: '自动选择', color: 'blue' },
  SINGLE: { label: '群发给客户', color: 'green' },
  GROUP: { label: '群发到客户群', color: 'cyan' },
  STAFF_TASK: { label: '一客一话术', color: 'purple' },
};

export function channelLabel(c) {
  return (CHANNELS[c] && CHANNELS[c].label) || c || '—';
}

/** What WeCom does with each channel, in the words an operator knows. */
export const CHANNEL_HELP = {
  AUTO: '系统按内容自动选择：内容含客户昵称、备注或自定义属性等“每位客户都不同”的变量时，改用一客一话术发给员工；'
    + '否则用“群发给客户”，同一员工相同内容的客户合并为一个群发任务，员工确认次数最少。',
  SINGLE: '企业微信「客户群发」：为每位员工创建群发任务，员工在企业微信中点击确认后才会发出；'
    + '企业微信限制每位客户每天最多收到 1 条企业群发（旧规则为每月 4 条）。'
    + '内容含客户昵称等逐人变量时，每位客户一个任务，员工需逐条确认。',
  GROUP: '企业微信「群发到客户群」：发送到员工作为群主的客户群，群主在企业微信中确认后发出；每个群每天最多收到 1 条。'
    + '可用变量：员工姓名、门店名称、群名称。',
  STAFF_TASK: '一客一话术：通过应用消息把每位客户的专属话术发给负责的员工，员工复制后私聊发给客户。'
    + '企业微信无法回传员工是否已转发，“已送达”指话术已送到员工的企业微信。',
};

/** Template variables: label and what the insert button puts in (a fallback where the value can be empty). */
export const VARIABLES = {
  customer_name: { label: '客户昵称', insert: '{{customer_name}}' },
  remark: { label: '备注名', insert: '{{remark|亲爱的顾客}}' },
  staff_name: { label: '员工姓名', insert: '{{staff_name}}' },
  store_name: { label: '门店名称', insert: '{{store_name|门店}}' },
  lifecycle_stage: { label: '生命周期阶段', insert: '{{lifecycle_stage|会员}}' },
  channel: { label: '来源渠道', insert: '{{channel|门店}}' },
  group_name: { label: '群名称', insert: '{{group_name|本群}}' },
};

export const RUN_STATUS = {
  PLANNING: { label: '准备中', color: 'blue' },
  DISPATCHING: { label: '创建任务中', color: 'processing' },
  WAITING: { label: '等待员工确认', color: 'orange' },
  PAUSED: { label: '已暂停', color: 'default' },
  CANCELLED: { label: '已取消', color: 'default' },
  DONE: { label: '已完成', color: 'green' },
  FAILED: { label: '失败', color: 'red' },
};

export function runStatus(s) {
  return RUN_STATUS[s] || { label: s || '—', color: 'default' };
}

export const DELIVERY_STATUS = {
  PLANNED: { label: '待发送', color: 'blue' },
  SENDING: { label: '发送中', color: 'processing' },
  TASK_CREATED: { label: '待员工确认', color: 'orange' },
  SENT: { label: '已送达', color: 'green' },
  NOT_FRIEND: { label: '非好友', color: 'red' },
  OVER_LIMIT: { label: '超过频次上限', color: 'volcano' },
  NOT_CONFIRMED: { label: '员工未确认', color: 'red' },
  CANCELLED: { label: '已取消', color: 'default' },
  FAILED: { label: '发送失败', color: 'red' },
  HELD_BACK: { label: '对照组（不发送）', color: 'default' },
};

export function deliveryStatus(s) {
  return DELIVERY_STATUS[s] || { label: s || '—', color: 'default' };
}

const REASONS = {
  cap_day: '超过每日上限', cap_week: '超过每周上限', cap_month: '超过每月上限',
  wecom_status_2: '企业微信：客户已不是好友', wecom_status_3: '企业微信：客户已收到过群发（超过上限）',
  fail_list: '企业微信：无法发送给该客户', content_too_long: '内容超过企业微信长度上限',
};

export function reasonLabel(reason) {
  if (!reason) {
    return '';
  }
  return REASONS[reason] || reason;
}

/** "HH:mm" of a Quartz cron's seconds, minutes and hours fields ("0 0 10 ? * MON#1" → "10:00"). */
export function cronTime(cron) {
  const f = String(cron || '').trim().split(/\s+/);
  if (f.length < 3 || !/^\d+$/.test(f[1]) || !/^\d+$/.test(f[2])) {
    return null;
  }
  return `${f[2].padStart(2, '0')}:${f[1].padStart(2, '0')}`;
}

/** 每月第一周的周一 10:00 / 定时 2026/12/07 10:00 / 手动发送 / 按事件触发（SOP） */
export function scheduleSummary(campaign) {
  const d = campaign.definition || campaign;
  if (campaign.kind === 'SOP' || d.kind === 'SOP') {
    const steps = (d.sop && d.sop.steps) || [];
    return `按加好友事件触发，${steps.length} 步（第 ${steps.map((s) => s.day).join('、')} 天）`;
  }
  const s = d.schedule || { type: 'manual' };
  if (s.type === 'once') {
    return '定时 ' + fmtDateTime(s.at);
  }
  if (s.type === 'recurring') {
    const label = campaign.scheduleLabel || presetLabelOf(s.preset);
    const time = cronTime(s.cron);
    return label ? `${label} ${time || ''}`.trim() : `自定义周期（${s.cron}）`;
  }
  return '手动发送';
}

const DAYS = { MONDAY: '一', TUESDAY: '二', WEDNESDAY: '三', THURSDAY: '四', FRIDAY: '五', SATURDAY: '六', SUNDAY: '日' };

function presetLabelOf(preset) {
  if (!preset) {
    return null;
  }
  if (preset === 'DAILY') {
    return '每天';
  }
  if (preset === 'MONTHLY_FIRST_DAY') {
    return '每月1号';
  }
  let m = preset.match(/^WEEKLY_(\w+)$/);
  if (m) {
    return '每周' + (DAYS[m[1]] || m[1]);
  }
  m = preset.match(/^MONTHLY_FIRST_(\w+)$/);
  if (m) {
    return '每月第一周的周' + (DAYS[m[1]] || m[1]);
  }
  return preset;
}

export function kindLabel(campaign) {
  const d = campaign.definition || {};
  if (campaign.kind === 'SOP') {
    return 'SOP 序列';
  }
  const t = d.schedule && d.schedule.type;
  return t === 'recurring' ? '周期群发' : (t === 'once' ? '定时群发' : '单次群发');
}

/**
 * The campaign's state as an operator reads it, from the campaign and its latest run (or null):
 * 草稿 / 已排期 / 进行中 / 已暂停 / 已结束 / 运行中 (SOP).
 */
export function campaignState(campaign, lastRun) {
  const running = lastRun && !['DONE', 'CANCELLED', 'FAILED'].includes(lastRun.status);
  if (campaign.status === 'PAUSED') {
    return lastRun ? { key: 'paused', label: '已暂停', color: 'default' }
      : { key: 'draft', label: '草稿（未启用）', color: 'default' };
  }
  if (running) {
    return lastRun.status === 'PAUSED' ? { key: 'paused', label: '已暂停', color: 'default' }
      : { key: 'running', label: '进行中', color: 'processing' };
  }
  if (campaign.kind === 'SOP') {
    return { key: 'active', label: '运行中', color: 'green' };
  }
  if (campaign.nextFireAt) {
    return { key: 'scheduled', label: '已排期', color: 'blue' };
  }
  if (!lastRun) {
    return { key: 'draft', label: '草稿', color: 'default' };
  }
  return { key: 'ended', label: '已结束', color: 'default' };
}

/** Whether a run is still in progress (can be paused or cancelled). */
export function runInProgress(run) {
  return run && !['DONE', 'CANCELLED', 'FAILED'].includes(run.status);
}
