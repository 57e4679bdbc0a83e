// 设置: accounts (admins), one's own personal access tokens, the audit log (admins) and 关于. Docs: docs/console.md
// "设置". Account and audit calls are admin-only on the server too (web/security/RoleRules).
import { api } from '../api.js';
import { session, can } from '../session.js';
import { showError, departments } from '../components/common.js';
import { fmtDateTime, fmtNumber } from '../format.js';
import { prettyJson, CODE_STYLE } from '../components/ops-labels.js';

const { ref, reactive, computed, onMounted } = Vue;

const ROLES = [
  { value: 'ADMIN', label: '管理员', color: 'red', help: '所有企业、所有操作，管理账号，查看审计日志' },
  { value: 'OPERATOR', label: '运营', color: 'green', help: '所绑定企业的查看与日常操作（群发、规则、同步等）' },
  { value: 'STORE_MANAGER', label: '店长', color: 'blue', help: '只看所绑定门店的客户与数据，手机号脱敏' },
  { value: 'VIEWER', label: '只读', color: 'default', help: '只能查看，手机号脱敏' },
];
const roleOf = (value) => ROLES.find((r) => r.value === value) || { label: value, color: 'default' };

/** Words of an audited action (method + endpoint pattern) in Chinese; the raw action stays visible beside it. */
const NOUNS = {
  accounts: '账号', tokens: '访问令牌', 'moment-tasks': '朋友圈任务', rules: '自动标签规则', campaigns: '群发',
  tags: '标签', 'tag-groups': '标签组', 'contact-ways': '渠道活码', 'join-ways': '群活码', customers: '客户',
  transfers: '客户转接', 'campaign-assets': '素材', 'lead-merges': '线索合并', groups: '客户群', inbox: '回调事件',
  moments: '朋友圈', attributes: '客户属性', welcome: '欢迎语',
};
const VERBS = {
  password: '重置密码', login: '登录', logout: '退出登录', sync: '同步', reconciliation: '对账', replay: '重放',
  discard: '放弃', purge: '清理', cancel: '取消', pause: '暂停', resume: '恢复', preview: '预览', search: '搜索',
  run: '执行', fire: '执行', scan: '扫描',
};
const METHOD_VERBS = { POST: '新建', PUT: '修改', PATCH: '修改', DELETE: '删除' };

function actionLabel(action) {
  if (!action) {
    return '—';
  }
  const [method, path = ''] = action.split(' ');
  const segments = path.split('/').filter((p) => p && p !== 'api' && p !== 'corps' && p !== 'auth' && p !== '{corpId}');
  const last = segments[segments.length - 1] || '';
  const named = segments.filter((p) => !p.startsWith('{'));
  const noun = [...named].reverse().map((p) => NOUNS[p]).find(Boolean);
  if (last.startsWith('{') || NOUNS[last]) {
    // the collection (POST: create) or one object of it (PATCH / PUT / DELETE)
    const what = NOUNS[last] || noun;
    return what ? `${METHOD_VERBS[method] || method} ${what}` : action;
  }
  const verb = VERBS[last];
  if (!verb) {
    return action;
  }
  return noun ? `${noun} · ${verb}` : verb;
}

