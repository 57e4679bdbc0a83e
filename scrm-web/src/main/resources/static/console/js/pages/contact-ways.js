// 渠道活码: the corp's contact ways (store / staff / campaign QR codes) with their adds today and in the last year,
// create and edit in a drawer (members, store, channel state, tags, welcome message with variables and a preview),
// the QR code's address, per-day adds and retention, and the welcome ledger's last 24 hours on top.
import { corpApi, can } from '../session.js';
import { showError, fieldErrors, useDrawerForm } from '../components/common.js';
import { fmtNumber, fmtPercent, fmtDateTime, fmtMonthDay, isoDay } from '../format.js';
import {
  useNames, WelcomeEditor, CONTACT_WAY_KINDS, kindLabel, sameOriginUrl, fmtMs, utf8Bytes,
} from '../components/acq-common.js';

const { ref, reactive, computed, onMounted } = Vue;

const STATE_PATTERN = /^[A-Za-z0-9_.:-]{1,30}$/;

function emptyForm() {
  return {
    name: '', kind: 'MULTI', state: 'cw_' + Date.now().toString(36), userids: [], departmentIds: [],
    storeDeptId: undefined, channel: '', campaign: '', remark: '', skipVerify: true, tagIds: [],
    welcomeOn: true, welcomeText: '', attachments: [],
  };
}

