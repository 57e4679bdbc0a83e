// Shared bits of the acquisition and community pages (渠道活码, 客户群, 群活码, 员工与继承): name look-ups of staff,
// stores and tags, Chinese labels of WeCom's codes, and the welcome-message editor with its variables.
import { departments, staffList, tagGroups, showError } from './common.js';

const { reactive, ref, computed, nextTick } = Vue;

/**
 * Names of staff, departments and tags of the current corp, loaded once per page: {staff: {userid: name},
 * depts: {id: name}, tags: {tagId: name}}. Failures are shown once and leave the ids as they are.
 */
export function useNames() {
  const names = reactive({ staff: {}, depts: {}, tags: {}, loaded: false });
  const load = async () => {
    const [s, d, t] = await Promise.allSettled([staffList(), departments(), tagGroups()]);
    if (s.status === 'fulfilled') {
      names.staff = Object.fromEntries(s.value.map((x) => [x.userid, x.name]));
    }
    if (d.status === 'fulfilled') {
      names.depts = Object.fromEntries(d.value.map((x) => [x.id, x.name]));
    }
    if (t.status === 'fulfilled') {
      const out = {};
      t.value.forEach((g) => g.tags.forEach((x) => { out[x.tagId] = x.name; }));
      names.tags = out;
    }
    const failed = [s, d, t].find((x) => x.status === 'rejected');
    if (failed) {
      showError(failed.reason);
    }
    names.loaded = true;
  };
  const staffName = (userid) => (userid ? (names.staff[userid] || userid) : '—');
  const deptName = (id) => (id === null || id === undefined ? '—' : (names.depts[id] || `部门 ${id}`));
  const tagName = (id) => names.tags[id] || id;
  return { names, load, staffName, deptName, tagName };
}

/** WeCom's member status (通讯录 status). */
export const STAFF_STATUS = {
  1: { label: '已激活', color: 'green' },
  2: { label: '已禁用', color: 'red' },
  4: { label: '未激活', color: 'orange' },
  5: { label: '已退出企业', color: 'default' },
};

/** groupchat/list status: 0 normal, 1 owner resigned, 2 resigned-transfer in progress, 3 transfer done. */
export const GROUP_STATUS = {
  0: { label: '正常', color: 'green' },
  1: { label: '群主已离职', color: 'orange' },
  2: { label: '离职继承中', color: 'blue' },
  3: { label: '离职继承完成', color: 'cyan' },
};

/** groupchat/get join_scene of a member. */
export const JOIN_SCENES = { 0: '未知', 1: '由群成员邀请入群', 2: '通过群链接入群', 3: '扫描群二维码入群' };

/** Transfers.Status */
export const TRANSFER_STATUS = {
  WAITING: { label: '等待接替', color: 'blue' },
  DONE: { label: '接替完毕', color: 'green' },
  REFUSED: { label: '客户拒绝', color: 'red' },
  TAKEOVER_LIMIT: { label: '接替成员客户数已达上限', color: 'orange' },
  NO_RECORD: { label: '无接替记录', color: 'default' },
  REJECTED: { label: '企业微信未受理', color: 'red' },
};

/** The contact way's kinds (ContactWay.Kind). */
export const CONTACT_WAY_KINDS = [
  { value: 'STAFF', label: '单人活码', hint: '一名员工接待' },
  { value: 'MULTI', label: '多人活码', hint: '多名员工轮流接待' },
  { value: 'STORE', label: '门店活码', hint: '门店（部门）全体员工接待' },
  { value: 'CAMPAIGN', label: '活动活码', hint: '多名员工和/或多个部门' },
];

export function kindLabel(kind) {
  const k = CONTACT_WAY_KINDS.find((x) => x.value === kind);
  return k ? k.label : (kind || '—');
}

/** The welcome message's variables (core WelcomeTemplate.render), with the sample values of the preview. */
export const WELCOME_VARIABLES = [
  { key: 'customer_name', label: '客户昵称', sample: '张小美' },
  { key: 'staff_name', label: '员工姓名', sample: '李顾问' },
  { key: 'store_name', label: '门店名称', sample: '上海南京西路店' },
  { key: 'channel', label: '渠道名称', sample: '门店海报' },
];