export default {
  name: 'SettingsPage',
  setup() {
    const isAdmin = can.admin();
    const tab = ref(isAdmin ? 'accounts' : 'tokens');
    const me = computed(() => session.me);

    // ---- 账号 ----
    const accounts = reactive({ items: [], loading: false, error: null, keyword: '' });
    const storeNames = ref({});
    const loadAccounts = async () => {
      accounts.loading = true;
      accounts.error = null;
      try {
        accounts.items = await api.get('/api/accounts');
      } catch (e) {
        accounts.error = e;
      } finally {
        accounts.loading = false;
      }
    };
    const shownAccounts = computed(() => {
      const k = accounts.keyword.trim().toLowerCase();
      return k ? accounts.items.filter((a) => a.username.toLowerCase().includes(k)) : accounts.items;
    });
    const corpName = (id) => {
      const c = session.corps.find((x) => x.corpId === id);
      return c ? c.name : id;
    };
    const storeLabel = (corp, id) => (corp === session.corp && storeNames.value[id]) ? storeNames.value[id] : `部门 ${id}`;
    const accountColumns = [
      { title: '用户名', key: 'username' },
      { title: '角色', key: 'role', width: 100 },
      { title: '企业', key: 'corps' },
      { title: '门店', key: 'stores' },
      { title: '状态', key: 'enabled', width: 90 },
      { title: '创建时间', key: 'createdAt', width: 160 },
      { title: '操作', key: 'actions', width: 220 },
    ];
    const corpOptions = computed(() => session.corps.map((c) => ({ value: c.corpId, label: `${c.name}（${c.corpId}）` })));

    const form = reactive({ open: false, editing: null, username: '', password: '', role: 'OPERATOR', corps: [],
      stores: [], enabled: true, busy: false, err: {} });
    const openCreate = () => {
      Object.assign(form, { open: true, editing: null, username: '', password: '', role: 'OPERATOR',
        corps: session.corp ? [session.corp] : [], stores: [], enabled: true, busy: false, err: {} });
    };
    const openEdit = (a) => {
      Object.assign(form, { open: true, editing: a.username, username: a.username, password: '', role: a.role,
        corps: [...a.corps], stores: [...((a.stores || {})[session.corp] || [])], enabled: a.enabled, busy: false,
        err: {} });
    };
    /** The server's account problems carry no field: the message says which one it is about. */
    const accountErrors = (e) => {
      const m = e && e.isApiError ? e.detail : String(e);
      if (/密码/.test(m)) {
        return { password: m };
      }
      if (/用户名|已存在/.test(m)) {
        return { username: m };
      }
      if (/门店|stores/.test(m)) {
        return { stores: m };
      }
      if (/企业|corps/.test(m)) {
        return { corps: m };
      }
      if (/role|角色/.test(m)) {
        return { role: m };
      }
      return { general: m };
    };
    const submitAccount = async () => {
      const err = {};
      if (!form.editing && !/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/.test(form.username.trim())) {
        err.username = '用户名须为 3–64 个字母、数字或 . _ -，以字母或数字开头';
      }
      if (!form.editing && form.password.length < 10) {
        err.password = '密码至少需要 10 个字符';
      }
      if (form.role !== 'ADMIN' && form.corps.length === 0) {
        err.corps = '请至少选择一个企业';
      }
      if (form.role === 'STORE_MANAGER' && form.stores.length === 0) {
        err.stores = '店长账号至少要绑定一个门店';
      }
      form.err = err;
      if (Object.keys(err).length) {
        return;
      }
      const stores = form.role === 'STORE_MANAGER' ? { [session.corp]: form.stores } : {};
      const corps = form.role === 'STORE_MANAGER' && !form.corps.includes(session.corp)
        ? [...form.corps, session.corp] : form.corps;
      form.busy = true;
      try {
        if (form.editing) {
          await api.patch(`/api/accounts/${encodeURIComponent(form.editing)}`, { role: form.role,
            corps: form.role === 'ADMIN' ? [] : corps, stores, enabled: form.enabled });
          antd.message.success(`账号 ${form.editing} 已更新`);
        } else {
          await api.post('/api/accounts', { username: form.username.trim(), password: form.password,
            role: form.role, corps: form.role === 'ADMIN' ? [] : corps, stores, enabled: form.enabled });
          antd.message.success(`账号 ${form.username.trim()} 已创建`);
        }
        form.open = false;
        await loadAccounts();
      } catch (e) {
        form.err = accountErrors(e);
      } finally {
        form.busy = false;
      }
    };
    const toggling = ref(null);
    const toggle = async (a) => {
      toggling.value = a.username;
      try {
        await api.patch(`/api/accounts/${encodeURIComponent(a.username)}`, { enabled: !a.enabled });
        antd.message.success(a.enabled ? `已停用 ${a.username}` : `已启用 ${a.username}`);
        await loadAccounts();
      } catch (e) {
        showError(e);
      } finally {
        toggling.value = null;
      }
    };
    const reset = reactive({ open: false, username: '', password: '', busy: false, err: '' });
    const openReset = (a) => Object.assign(reset, { open: true, username: a.username, password: '', busy: false, err: '' });
    const submitReset = async () => {
      if (reset.password.length < 10) {
        reset.err = '密码至少需要 10 个字符';
        return;
      }
      reset.busy = true;
      try {
        await api.post(`/api/accounts/${encodeURIComponent(reset.username)}/password`, { password: reset.password });
        reset.open = false;
        antd.message.success(`已重置 ${reset.username} 的密码`);
      } catch (e) {
        reset.err = e && e.isApiError ? e.detail : String(e);
      } finally {
        reset.busy = false;
      }
    };

    // ---- 我的令牌 ----
    const tokens = reactive({ items: [], loading: false, error: null });
    const loadTokens = async () => {
      tokens.loading = true;
      tokens.error = null;
      try {
        tokens.items = await api.get('/api/auth/tokens');
      } catch (e) {
        tokens.error = e;
      } finally {
        tokens.loading = false;
      }
    };
    const tokenColumns = [
      { title: '名称', dataIndex: 'name', key: 'name' },
      { title: '状态', key: 'active', width: 100 },
      { title: '创建时间', key: 'createdAt', width: 160 },
      { title: '过期时间', key: 'expiresAt', width: 160 },
      { title: '最近使用', key: 'lastUsedAt', width: 160 },
      { title: '操作', key: 'actions', width: 90 },
    ];
    const tokenForm = reactive({ open: false, name: '', days: 90, busy: false, err: {} });
    const openToken = () => Object.assign(tokenForm, { open: true, name: '', days: 90, busy: false, err: {} });
    const issued = reactive({ open: false, token: null, copied: false });
    const submitToken = async () => {
      const err = {};
      if (!tokenForm.name.trim()) {
        err.name = '请填写令牌名称，例如“数据同步脚本”';
      }
      if (!tokenForm.days || tokenForm.days < 1) {
        err.days = '有效期至少 1 天';
      }
      tokenForm.err = err;
      if (Object.keys(err).length) {
        return;
      }
      tokenForm.busy = true;
      try {
        const t = await api.post('/api/auth/tokens', { name: tokenForm.name.trim(), expiresInDays: tokenForm.days });
        tokenForm.open = false;
        Object.assign(issued, { open: true, token: t, copied: false });
        await loadTokens();
      } catch (e) {
        const m = e && e.isApiError ? e.detail : String(e);
        tokenForm.err = /过期|expires|天/.test(m) ? { days: m } : { name: m };
      } finally {
        tokenForm.busy = false;
      }
    };
    const copySecret = async () => {
      const text = issued.token && issued.token.token;
      try {
        if (navigator.clipboard && window.isSecureContext) {
          await navigator.clipboard.writeText(text);
        } else {
          const el = document.getElementById('token-secret');
          el.select();
          document.execCommand('copy');
        }
        issued.copied = true;
        antd.message.success('已复制到剪贴板');
      } catch (e) {
        antd.message.warning('无法自动复制，请手动选中令牌复制');
      }
    };
    const closeIssued = () => {
      issued.open = false;
      issued.token = null;
    };
    const revoking = ref(null);
    const revoke = async (t) => {
      revoking.value = t.id;
      try {
        await api.del(`/api/auth/tokens/${t.id}`);
        antd.message.success(`令牌“${t.name}”已吊销`);
        await loadTokens();
      } catch (e) {
        showError(e);
      } finally {
        revoking.value = null;
      }
    };
    const tokenState = (t) => {
      if (t.revokedAt) {
        return { label: '已吊销', color: 'default' };
      }
      return t.active ? { label: '有效', color: 'green' } : { label: '已过期', color: 'orange' };
    };

    // ---- 审计日志 (cursor pages: before = the last id of the previous page) ----
    const audit = reactive({ items: [], loading: false, error: null, cursors: [null], index: 0, next: null,
      size: 20 });
    const auditFilters = reactive({ actor: '', action: '', objectType: '', objectId: '', range: null });
    const loadAudit = async () => {
      audit.loading = true;
      audit.error = null;
      try {
        const [from, to] = auditFilters.range || [];
        const p = await api.get('/api/audit-log', { actor: auditFilters.actor.trim(),
          action: auditFilters.action.trim(), objectType: auditFilters.objectType.trim(),
          objectId: auditFilters.objectId.trim(), from: from ? from.format() : null, to: to ? to.format() : null,
          before: audit.cursors[audit.index], limit: audit.size });
        audit.items = p.items;
        audit.next = p.nextBefore;
      } catch (e) {
        audit.error = e;
        audit.items = [];
      } finally {
        audit.loading = false;
      }
    };
    const searchAudit = () => {
      audit.cursors = [null];
      audit.index = 0;
      loadAudit();
    };
    const resetAudit = () => {
      Object.assign(auditFilters, { actor: '', action: '', objectType: '', objectId: '', range: null });
      searchAudit();
    };
    const nextAudit = () => {
      audit.cursors = [...audit.cursors.slice(0, audit.index + 1), audit.next];
      audit.index += 1;
      loadAudit();
    };
    const prevAudit = () => {
      if (audit.index > 0) {
        audit.index -= 1;
        loadAudit();
      }
    };
    const auditColumns = [
      { title: '时间', key: 'at', width: 160 },
      { title: '操作人', key: 'actor', width: 120 },
      { title: '操作', key: 'action' },
      { title: '对象', key: 'object', width: 200 },
      { title: '结果', key: 'status', width: 110 },
      { title: '来源 IP', key: 'sourceIp', width: 130 },
      { title: '', key: 'actions', width: 60 },
    ];
    const entry = reactive({ open: false, item: null });
    const openEntry = (e) => Object.assign(entry, { open: true, item: e });

    // ---- 关于 ----
    const about = reactive({ version: null, loaded: false });
    const loadAbout = async () => {
      try {
        const info = await api.get('/actuator/info');
        about.version = info && info.build ? info.build.version : null;
      } catch (e) {
        about.version = null;
      } finally {
        about.loaded = true;
      }
    };

    onMounted(async () => {
      loadTokens();
      loadAbout();
      if (isAdmin) {
        loadAccounts();
        loadAudit();
        try {
          storeNames.value = Object.fromEntries((await departments()).map((d) => [d.id, d.name]));
        } catch (e) {
          showError(e);
        }
      }
    });

    return {
      isAdmin, tab, me, ROLES, roleOf,
      accounts, shownAccounts, accountColumns, loadAccounts, corpName, storeLabel, corpOptions, form, openCreate,
      openEdit, submitAccount, toggle, toggling, reset, openReset, submitReset,
      tokens, tokenColumns, loadTokens, tokenForm, openToken, submitToken, issued, copySecret, closeIssued, revoke,
      revoking, tokenState,
      audit, auditFilters, loadAudit, searchAudit, resetAudit, nextAudit, prevAudit, auditColumns, entry, openEntry,
      actionLabel, about, session,
      fmtDateTime, fmtNumber, prettyJson, CODE_STYLE,
    };
  },
  template: `
  <div>
    <page-header title="设置" subtitle="账号与权限、个人访问令牌、审计日志"></page-header>
    <a-card>
      <a-tabs v-model:activeKey="tab">
        <a-tab-pane v-if="isAdmin" key="accounts" tab="账号">
          <div class="filters">
            <a-input-search v-model:value="accounts.keyword" placeholder="按用户名筛选" allow-clear style="width: 220px"></a-input-search>
            <a-button type="primary" data-test="account-create" @click="openCreate">新建账号</a-button>
            <span class="muted">共 {{ fmtNumber(accounts.items.length) }} 个账号</span>
          </div>
          <load-error v-if="accounts.error" :error="accounts.error" @retry="loadAccounts"></load-error>
          <a-table v-else :columns="accountColumns" :data-source="shownAccounts" :loading="accounts.loading"
              row-key="id" size="middle" :pagination="{ pageSize: 20, showTotal: t => '共 ' + t + ' 条' }"
              data-test="accounts-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'username'">
                <span class="name-cell"><name-avatar :name="record.username"></name-avatar>{{ record.username }}
                  <a-tag v-if="record.username === me.username" color="cyan">我</a-tag></span>
              </template>
              <template v-else-if="column.key === 'role'"><a-tag :color="roleOf(record.role).color">{{ record.roleLabel || roleOf(record.role).label }}</a-tag></template>
              <template v-else-if="column.key === 'corps'">
                <span v-if="record.role === 'ADMIN'" class="muted">全部企业</span>
                <a-tag v-for="c in record.corps" v-else :key="c">{{ corpName(c) }}</a-tag>
              </template>
              <template v-else-if="column.key === 'stores'">
                <template v-if="record.role === 'STORE_MANAGER'">
                  <template v-for="(ids, corp) in record.stores" :key="corp">
                    <a-tag v-for="id in ids" :key="corp + id" color="blue">{{ storeLabel(corp, id) }}</a-tag>
                  </template>
                </template>
                <span v-else class="muted">不限门店</span>
              </template>
              <template v-else-if="column.key === 'enabled'">
                <a-badge :status="record.enabled ? 'success' : 'default'" :text="record.enabled ? '启用' : '已停用'"></a-badge>
              </template>
              <template v-else-if="column.key === 'createdAt'">{{ fmtDateTime(record.createdAt) }}</template>
              <template v-else-if="column.key === 'actions'">
                <a-space>
                  <a @click="openEdit(record)">编辑</a>
                  <a @click="openReset(record)">重置密码</a>
                  <a-popconfirm v-if="record.username !== me.username"
                      :title="record.enabled ? '停用后该账号无法登录，其访问令牌也不能再使用。确定停用？' : '确定启用该账号？'"
                      ok-text="确定" cancel-text="取消" @confirm="toggle(record)">
                    <a :class="record.enabled ? 'danger-link' : ''" :style="record.enabled ? 'color: #f5222d' : ''">{{ record.enabled ? '停用' : '启用' }}</a>
                  </a-popconfirm>
                </a-space>
              </template>
            </template>
            <template #emptyText><a-empty description="没有账号：点击“新建账号”创建"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="tokens" tab="我的令牌">
          <a-alert type="info" show-icon style="margin-bottom: 12px"
              message="个人访问令牌供脚本与系统对接使用（请求头 Authorization: Bearer 令牌），权限与当前账号相同。令牌只在创建时显示一次。"></a-alert>
          <div class="filters">
            <a-button type="primary" data-test="token-create" @click="openToken">新建令牌</a-button>
          </div>
          <load-error v-if="tokens.error" :error="tokens.error" @retry="loadTokens"></load-error>
          <a-table v-else :columns="tokenColumns" :data-source="tokens.items" :loading="tokens.loading" row-key="id"
              size="middle" :pagination="false" data-test="tokens-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'active'"><a-tag :color="tokenState(record).color">{{ tokenState(record).label }}</a-tag></template>
              <template v-else-if="column.key === 'createdAt'">{{ fmtDateTime(record.createdAt) }}</template>
              <template v-else-if="column.key === 'expiresAt'">{{ fmtDateTime(record.expiresAt) }}</template>
              <template v-else-if="column.key === 'lastUsedAt'">{{ record.lastUsedAt ? fmtDateTime(record.lastUsedAt) : '从未使用' }}</template>
              <template v-else-if="column.key === 'actions'">
                <a-popconfirm v-if="!record.revokedAt" title="吊销后使用该令牌的程序将立即无法访问，确定吊销？" ok-text="吊销"
                    cancel-text="取消" @confirm="revoke(record)">
                  <a-button type="link" danger size="small" :loading="revoking === record.id" data-test="token-revoke">吊销</a-button>
                </a-popconfirm>
              </template>
            </template>
            <template #emptyText><a-empty description="还没有令牌：对接脚本需要时点击“新建令牌”"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane v-if="isAdmin" key="audit" tab="审计日志">
          <div class="filters">
            <a-input v-model:value="auditFilters.actor" placeholder="操作人（用户名）" allow-clear style="width: 150px" data-test="audit-actor" @pressEnter="searchAudit"></a-input>
            <a-input v-model:value="auditFilters.objectType" placeholder="对象类型，如 accounts" allow-clear style="width: 180px" @pressEnter="searchAudit"></a-input>
            <a-input v-model:value="auditFilters.objectId" placeholder="对象 ID" allow-clear style="width: 120px" @pressEnter="searchAudit"></a-input>
            <a-input v-model:value="auditFilters.action" placeholder="操作，如 POST /api/accounts" allow-clear style="width: 230px" @pressEnter="searchAudit"></a-input>
            <a-range-picker v-model:value="auditFilters.range" show-time :placeholder="['开始时间', '结束时间']"></a-range-picker>
            <a-button type="primary" data-test="audit-search" @click="searchAudit">查询</a-button>
            <a-button @click="resetAudit">重置</a-button>
          </div>
          <load-error v-if="audit.error" :error="audit.error" @retry="loadAudit"></load-error>
          <template v-else>
            <a-table :columns="auditColumns" :data-source="audit.items" :loading="audit.loading" row-key="id"
                size="middle" :pagination="false" data-test="audit-table">
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'at'">{{ fmtDateTime(record.at) }}</template>
                <template v-else-if="column.key === 'actor'">{{ record.actor }}</template>
                <template v-else-if="column.key === 'action'">
                  <div>{{ actionLabel(record.action) }}</div>
                  <div class="muted" style="font-size: 12px">{{ record.action }}</div>
                </template>
                <template v-else-if="column.key === 'object'">
                  <span v-if="record.objectType">{{ record.objectType }}<span v-if="record.objectId"> · {{ record.objectId }}</span></span>
                  <span v-else class="muted">—</span>
                  <div v-if="record.corpId" class="muted" style="font-size: 12px">{{ record.corpId }}</div>
                </template>
                <template v-else-if="column.key === 'status'">
                  <a-tag :color="record.succeeded ? 'green' : 'red'">{{ record.succeeded ? '成功' : '失败' }} {{ record.status }}</a-tag>
                </template>
                <template v-else-if="column.key === 'sourceIp'">{{ record.sourceIp || '—' }}</template>
                <template v-else-if="column.key === 'actions'"><a data-test="audit-detail" @click="openEntry(record)">详情</a></template>
              </template>
              <template #emptyText><a-empty description="没有符合条件的审计记录：调整筛选条件后重试"></a-empty></template>
            </a-table>
            <div style="display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; align-items: center">
              <span class="muted">第 {{ audit.index + 1 }} 页，每页 {{ audit.size }} 条，最新的在前</span>
              <a-button :disabled="audit.index === 0 || audit.loading" @click="prevAudit">上一页</a-button>
              <a-button :disabled="!audit.next || audit.loading" data-test="audit-next" @click="nextAudit">下一页</a-button>
            </div>
          </template>
        </a-tab-pane>

        <a-tab-pane key="about" tab="关于">
          <a-descriptions :column="1" bordered size="small" style="max-width: 760px">
            <a-descriptions-item label="产品">WeScrm 企业微信私域客户运营（开源）</a-descriptions-item>
            <a-descriptions-item label="版本"><span data-test="about-version">{{ about.version || (about.loaded ? '未知' : '加载中…') }}</span></a-descriptions-item>
            <a-descriptions-item label="当前账号">{{ me.username }}（{{ me.roleLabels.join('、') }}）· {{ me.authenticatedBy === 'SESSION' ? '会话登录' : me.authenticatedBy }}</a-descriptions-item>
            <a-descriptions-item label="安全模型">
              <div>除企业微信回调地址、登录接口和健康检查外，所有接口都需要登录：控制台用会话（Cookie + CSRF 令牌），对接方用个人访问令牌。</div>
              <div>角色分为管理员、运营、店长、只读；账号绑定企业，店长只看所绑定门店的数据，店长与只读账号看到的手机号已脱敏。</div>
              <div>每一次变更操作（无论成功与否）都记入审计日志，包含操作人、来源 IP、变更前后内容；密码与令牌从不记录。</div>
            </a-descriptions-item>
          </a-descriptions>
        </a-tab-pane>
      </a-tabs>
    </a-card>

    <a-modal v-model:open="form.open" :title="form.editing ? '编辑账号 ' + form.editing : '新建账号'" :ok-text="form.editing ? '保存' : '创建'"
        cancel-text="取消" :confirm-loading="form.busy" width="560px" data-test="account-modal" @ok="submitAccount">
      <a-alert v-if="form.err.general" type="error" :message="form.err.general" show-icon style="margin-bottom: 12px"></a-alert>
      <a-form layout="vertical">
        <a-form-item v-if="!form.editing" label="用户名" required :validate-status="form.err.username ? 'error' : ''"
            :help="form.err.username || '3–64 个字母、数字或 . _ -，以字母或数字开头'">
          <a-input v-model:value="form.username" id="account-username" autocomplete="off" placeholder="例如 zhang.san"></a-input>
        </a-form-item>
        <a-form-item v-if="!form.editing" label="初始密码" required :validate-status="form.err.password ? 'error' : ''"
            :help="form.err.password || '至少 10 个字符，不能与用户名相同，不能是常见密码'">
          <a-input-password v-model:value="form.password" id="account-password" autocomplete="new-password"></a-input-password>
        </a-form-item>
        <a-form-item label="角色" required :validate-status="form.err.role ? 'error' : ''" :help="form.err.role">
          <a-radio-group v-model:value="form.role" data-test="account-role">
            <a-radio-button v-for="r in ROLES" :key="r.value" :value="r.value">{{ r.label }}</a-radio-button>
          </a-radio-group>
          <div class="muted" style="margin-top: 4px">{{ roleOf(form.role).help }}</div>
        </a-form-item>
        <a-form-item v-if="form.role !== 'ADMIN'" label="企业" required :validate-status="form.err.corps ? 'error' : ''" :help="form.err.corps">
          <a-select v-model:value="form.corps" mode="multiple" :options="corpOptions" placeholder="选择账号可访问的企业" data-test="account-corps"></a-select>
        </a-form-item>
        <a-form-item v-if="form.role === 'STORE_MANAGER'" label="门店" required :validate-status="form.err.stores ? 'error' : ''"
            :help="form.err.stores || '当前企业的门店（部门，含下级部门）'">
          <store-select v-model:value="form.stores" multiple placeholder="选择门店" style="width: 100%"></store-select>
        </a-form-item>
        <a-form-item label="状态">
          <a-switch v-model:checked="form.enabled" checked-children="启用" un-checked-children="停用"></a-switch>
        </a-form-item>
      </a-form>
    </a-modal>

    <a-modal v-model:open="reset.open" :title="'重置 ' + reset.username + ' 的密码'" ok-text="重置" cancel-text="取消"
        :confirm-loading="reset.busy" @ok="submitReset">
      <a-form layout="vertical">
        <a-form-item label="新密码" :validate-status="reset.err ? 'error' : ''" :help="reset.err || '至少 10 个字符，不能与用户名相同，不能是常见密码'">
          <a-input-password v-model:value="reset.password" autocomplete="new-password"></a-input-password>
        </a-form-item>
      </a-form>
    </a-modal>

    <a-modal v-model:open="tokenForm.open" title="新建访问令牌" ok-text="创建" cancel-text="取消" :confirm-loading="tokenForm.busy"
        data-test="token-modal" @ok="submitToken">
      <a-form layout="vertical">
        <a-form-item label="名称" required :validate-status="tokenForm.err.name ? 'error' : ''" :help="tokenForm.err.name">
          <a-input v-model:value="tokenForm.name" id="token-name" :maxlength="100" placeholder="用途，例如：BI 报表同步"></a-input>
        </a-form-item>
        <a-form-item label="有效期（天）" required :validate-status="tokenForm.err.days ? 'error' : ''" :help="tokenForm.err.days || '最长 365 天，到期后自动失效'">
          <a-input-number v-model:value="tokenForm.days" id="token-days" :min="1" :max="365" :precision="0" style="width: 160px"></a-input-number>
        </a-form-item>
      </a-form>
    </a-modal>

    <a-modal :open="issued.open" title="令牌已创建" :closable="false" :mask-closable="false" data-test="token-issued">
      <a-alert type="warning" show-icon message="令牌只显示这一次" description="关闭后无法再次查看，请立即复制并妥善保存；如果遗失，请吊销后重新创建。" style="margin-bottom: 12px"></a-alert>
      <template v-if="issued.token">
        <div class="muted" style="margin-bottom: 4px">{{ issued.token.name }} · 有效期至 {{ fmtDateTime(issued.token.expiresAt) }}</div>
        <a-input id="token-secret" :value="issued.token.token" readonly data-test="token-secret"></a-input>
      </template>
      <template #footer>
        <a-button data-test="token-copy" @click="copySecret">{{ issued.copied ? '已复制' : '复制令牌' }}</a-button>
        <a-button type="primary" data-test="token-done" @click="closeIssued">我已保存</a-button>
      </template>
    </a-modal>

    <a-drawer v-model:open="entry.open" :title="entry.item ? '审计记录 #' + entry.item.id : '审计记录'" width="880" data-test="audit-drawer">
      <template v-if="entry.item">
        <a-descriptions :column="2" size="small" bordered>
          <a-descriptions-item label="时间">{{ fmtDateTime(entry.item.at) }}</a-descriptions-item>
          <a-descriptions-item label="操作人">{{ entry.item.actor }}</a-descriptions-item>
          <a-descriptions-item label="操作" :span="2">{{ actionLabel(entry.item.action) }} <span class="muted">（{{ entry.item.action }}）</span></a-descriptions-item>
          <a-descriptions-item label="请求路径" :span="2">{{ entry.item.path }}</a-descriptions-item>
          <a-descriptions-item label="对象">{{ entry.item.objectType || '—' }}{{ entry.item.objectId ? ' · ' + entry.item.objectId : '' }}</a-descriptions-item>
          <a-descriptions-item label="企业">{{ entry.item.corpId || '—' }}</a-descriptions-item>
          <a-descriptions-item label="结果"><a-tag :color="entry.item.succeeded ? 'green' : 'red'">{{ entry.item.succeeded ? '成功' : '失败' }}（HTTP {{ entry.item.status }}）</a-tag></a-descriptions-item>
          <a-descriptions-item label="来源 IP">{{ entry.item.sourceIp || '—' }}</a-descriptions-item>
          <a-descriptions-item label="客户端" :span="2"><span class="muted">{{ entry.item.userAgent || '—' }}</span></a-descriptions-item>
        </a-descriptions>
        <a-row :gutter="12" style="margin-top: 16px">
          <a-col :span="12">
            <h4>变更前</h4>
            <pre :style="CODE_STYLE" data-test="audit-before">{{ entry.item.before == null ? '（无：新建或没有可读的对象）' : prettyJson(entry.item.before) }}</pre>
          </a-col>
          <a-col :span="12">
            <h4>变更后</h4>
            <pre :style="CODE_STYLE" data-test="audit-after">{{ entry.item.after == null ? '（无：操作被拒绝或对象已删除）' : prettyJson(entry.item.after) }}</pre>
          </a-col>
        </a-row>
        <h4 style="margin-top: 16px">请求内容</h4>
        <pre :style="CODE_STYLE">{{ entry.item.request == null ? '（无请求体）' : prettyJson(entry.item.request) }}</pre>
      </template>
    </a-drawer>
  </div>`,
};