export default {
  name: 'ContactWaysPage',
  components: { WelcomeEditor },
  setup() {
    const { names, load: loadNames, staffName, deptName, tagName } = useNames();
    const list = reactive({ items: [], loading: false, error: null });
    const includeDeleted = ref(false);
    const keyword = ref('');
    const adds = reactive({});   // id → {today, total} | 'loading' | 'error'
    const summary = reactive({ data: null, error: null });
    const canOperate = can.operate();

    const loadAdds = async (ways) => {
      const today = isoDay(0);
      const from = isoDay(-365);
      const queue = ways.filter((w) => !w.deletedAt).slice();
      queue.forEach((w) => { adds[w.id] = 'loading'; });
      const worker = async () => {
        while (queue.length) {
          const w = queue.shift();
          try {
            const s = await corpApi.get(`/contact-ways/${w.id}/stats`, { from, to: today });
            const d = s.days.find((x) => x.day === today);
            adds[w.id] = { today: d ? d.adds : 0, total: s.adds };
          } catch (e) {
            adds[w.id] = 'error';
          }
        }
      };
      await Promise.all([worker(), worker(), worker()]);
    };

    const load = async () => {
      list.loading = true;
      list.error = null;
      try {
        list.items = await corpApi.get('/contact-ways', { includeDeleted: includeDeleted.value });
        loadAdds(list.items);
      } catch (e) {
        list.error = e;
        list.items = [];
      } finally {
        list.loading = false;
      }
    };
    const loadSummary = async () => {
      try {
        summary.data = await corpApi.get('/welcomes/summary');
      } catch (e) {
        summary.error = e;
      }
    };
    onMounted(() => {
      loadNames();
      load();
      loadSummary();
    });

    const rows = computed(() => {
      const k = keyword.value.trim().toLowerCase();
      if (!k) {
        return list.items;
      }
      return list.items.filter((w) => [w.name, w.state, w.channel, w.campaign, deptName(w.storeDeptId)]
        .some((x) => x && String(x).toLowerCase().includes(k)));
    });

    const within20s = computed(() => {
      const s = summary.data;
      return s && s.sent ? s.sentWithin20s / s.sent : null;
    });
    const notSent = computed(() => {
      const s = summary.data;
      if (!s) {
        return 0;
      }
      return Object.entries(s.counts || {}).filter(([k]) => k !== 'SENT' && k !== 'PENDING')
        .reduce((a, [, v]) => a + v, 0);
    });

    const columns = [
      { title: '活码名称', key: 'name', width: 200 },
      { title: '门店', key: 'store', width: 130 },
      { title: '接待员工', key: 'staff', width: 180 },
      { title: '渠道 / 渠道标识', key: 'channel', width: 170 },
      { title: '自动标签', key: 'tags', width: 160 },
      { title: '欢迎语', key: 'welcome', width: 80 },
      { title: '今日新增', key: 'today', width: 90, align: 'right' },
      { title: '近一年新增', key: 'total', width: 100, align: 'right' },
      { title: '操作', key: 'actions', width: 200 },
    ];

    // ---- drawer: create / edit
    const { drawer, form, err, setErr, openCreate, openEdit: openWith } = useDrawerForm(emptyForm);
    const openEdit = (w) => openWith(w, {
        name: w.name, kind: w.kind, state: w.state, userids: w.userids.slice(),
        departmentIds: w.departmentIds.slice(), storeDeptId: w.storeDeptId === null ? undefined : w.storeDeptId,
        channel: w.channel || '', campaign: w.campaign || '', remark: w.remark || '', skipVerify: w.skipVerify,
        tagIds: w.tagIds.slice(), welcomeOn: !!w.welcome, welcomeText: (w.welcome && w.welcome.text) || '',
        attachments: (w.welcome && w.welcome.attachments) || [],
      });
    const sample = computed(() => ({
      staff_name: form.userids.length ? staffName(form.userids[0]) : undefined,
      store_name: form.storeDeptId ? deptName(form.storeDeptId) : undefined,
      channel: form.channel || undefined,
    }));
    const multipleStaff = computed(() => form.kind !== 'STAFF');
    const staffValue = computed({
      get: () => (multipleStaff.value ? form.userids : form.userids[0]),
      set: (v) => { form.userids = Array.isArray(v) ? v : (v ? [v] : []); },
    });

    const validate = () => {
      const e = {};
      if (!form.name.trim()) {
        e.name = '请填写活码名称';
      } else if (form.name.trim().length > 64) {
        e.name = '活码名称最长 64 个字符';
      }
      if (!drawer.editing && !STATE_PATTERN.test(form.state.trim())) {
        e.state = '渠道标识必填，最长 30 个字符，只能包含字母、数字和 _ - . :';
      }
      if (form.kind === 'STAFF' && form.userids.length !== 1) {
        e.userids = '单人活码需要选择一名员工';
      }
      if (form.kind === 'MULTI' && form.userids.length === 0) {
        e.userids = '多人活码至少选择一名员工';
      }
      if (form.kind === 'STORE' && !form.storeDeptId) {
        e.storeDeptId = '门店活码需要选择门店';
      }
      if (form.kind === 'CAMPAIGN' && form.userids.length === 0 && form.departmentIds.length === 0) {
        e.userids = '活动活码至少选择一名员工或一个部门';
      }
      if (form.remark.length > 30) {
        e.remark = '备注最长 30 个字符（企业微信限制）';
      }
      if (form.welcomeOn && !form.welcomeText.trim() && form.attachments.length === 0) {
        e.welcome = '请填写欢迎语，或关闭欢迎语';
      } else if (form.welcomeOn && utf8Bytes(form.welcomeText) > 4000) {
        e.welcome = '欢迎语最长 4000 字节（企业微信限制）';
      }
      setErr(e);
      return Object.keys(e).length === 0;
    };

    const save = async () => {
      drawer.error = '';
      if (!validate()) {
        return;
      }
      const body = {
        name: form.name.trim(), userids: form.userids,
        departmentIds: form.kind === 'STORE' ? [form.storeDeptId] : (form.kind === 'CAMPAIGN' ? form.departmentIds : []),
        storeDeptId: form.storeDeptId || null, channel: form.channel.trim(), campaign: form.campaign.trim(),
        remark: form.remark.trim(), skipVerify: form.skipVerify, tagIds: form.tagIds,
        welcome: form.welcomeOn ? { text: form.welcomeText, attachments: form.attachments } : null,
      };
      if (!drawer.editing) {
        body.kind = form.kind;
        body.state = form.state.trim();
      }
      drawer.saving = true;
      try {
        if (drawer.editing) {
          await corpApi.patch(`/contact-ways/${drawer.editing.id}`, body);
          antd.message.success('活码已保存');
        } else {
          const created = await corpApi.post('/contact-ways', body);
          antd.message.success(`活码“${created.name}”已创建`);
        }
        drawer.open = false;
        load();
      } catch (e) {
        const fe = fieldErrors(e);
        if (fe['welcome.text']) {
          fe.welcome = fe['welcome.text'];
        }
        setErr(fe);
        drawer.error = e && e.isApiError ? e.detail : String(e);
      } finally {
        drawer.saving = false;
      }
    };

    // ---- delete
    const remove = async (w) => {
      try {
        const r = await corpApi.del(`/contact-ways/${w.id}`);
        antd.message.success(r && r.message ? r.message : '活码已删除');
        load();
      } catch (e) {
        showError(e);
      }
    };

    // ---- QR
    const qr = reactive({ open: false, way: null });
    const openQr = (w) => {
      qr.way = w;
      qr.open = true;
    };

    // ---- stats
    const stats = reactive({ open: false, way: null, days: 30, data: null, loading: false, error: null });
    const loadStats = async () => {
      stats.loading = true;
      stats.error = null;
      try {
        stats.data = await corpApi.get(`/contact-ways/${stats.way.id}/stats`,
          { from: isoDay(-(stats.days - 1)), to: isoDay(0) });
      } catch (e) {
        stats.error = e;
        stats.data = null;
      } finally {
        stats.loading = false;
      }
    };
    const openStats = (w) => {
      stats.way = w;
      stats.data = null;
      stats.open = true;
      loadStats();
    };
    const statDays = computed(() => {
      const s = stats.data;
      if (!s) {
        return [];
      }
      const byDay = Object.fromEntries(s.days.map((d) => [d.day, d]));
      const out = [];
      const start = new Date(s.from + 'T00:00:00Z');
      const end = new Date(s.to + 'T00:00:00Z');
      for (let t = start.getTime(); t <= end.getTime(); t += 86400000) {
        const day = new Date(t).toISOString().slice(0, 10);
        out.push(byDay[day] || { day, adds: 0, stillFriends7d: 0, stillFriends30d: 0, eligible7d: 0, eligible30d: 0 });
      }
      return out;
    });
    const retention = (kept, eligible) => (eligible ? kept / eligible : null);
    const statTotals = computed(() => {
      const d = statDays.value;
      const sum = (k) => d.reduce((a, x) => a + x[k], 0);
      return { adds: sum('adds'), r7: retention(sum('stillFriends7d'), sum('eligible7d')),
        r30: retention(sum('stillFriends30d'), sum('eligible30d')) };
    });
    const chartOption = computed(() => {
      const d = statDays.value;
      const pct = (kept, eligible) => (eligible ? Math.round((kept / eligible) * 1000) / 10 : null);
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : v) },
        legend: { data: ['新增客户', '7 日留存率', '30 日留存率'] },
        grid: { left: 48, right: 56, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: d.map((x) => fmtMonthDay(x.day)) },
        yAxis: [
          { type: 'value', name: '人', minInterval: 1 },
          { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
        ],
        series: [
          { name: '新增客户', type: 'bar', data: d.map((x) => x.adds), itemStyle: { color: '#07c160' } },
          { name: '7 日留存率', type: 'line', yAxisIndex: 1, connectNulls: true,
            data: d.map((x) => pct(x.stillFriends7d, x.eligible7d)) },
          { name: '30 日留存率', type: 'line', yAxisIndex: 1, connectNulls: true,
            data: d.map((x) => pct(x.stillFriends30d, x.eligible30d)) },
        ],
      };
    });

    return {
      names, list, rows, includeDeleted, keyword, adds, summary, within20s, notSent, columns, load, canOperate,
      staffName, deptName, tagName, kindLabel, kinds: CONTACT_WAY_KINDS,
      drawer, form, err, openCreate, openEdit, save, sample, multipleStaff, staffValue, remove,
      qr, openQr, sameOriginUrl, stats, openStats, loadStats, statTotals, chartOption,
      fmtNumber, fmtPercent, fmtDateTime, fmtMs,
    };
  },
  template: `
  <div>
    <page-header title="渠道活码" subtitle="门店、员工和活动的加好友二维码：扫码添加后自动发送欢迎语、打标签，并按渠道归因">
      <template #extra>
        <a-button v-if="canOperate" type="primary" data-test="cw-create" @click="openCreate">＋ 新建渠道活码</a-button>
      </template>
    </page-header>

    <a-card size="small" class="section" title="欢迎语送达（近 24 小时）" data-test="welcome-summary">
      <a-row :gutter="16">
        <a-col :span="6">
          <a-statistic title="欢迎语 20 秒内送达率" :value="within20s === null ? '—' : fmtPercent(within20s)"></a-statistic>
        </a-col>
        <a-col :span="6">
          <a-statistic title="已发送" :value="summary.data ? fmtNumber(summary.data.sent) : '—'"></a-statistic>
        </a-col>
        <a-col :span="6">
          <a-statistic title="送达耗时 中位数 / P99"
              :value="summary.data ? fmtMs(summary.data.p50Ms) + ' / ' + fmtMs(summary.data.p99Ms) : '—'"></a-statistic>
        </a-col>
        <a-col :span="6">
          <a-tooltip title="过期、已被使用、发送失败、非渠道添加、活码未设置欢迎语、企业微信未给欢迎语 code">
            <a-statistic title="未发送" :value="summary.data ? fmtNumber(notSent) : '—'"></a-statistic>
          </a-tooltip>
        </a-col>
      </a-row>
    </a-card>

    <div class="filters">
      <a-input-search v-model:value="keyword" placeholder="搜索名称、渠道、渠道标识或门店" allow-clear style="width: 280px"></a-input-search>
      <span class="muted">显示已删除</span>
      <a-switch v-model:checked="includeDeleted" size="small" @change="load"></a-switch>
      <a-button @click="load">刷新</a-button>
    </div>

    <load-error v-if="list.error" :error="list.error" @retry="load"></load-error>
    <a-table v-else :columns="columns" :data-source="rows" row-key="id" :loading="list.loading" size="middle"
        :pagination="{ pageSize: 20, showTotal: (t) => '共 ' + t + ' 个活码', hideOnSinglePage: false }">
      <template #emptyText>
        <a-empty :description="canOperate ? '还没有渠道活码：点击“新建渠道活码”，为门店或员工生成加好友二维码' : '暂无渠道活码'"></a-empty>
      </template>
      <template #bodyCell="{ column, record }">
        <template v-if="column.key === 'name'">
          <div :data-test="'cw-row-' + record.state"><b>{{ record.name }}</b></div>
          <a-tag>{{ kindLabel(record.kind) }}</a-tag>
          <a-tag v-if="record.deletedAt" color="default">已删除</a-tag>
          <div class="muted" style="font-size: 12px">创建于 {{ fmtDateTime(record.createdAt) }}</div>
        </template>
        <template v-else-if="column.key === 'store'">{{ record.storeDeptId ? deptName(record.storeDeptId) : '—' }}</template>
        <template v-else-if="column.key === 'staff'">
          <span v-if="!record.userids.length && !record.departmentIds.length">—</span>
          <span v-for="u in record.userids.slice(0, 3)" :key="u" style="margin-right: 6px">{{ staffName(u) }}</span>
          <span v-if="record.userids.length > 3" class="muted">等 {{ record.userids.length }} 人</span>
          <div v-if="record.departmentIds.length" class="muted" style="font-size: 12px">
            部门：{{ record.departmentIds.map(deptName).join('、') }}</div>
        </template>
        <template v-else-if="column.key === 'channel'">
          <div>{{ record.channel || '—' }}<span v-if="record.campaign" class="muted"> · {{ record.campaign }}</span></div>
          <a-typography-text code style="font-size: 12px">{{ record.state }}</a-typography-text>
        </template>
        <template v-else-if="column.key === 'tags'">
          <span v-if="!record.tagIds.length" class="muted">—</span>
          <a-tag v-for="t in record.tagIds.slice(0, 3)" :key="t" color="green">{{ tagName(t) }}</a-tag>
          <a-tag v-if="record.tagIds.length > 3">+{{ record.tagIds.length - 3 }}</a-tag>
        </template>
        <template v-else-if="column.key === 'welcome'">
          <a-tooltip v-if="record.welcome" :title="record.welcome.text || '（仅附件）'">
            <a-tag color="green">已开启</a-tag>
          </a-tooltip>
          <a-tag v-else>未设置</a-tag>
        </template>
        <template v-else-if="column.key === 'today'">
          <span class="num" :data-test="'cw-today-' + record.id">{{ adds[record.id] === 'loading' ? '…' : (adds[record.id] && adds[record.id] !== 'error' ? fmtNumber(adds[record.id].today) : '—') }}</span>
        </template>
        <template v-else-if="column.key === 'total'">
          <span class="num">{{ adds[record.id] === 'loading' ? '…' : (adds[record.id] && adds[record.id] !== 'error' ? fmtNumber(adds[record.id].total) : '—') }}</span>
        </template>
        <template v-else-if="column.key === 'actions'">
          <a-space :size="4" wrap>
            <a-button type="link" size="small" :data-test="'cw-qr-' + record.id" @click="openQr(record)">二维码</a-button>
            <a-button type="link" size="small" :data-test="'cw-stats-' + record.id" @click="openStats(record)">数据</a-button>
            <template v-if="canOperate && !record.deletedAt">
              <a-button type="link" size="small" :data-test="'cw-edit-' + record.id" @click="openEdit(record)">编辑</a-button>
              <a-popconfirm title="删除后二维码立即失效，已添加客户的归因和标签不变。确定删除？" ok-text="删除" cancel-text="取消"
                  @confirm="remove(record)">
                <a-button type="link" size="small" danger :data-test="'cw-delete-' + record.id">删除</a-button>
              </a-popconfirm>
            </template>
          </a-space>
        </template>
      </template>
    </a-table>

    <a-drawer :open="drawer.open" :title="drawer.editing ? '编辑渠道活码' : '新建渠道活码'" width="640"
        :mask-closable="false" @close="drawer.open = false">
      <a-alert v-if="drawer.error" type="error" :message="drawer.error" show-icon style="margin-bottom: 16px" data-test="cw-form-error"></a-alert>
      <a-form layout="vertical">
        <a-form-item label="活码名称" required :validate-status="err.name ? 'error' : ''" :help="err.name">
          <a-input v-model:value="form.name" :maxlength="64" placeholder="例如：A店门口海报" data-test="cw-name"></a-input>
        </a-form-item>
        <a-form-item label="活码类型" required>
          <a-radio-group v-model:value="form.kind" :disabled="!!drawer.editing" button-style="solid">
            <a-radio-button v-for="k in kinds" :key="k.value" :value="k.value">{{ k.label }}</a-radio-button>
          </a-radio-group>
          <div class="muted" style="font-size: 12px; margin-top: 4px">{{ kinds.find(k => k.value === form.kind).hint }}<span v-if="drawer.editing">；类型创建后不能修改</span></div>
        </a-form-item>
        <a-form-item v-if="form.kind !== 'STORE'" :label="form.kind === 'STAFF' ? '接待员工' : '接待员工（可多选）'"
            :required="form.kind !== 'CAMPAIGN'" :validate-status="err.userids ? 'error' : ''" :help="err.userids">
          <div data-test="cw-staff">
            <staff-select v-model:value="staffValue" :multiple="multipleStaff" placeholder="选择员工" style="width: 100%"></staff-select>
          </div>
        </a-form-item>
        <a-form-item v-if="form.kind === 'CAMPAIGN'" label="接待部门（可多选）">
          <store-select v-model:value="form.departmentIds" multiple placeholder="选择部门" style="width: 100%"></store-select>
        </a-form-item>
        <a-form-item :label="form.kind === 'STORE' ? '门店（该部门全体员工接待）' : '归属门店'" :required="form.kind === 'STORE'"
            :validate-status="err.storeDeptId ? 'error' : ''" :help="err.storeDeptId || (form.kind === 'STORE' ? '' : '扫码客户归因到该门店；不选则按员工所在部门')">
          <div data-test="cw-store">
            <store-select v-model:value="form.storeDeptId" placeholder="选择门店" style="width: 100%"></store-select>
          </div>
        </a-form-item>
        <a-row :gutter="12">
          <a-col :span="12">
            <a-form-item label="渠道名称" :validate-status="err.channel ? 'error' : ''" :help="err.channel">
              <a-input v-model:value="form.channel" :maxlength="64" placeholder="例如：门店海报" data-test="cw-channel"></a-input>
            </a-form-item>
          </a-col>
          <a-col :span="12">
            <a-form-item label="活动" :validate-status="err.campaign ? 'error' : ''" :help="err.campaign">
              <a-input v-model:value="form.campaign" :maxlength="64" placeholder="例如：新店开业"></a-input>
            </a-form-item>
          </a-col>
        </a-row>
        <a-form-item label="渠道标识 state" required :validate-status="err.state ? 'error' : ''"
            :help="err.state || (drawer.editing ? '创建后不能修改：已添加的客户按它归因' : '企业微信回传的渠道参数，最长 30 个字符，只能包含字母、数字和 _ - . :；删除活码后仍保留')">
          <a-input v-model:value="form.state" :disabled="!!drawer.editing" :maxlength="30" data-test="cw-state"></a-input>
        </a-form-item>
        <a-form-item label="备注（企业微信中可见）" :validate-status="err.remark ? 'error' : ''" :help="err.remark">
          <a-input v-model:value="form.remark" :maxlength="30" show-count></a-input>
        </a-form-item>
        <a-form-item label="添加好友">
          <a-switch v-model:checked="form.skipVerify"></a-switch>
          <span style="margin-left: 8px">{{ form.skipVerify ? '客户扫码后无需员工验证，直接成为好友' : '需员工通过好友验证' }}</span>
        </a-form-item>
        <a-form-item label="自动打标签" :validate-status="err.tagIds ? 'error' : ''" :help="err.tagIds || '扫码添加的客户自动打上这些企业标签'">
          <tag-select v-model:value="form.tagIds" placeholder="选择标签（可多选）" style="width: 100%"></tag-select>
        </a-form-item>
        <a-form-item label="欢迎语" :validate-status="err.welcome ? 'error' : ''" :help="err.welcome">
          <div style="margin-bottom: 8px">
            <a-switch v-model:checked="form.welcomeOn" :disabled="!!(drawer.editing && drawer.editing.welcome)" data-test="cw-welcome-on"></a-switch>
            <span style="margin-left: 8px">{{ form.welcomeOn ? '客户添加后 20 秒内自动发送' : '不发送欢迎语' }}</span>
            <div v-if="drawer.editing && drawer.editing.welcome" class="muted" style="font-size: 12px">已设置的欢迎语可以修改内容，不能关闭</div>
          </div>
          <welcome-editor v-if="form.welcomeOn" v-model:value="form.welcomeText" :sample="sample" :error="err.welcome"></welcome-editor>
          <div v-if="form.welcomeOn && form.attachments.length" class="muted" style="margin-top: 6px">
            附件 {{ form.attachments.length }} 个（{{ form.attachments.map(a => ({ image: '图片', link: '链接', miniprogram: '小程序', video: '视频', file: '文件' }[a.msgtype] || a.msgtype)).join('、') }}），保存时保留
          </div>
        </a-form-item>
      </a-form>
      <template #footer>
        <div style="text-align: right">
          <a-button style="margin-right: 8px" @click="drawer.open = false">取消</a-button>
          <a-button type="primary" :loading="drawer.saving" data-test="cw-save" @click="save">{{ drawer.editing ? '保存' : '创建活码' }}</a-button>
        </div>
      </template>
    </a-drawer>

    <a-modal :open="qr.open" :title="qr.way ? '二维码 · ' + qr.way.name : '二维码'" :footer="null" @cancel="qr.open = false" width="560px">
      <template v-if="qr.way">
        <div v-if="qr.way.qrCode">
          <div v-if="sameOriginUrl(qr.way.qrCode)" style="text-align: center; margin-bottom: 12px">
            <img :src="qr.way.qrCode" alt="渠道活码二维码" style="width: 200px; height: 200px">
          </div>
          <a-alert v-else type="info" show-icon style="margin-bottom: 12px"
              message="二维码图片由企业微信提供，控制台不直接加载外部图片；请点击“下载二维码”在新窗口打开后保存。"></a-alert>
          <div class="muted" style="margin-bottom: 4px">二维码地址</div>
          <a-typography-paragraph :copyable="{ text: qr.way.qrCode, tooltips: ['复制', '已复制'] }" data-test="cw-qr-url"
              style="word-break: break-all; background: #fafafa; padding: 8px; border-radius: 6px">{{ qr.way.qrCode }}</a-typography-paragraph>
          <a :href="qr.way.qrCode" target="_blank" rel="noopener noreferrer" class="ant-btn ant-btn-primary" data-test="cw-qr-download">下载二维码</a>
        </div>
        <a-empty v-else description="企业微信没有返回二维码（小程序活码没有二维码）"></a-empty>
        <a-descriptions :column="1" size="small" style="margin-top: 16px" bordered>
          <a-descriptions-item label="渠道标识">{{ qr.way.state }}</a-descriptions-item>
          <a-descriptions-item label="企业微信 config_id">{{ qr.way.configId }}</a-descriptions-item>
          <a-descriptions-item label="场景">{{ qr.way.scene === 1 ? '小程序' : '二维码' }}</a-descriptions-item>
        </a-descriptions>
      </template>
    </a-modal>

    <a-modal :open="stats.open" :title="stats.way ? '活码数据 · ' + stats.way.name : '活码数据'" :footer="null" width="860px"
        @cancel="stats.open = false">
      <div class="filters">
        <a-radio-group v-model:value="stats.days" button-style="solid" size="small" @change="loadStats">
          <a-radio-button :value="7">近 7 天</a-radio-button>
          <a-radio-button :value="30">近 30 天</a-radio-button>
          <a-radio-button :value="90">近 90 天</a-radio-button>
        </a-radio-group>
      </div>
      <load-error v-if="stats.error" :error="stats.error" @retry="loadStats"></load-error>
      <a-spin v-else :spinning="stats.loading">
        <div class="card-grid" style="grid-template-columns: repeat(3, 1fr)" data-test="cw-stats">
          <a-statistic title="新增客户" :value="fmtNumber(statTotals.adds)"></a-statistic>
          <a-statistic title="7 日留存率" :value="statTotals.r7 === null ? '—' : fmtPercent(statTotals.r7)"></a-statistic>
          <a-statistic title="30 日留存率" :value="statTotals.r30 === null ? '—' : fmtPercent(statTotals.r30)"></a-statistic>
        </div>
        <e-chart :option="chartOption" height="320px" data-test="cw-stats-chart"></e-chart>
        <div class="muted" style="font-size: 12px">留存率 = 添加满 7 / 30 天且仍是好友的客户 ÷ 添加满 7 / 30 天的客户（经继承转移的关系算作保留）；按天统计，时区为服务器时区。</div>
      </a-spin>
    </a-modal>
  </div>`,
};