/** The text with every {{variable}} replaced by {@code values[key]} (unknown ones as WeCom would: empty). */
export function renderWelcome(text, values) {
  return (text || '').replace(/\{\{(customer_name|staff_name|store_name|channel)\}\}/g, (m, k) => values[k] || '');
}

/** Bytes of a UTF-8 string (WeCom's 4,000-byte limit of a welcome text). */
export function utf8Bytes(s) {
  return new TextEncoder().encode(s || '').length;
}

/**
 * A welcome-message editor: a textarea, buttons inserting the variables at the cursor, and a live preview of the
 * message as a customer would see it with sample values ({@code sample} overrides the defaults).
 */
export const WelcomeEditor = {
  name: 'WelcomeEditor',
  props: { value: String, sample: { type: Object, default: () => ({}) }, error: String,
    maxBytes: { type: Number, default: 4000 } },
  emits: ['update:value'],
  setup(props, { emit }) {
    const area = ref(null);
    const values = computed(() => Object.fromEntries(WELCOME_VARIABLES.map((v) => [v.key,
      props.sample[v.key] || v.sample])));
    const preview = computed(() => renderWelcome(props.value, values.value));
    const bytes = computed(() => utf8Bytes(props.value));
    const insert = async (key) => {
      const el = area.value;
      const text = props.value || '';
      const token = `{{${key}}}`;
      const start = el ? el.selectionStart : text.length;
      const end = el ? el.selectionEnd : text.length;
      emit('update:value', text.slice(0, start) + token + text.slice(end));
      await nextTick();
      if (el) {
        el.focus();
        el.setSelectionRange(start + token.length, start + token.length);
      }
    };
    const onInput = (e) => emit('update:value', e.target.value);
    return { area, insert, onInput, preview, bytes, vars: WELCOME_VARIABLES, values };
  },
  template: `
    <div class="welcome-editor">
      <div style="display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 6px; align-items: center">
        <span class="muted">插入变量：</span>
        <a-button v-for="v in vars" :key="v.key" size="small" :data-test="'var-' + v.key" @click="insert(v.key)">+ {{ v.label }}</a-button>
      </div>
      <textarea ref="area" class="ant-input" rows="5" :value="value" data-test="welcome-text"
          :class="{ 'ant-input-status-error': !!error }"
          placeholder="例如：{{customer_name}}您好！我是{{store_name}}的{{staff_name}}，很高兴为您服务～"
          style="width: 100%; resize: vertical" @input="onInput"></textarea>
      <div class="muted" style="text-align: right; font-size: 12px" :style="{ color: bytes > maxBytes ? '#ff4d4f' : undefined }">
        {{ bytes }} / {{ maxBytes }} 字节</div>
      <div style="margin-top: 8px">
        <div class="muted" style="font-size: 12px; margin-bottom: 4px">预览（示例客户“{{ values.customer_name }}”）</div>
        <div style="background: #f5f5f5; border-radius: 8px; padding: 12px; display: flex; gap: 8px; align-items: flex-start">
          <name-avatar :name="values.staff_name" :size="32"></name-avatar>
          <div data-test="welcome-preview" style="background: #fff; border-radius: 6px; padding: 8px 12px; white-space: pre-wrap; word-break: break-all; max-width: 100%; box-shadow: 0 1px 2px rgba(0,0,0,.06)">{{ preview || '（欢迎语为空）' }}</div>
        </div>
      </div>
    </div>`,
};

/** A QR code's address: shown as an image only when our own origin serves it (CSP img-src 'self' data:). */
export function sameOriginUrl(url) {
  if (!url) {
    return false;
  }
  try {
    return new URL(url, window.location.href).origin === window.location.origin;
  } catch (e) {
    return false;
  }
}

/** Milliseconds as 1.2 秒 / 850 毫秒. */
export function fmtMs(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  return ms >= 1000 ? (ms / 1000).toFixed(1) + ' 秒' : Math.round(ms) + ' 毫秒';
}
