// 群发详情: the campaign's header (state, actions: 立即发送, 暂停/启用, 取消发送, 编辑), what it is (audience, content,
// channel, schedule), and its results — the funnel 受众 → 计划发送 → 已建任务 → 员工已确认 → 已送达 (all runs or one), by
// store and by staff (who has not confirmed, with 提醒), each customer's status (GET /campaigns/{id}/deliveries,
// paged), the runs with their own pause / resume / cancel, the uplift against the control group, and an SOP's
// enrolments.
import { corpApi, can } from '../session.js';
import { showError, usePagedList, departments, staffList, tagGroups, stageLabel } from '../components/common.js';
import { describeCondition, ruleFields } from '../components/condition-builder.js';
import {
  CHANNELS, DELIVERY_STATUS, campaignState, channelLabel, deliveryStatus, kindLabel, reasonLabel, runInProgress,
  runStatus, scheduleSummary,
} from '../components/campaign-common.js';
import { fmtDateTime, fmtNumber, fmtPercent } from '../format.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount, watch } = Vue;
const { useRoute, useRouter } = VueRouter;

export default {
  name: 'CampaignDetailPage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const id = computed(() => route.params.id);
    const campaign = ref(null);
    const runs = ref([]);
    const results = ref(null);
    const uplift = ref(null);
    const enrollments = ref([]);
    const loading = ref(true);
    const error = ref(null);
    const runId = ref(0);           // 0: every run
    const tab = ref('results');
    const names = reactive({ tags: {}, stores: {}, staff: {} });
    const fields = ref([]);
    const refreshing = ref(false);

    const loadResults = async () => {
      results.value = await corpApi.get(`/campaigns/${id.value}/results`, { runId: runId.value || undefined });
    };

    const load = async (quiet) => {
      if (!quiet) {
        loading.value = true;
      }
      error.value = null;
      try {
        const [c, r] = await Promise.all([corpApi.get(`/campaigns/${id.value}`),
          corpApi.get(`/campaigns/${id.value}/runs`, { limit: 100 })]);
        campaign.value = c;
        runs.value = r;
        await loadResults();
        if (c.kind === 'SOP') {
          enrollments.value = await corpApi.get(`/campaigns/${id.value}/enrollments`, { limit: 500 });
        }
        if (c.definition.controlGroupPercent > 0) {
          uplift.value = await corpApi.get(`/campaigns/${id.value}/uplift`);
        }
        deliveries.reload(false);
      } catch (e) {
        if (!quiet) {
          error.value = e;
        } else {
          showError(e);
        }
      } finally {
        loading.value = false;
      }
    };
    const refresh = async () => {
      refreshing.value = true;
      try {
        await load(true);
      } finally {
        refreshing.value = false;
      }
    };

    const loadNames = async () => {
      try {
        const [groups, depts, staff, rf] = await Promise.all([tagGroups(), departments(), staffList(), ruleFields()]);
        groups.forEach((g) => g.tags.forEach((t) => { names.tags[t.tagId] = t.name; }));
        depts.forEach((d) => { names.stores[d.id] = d.name; });
        staff.forEach((s) => { names.staff[s.userid] = s.name; });
        fields.value = rf.fields;
      } catch (e) {
        // names are a nicety: ids are shown without them
      }
    };

    // per-customer statuses: server pages
    const deliveryFilter = reactive({ status: undefined });
    const deliveries = usePagedList((page, size) => corpApi.get(`/campaigns/${id.value}/deliveries`,
      { page, size, runId: runId.value || undefined, status: deliveryFilter.status }));
    watch(() => deliveryFilter.status, () => deliveries.reload());
    watch(runId, async () => {
      try {
        await loadResults();
      } catch (e) {
        showError(e);
      }
      deliveries.reload();
    });

    const lastRun = computed(() => runs.value[0] || null);
    const state = computed(() => campaign.value && campaignState(campaign.value, lastRun.value));
    const running = computed(() => runInProgress(lastRun.value));
    const def = computed(() => (campaign.value && campaign.value.definition) || {});

    // auto-refresh while something is in progress
    let timer = null;
    watch(running, (r) => {
      clearInterval(timer);
      if (r) {
        timer = setInterval(() => { if (!refreshing.value) { refresh(); } }, 5000);
      }
    });
    onBeforeUnmount(() => clearInterval(timer));

    const act = (action, run) => {
      const name = campaign.value.name;
      const texts = {
        run: { title: `立即发送「${name}」？`, content: '将按当前受众创建一次新的发送，员工需在企业微信中确认后发出。', ok: '立即发送' },
        pause: { title: run ? '暂停这次发送？' : `暂停「${name}」？`, content: '暂停后不再创建新的企业微信任务（已创建的任务仍跟踪结果）。', ok: '暂停' },
        resume: { title: run ? '继续这次发送？' : `启用「${name}」？`, content: '恢复发送，暂停中的任务继续创建。', ok: run ? '继续' : '启用' },
        cancel: { title: run ? '取消这次发送？' : `取消「${name}」正在进行的发送？`, content: '未发出的消息不再发送，员工尚未确认的企业微信任务将被撤回。此操作不可撤销。', ok: '取消发送', danger: true },
      }[action];
      antd.Modal.confirm({
        title: texts.title, content: texts.content, okText: texts.ok, cancelText: '再想想',
        okButtonProps: texts.danger ? { danger: true } : undefined,
        onOk: async () => {
          try {
            await corpApi.post(run ? `/campaigns/${id.value}/runs/${run.id}/${action}` : `/campaigns/${id.value}/${action}`);
            antd.message.success({ run: '已开始发送', pause: '已暂停', resume: run ? '已继续' : '已启用',
              cancel: '已取消发送' }[action]);
            await refresh();
          } catch (e) {
            showError(e);
          }
        },
      });
    };

    // 提醒员工: the runs in progress (the one chosen, or all), every sender not confirmed yet or one of them
    const openRuns = computed(() => runs.value.filter((r) => runInProgress(r) && r.channel !== 'STAFF_TASK'
      && (!runId.value || r.id === runId.value)));
    const reminding = ref(null);
    const remind = async (userid) => {
      reminding.value = userid || '*';
      try {
        let reminded = 0;
        let refused = 0;
        for (const r of openRuns.value) {
          const out = await corpApi.post(`/campaigns/${id.value}/runs/${r.id}/remind`, undefined,
            userid ? { userid } : undefined);
          reminded += out.reminded;
          refused += out.refused;
        }
        if (reminded) {
          antd.message.success(`已通过企业微信提醒 ${reminded} 个未确认的群发任务`);
        } else {
          antd.message.info(refused ? '企业微信今日已不允许再次提醒（每个任务 24 小时内最多 3 次）'
            : '没有可提醒的任务：员工都已确认，或每个任务已提醒满 3 次');
        }
        await refresh();
      } catch (e) {
        showError(e);
      } finally {
        reminding.value = null;
      }
    };

    // ---------------------------------------------------------------- funnel
    const stages = computed(() => {
      const r = results.value || {};
      return [
        { key: 'audience', label: '受众', value: r.audience || 0, help: '计划时符合条件的客户（含对照组与超限）' },
        { key: 'planned', label: '计划发送', value: r.planned || 0, help: '去掉对照组与超过频次上限的客户' },
        { key: 'taskCreated', label: '已建任务', value: r.taskCreated || 0, help: '已在企业微信创建群发任务' },
        { key: 'confirmed', label: '员工已确认', value: r.confirmed || 0, help: '员工在企业微信中点了发送' },
        { key: 'delivered', label: '已送达', value: r.delivered || 0, help: '企业微信回报已发送给客户' },
      ];
    });
    const funnelOption = computed(() => ({
      tooltip: { trigger: 'item', formatter: (p) => `${p.name}：${fmtNumber(p.value)}` },
      color: ['#1677ff', '#4096ff', '#13c2c2', '#52c41a', '#07c160'],
      series: [{
        type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 10, bottom: 10, minSize: '8%', gap: 2,
        label: { show: true, position: 'inside', formatter: (p) => `${p.name} ${fmtNumber(p.value)}` },
        data: stages.value.map((s) => ({ name: s.label, value: s.value })),
      }],
    }));
    const failures = computed(() => Object.entries((results.value && results.value.failedReasons) || {})
      .map(([k, n]) => {
        const [status, reason] = k.split(':');
        return { key: k, status: deliveryStatus(status).label, reason: reasonLabel(reason), count: n };
      }));
    const rate = (a, b) => (b ? fmtPercent(a / b) : '—');

    const byStore = computed(() => ((results.value && results.value.byStore) || []).map((r) => ({
      ...r, storeName: r.storeName || names.stores[r.storeId] || (r.storeId ? '门店 ' + r.storeId : '未分配门店') })));
    const byStaff = computed(() => ((results.value && results.value.byStaff) || []).map((r) => ({
      ...r, name: r.name || names.staff[r.userid] || r.userid,
      waiting: Math.max(0, (r.taskCreated || 0) - (r.confirmed || 0) - (r.notConfirmed || 0)) })));
    const storeColumns = [
      { title: '门店', dataIndex: 'storeName', key: 'storeName' },
      { title: '计划发送', dataIndex: 'planned', key: 'planned', align: 'right' },
      { title: '已建任务', dataIndex: 'taskCreated', key: 'taskCreated', align: 'right' },
      { title: '员工已确认', dataIndex: 'confirmed', key: 'confirmed', align: 'right' },
      { title: '已送达', dataIndex: 'delivered', key: 'delivered', align: 'right' },
      { title: '送达率', key: 'rate', align: 'right' },
    ];
    const staffColumns = [
      { title: '员工', key: 'name' },
      { title: '计划发送', dataIndex: 'planned', key: 'planned', align: 'right' },
      { title: '已建任务', dataIndex: 'taskCreated', key: 'taskCreated', align: 'right' },
      { title: '员工已确认', dataIndex: 'confirmed', key: 'confirmed', align: 'right' },
      { title: '已送达', dataIndex: 'delivered', key: 'delivered', align: 'right' },
      { title: '待确认', key: 'waiting', align: 'right' },
      { title: '超时未确认', dataIndex: 'notConfirmed', key: 'notConfirmed', align: 'right' },
      { title: '', key: 'remind', width: 90 },
    ];
    const deliveryColumns = [
      { title: '客户', key: 'name' },
      { title: '发送员工', key: 'sender', width: 150 },
      { title: '门店', key: 'store', width: 150 },
      { title: '状态', key: 'status', width: 200 },
      { title: '员工确认', key: 'confirmed', width: 90 },
      { title: '送达时间', key: 'sentAt', width: 150 },
      { title: '消息', key: 'text' },
    ];
    const runColumns = [
      { title: '发送', key: 'occurrence' },
      { title: '状态', key: 'status', width: 130 },
      { title: '渠道', key: 'channel', width: 120 },
      { title: '受众', dataIndex: 'audience', key: 'audience', align: 'right', width: 90 },
      { title: '计划', dataIndex: 'planned', key: 'planned', align: 'right', width: 90 },
      { title: '对照组', dataIndex: 'heldBack', key: 'heldBack', align: 'right', width: 90 },
      { title: '确认截止', key: 'deadlineAt', width: 150 },
      { title: '完成时间', key: 'finishedAt', width: 150 },
      { title: '操作', key: 'actions', width: 150 },
    ];
    const enrollmentColumns = [
      { title: '客户', dataIndex: 'externalUserId', key: 'externalUserId' },
      { title: '员工', key: 'userid' },
      { title: '入组时间', key: 'anchorAt' },
      { title: '下一步', key: 'nextStep' },
      { title: '下一步时间', key: 'nextDueAt' },
      { title: '状态', key: 'status' },
    ];
    const runOptions = computed(() => [{ value: 0, label: `全部发送（${runs.value.length} 次）` }, ...runs.value.map((r) => ({
      value: r.id, label: `${fmtDateTime(r.dueAt)}（${runStatus(r.status).label}）` }))]);
    const deliveryStatusOptions = Object.entries(DELIVERY_STATUS).map(([value, s]) => ({ value, label: s.label }));
    const triggerLabel = (r) => (r.trigger === 'SOP' ? `SOP 第 ${(r.sopStep || 0) + 1} 步`
      : ({ API: '手动发送', SCHEDULE: '按计划' })[r.trigger] || r.trigger || '');
    const upliftRows = computed(() => {
      const u = uplift.value;
      if (!u) {
        return [];
      }
      const rows = [];
      const add = (key, label) => u[key] && rows.push({ key, label, ...u[key] });
      add('retained7d', '7 天后仍是好友');
      add('retained30d', '30 天后仍是好友');
      if (u.goal) {
        const goalParts = [];
        if (u.goal.tags && u.goal.tags.length) {
          goalParts.push('打上标签 ' + u.goal.tags.map((t) => names.tags[t] || t).join('、'));
        }
        if (u.goal.stage) {
          goalParts.push('进入「' + stageLabel(u.goal.stage) + '」');
        }
        add('goalReached', `${u.goal.days} 天内${goalParts.join('或')}`);
      }
      return rows;
    });
    const audienceText = computed(() => {
      const a = def.value.audience || {};
      const parts = [a.include ? describeCondition(a.include, fields.value, names) : '全部客户'];
      if (a.exclude) {
        parts.push('排除：' + describeCondition(a.exclude, fields.value, names));
      }
      if (a.stores && a.stores.length) {
        parts.push('门店：' + a.stores.map((s) => names.stores[s] || s).join('、'));
      }
      if (a.staff && a.staff.length) {
        parts.push('员工：' + a.staff.map((s) => names.staff[s] || s).join('、'));
      }
      return parts.join('；');
    });
    const enrollmentStatus = (s) => ({ ACTIVE: '进行中', DONE: '已完成', STOPPED: '已退出' })[s] || s;

    onMounted(() => {
      loadNames();
      load();
    });
    watch(id, () => load());

    return { id, campaign, runs, results, uplift, enrollments, loading, error, load, refresh, refreshing, runId, tab,
      deliveries, deliveryFilter, lastRun, state, running, def, act, stages, funnelOption, failures, rate, byStore,
      byStaff, storeColumns, staffColumns, deliveryColumns, runColumns, enrollmentColumns, runOptions,
      deliveryStatusOptions, triggerLabel, openRuns, reminding, remind, upliftRows, audienceText, enrollmentStatus, names, can, router,
      CHANNELS, channelLabel, kindLabel, scheduleSummary, runStatus, deliveryStatus, reasonLabel, runInProgress,
      fmtDateTime, fmtNumber, fmtPercent };
  },
  template: `
    <div>
      <load-error v-if="error" :error="error" @retry="load"></load-error>
      <a-spin v-else-if="loading && !campaign" tip="加载中…"><div style="height: 300px"></div></a-spin>
      <template v-else-if="campaign">
        <page-header :title="campaign.name" :subtitle="kindLabel(campaign) + ' · ' + scheduleSummary(campaign) + (campaign.nextFireAt ? ' · 下次发送 ' + fmtDateTime(campaign.nextFireAt) : '')">
          <template #extra>
            <a-tag :color="state.color" data-test="campaign-state" style="align-self: center">{{ state.label }}</a-tag>
            <a-button :loading="refreshing" data-test="refresh" @click="refresh">刷新</a-button>
            <template v-if="can.operate()">
              <a-button v-if="campaign.kind !== 'SOP' && campaign.status === 'ACTIVE'" type="primary" data-test="run-now" @click="act('run')">立即发送</a-button>
              <a-button v-if="campaign.status === 'ACTIVE'" data-test="pause" @click="act('pause')">暂停</a-button>
              <a-button v-else type="primary" data-test="resume" @click="act('resume')">启用</a-button>
              <a-button v-if="running" danger data-test="cancel" @click="act('cancel')">取消发送</a-button>
              <a-button v-if="campaign.kind !== 'SOP'" data-test="edit" @click="router.push('/campaigns/' + id + '/edit')">编辑</a-button>
            </template>
            <a-button @click="router.push('/campaigns')">返回列表</a-button>
          </template>
        </page-header>

        <a-card class="section" size="small">
          <a-descriptions :column="2" size="small">
            <a-descriptions-item label="受众">{{ audienceText }}</a-descriptions-item>
            <a-descriptions-item label="渠道"><a-tag :color="(CHANNELS[def.channel] || {}).color">{{ channelLabel(def.channel) }}</a-tag>
              <span v-if="lastRun && def.channel === 'AUTO'" class="muted">最近一次：{{ channelLabel(lastRun.channel) }}</span></a-descriptions-item>
            <a-descriptions-item v-if="campaign.kind !== 'SOP'" label="内容模板"><span class="pre-wrap">{{ def.content && def.content.text }}</span>
              <span v-if="def.content && def.content.attachments && def.content.attachments.length" class="muted">（附件 {{ def.content.attachments.length }} 个）</span></a-descriptions-item>
            <a-descriptions-item v-else label="步骤">
              <div v-for="(s, i) in (def.sop && def.sop.steps) || []" :key="i">第 {{ s.day }} 天 {{ s.time }}：{{ s.content.text }}</div>
            </a-descriptions-item>
            <a-descriptions-item label="频次与确认">
              每位客户每月上限：{{ def.limits && def.limits.perMonth != null ? (def.limits.perMonth ? def.limits.perMonth + ' 条' : '不限') : '企业默认' }}；员工 {{ def.limits && def.limits.confirmHours }} 小时内确认，未确认每 {{ def.limits && def.limits.remindAfterMinutes }} 分钟自动提醒，最多 {{ def.limits && def.limits.maxReminders }} 次
              <span v-if="def.controlGroupPercent">；对照组 {{ def.controlGroupPercent }}%</span>
            </a-descriptions-item>
          </a-descriptions>
        </a-card>

        <a-tabs v-model:activeKey="tab">
          <a-tab-pane key="results" tab="效果漏斗">
            <div class="filters">
              <span>查看：</span>
              <a-select v-model:value="runId" :options="runOptions" style="width: 280px" data-test="run-filter"></a-select>
              <span class="muted" v-if="running">发送进行中，每 5 秒自动刷新</span>
            </div>
            <a-empty v-if="!runs.length" :description="campaign.kind === 'SOP' ? '还没有客户进入 SOP 的步骤' : '还没有发送过，点击「立即发送」或等待计划时间'"></a-empty>
            <template v-else>
              <div class="funnel-stats">
                <a-card v-for="s in stages" :key="s.key" size="small">
                  <a-statistic :title="s.label" :value="s.value" :formatter="(v) => fmtNumber(v.value)"></a-statistic>
                  <div class="muted" style="font-size: 12px" :data-test="'funnel-' + s.key" :data-value="s.value">{{ s.help }}</div>
                </a-card>
              </div>
              <a-row :gutter="16" class="section">
                <a-col :span="14"><a-card size="small" title="发送漏斗"><e-chart :option="funnelOption" height="280px"></e-chart></a-card></a-col>
                <a-col :span="10">
                  <a-card size="small" title="未送达原因">
                    <div v-if="results && results.heldBack" class="store-row"><span>对照组（不发送）</span><span class="num">{{ fmtNumber(results.heldBack) }}</span></div>
                    <div v-if="results && results.inProgress" class="store-row"><span>发送中 / 待员工确认</span><span class="num">{{ fmtNumber(results.inProgress) }}</span></div>
                    <div v-for="f in failures" :key="f.key" class="store-row"><span>{{ f.status }}<span v-if="f.reason">（{{ f.reason }}）</span></span><span class="num">{{ fmtNumber(f.count) }}</span></div>
                    <a-empty v-if="!failures.length && !(results && (results.heldBack || results.inProgress))" description="全部送达，没有失败"></a-empty>
                  </a-card>
                </a-col>
              </a-row>
              <a-card size="small" title="按门店" class="section">
                <a-table :columns="storeColumns" :data-source="byStore" row-key="storeId" size="small" :pagination="byStore.length > 10 ? { pageSize: 10 } : false">
                  <template #bodyCell="{ column, record }">
                    <template v-if="column.key === 'rate'">{{ rate(record.delivered, record.planned) }}</template>
                    <template v-else-if="['planned', 'taskCreated', 'confirmed', 'delivered'].includes(column.key)"><span class="num">{{ fmtNumber(record[column.key]) }}</span></template>
                  </template>
                </a-table>
              </a-card>
              <a-card size="small" title="按员工" class="section">
                <template #extra>
                  <a-space>
                    <span class="muted">未确认时每 {{ def.limits && def.limits.remindAfterMinutes }} 分钟自动提醒，最多 {{ def.limits && def.limits.maxReminders }} 次</span>
                    <a-button v-if="can.operate() && openRuns.length && byStaff.some(s => s.waiting)" size="small"
                        :loading="reminding === '*'" data-test="remind-all" @click="remind()">提醒全部未确认的员工</a-button>
                  </a-space>
                </template>
                <a-table :columns="staffColumns" :data-source="byStaff" row-key="userid" size="small" :pagination="byStaff.length > 10 ? { pageSize: 10 } : false">
                  <template #bodyCell="{ column, record }">
                    <template v-if="column.key === 'name'"><span class="name-cell"><name-avatar :name="record.name" :size="22"></name-avatar>{{ record.name }}</span></template>
                    <template v-else-if="column.key === 'remind'">
                      <a v-if="can.operate() && openRuns.length && record.waiting" :data-test="'remind-' + record.userid" @click="remind(record.userid)">{{ reminding === record.userid ? '提醒中…' : '提醒' }}</a>
                    </template>
                    <template v-else-if="column.key === 'waiting'"><a-tag v-if="record.waiting" color="orange">{{ fmtNumber(record.waiting) }}</a-tag><span v-else class="muted">0</span></template>
                    <template v-else-if="['planned', 'taskCreated', 'confirmed', 'delivered', 'notConfirmed'].includes(column.key)"><span class="num">{{ fmtNumber(record[column.key]) }}</span></template>
                  </template>
                </a-table>
              </a-card>
            </template>
          </a-tab-pane>

          <a-tab-pane key="customers" tab="客户明细">
            <div class="filters">
              <a-select v-model:value="runId" :options="runOptions" style="width: 280px"></a-select>
              <a-select v-model:value="deliveryFilter.status" :options="deliveryStatusOptions" allow-clear placeholder="全部状态" style="width: 180px" data-test="delivery-status"></a-select>
            </div>
            <load-error v-if="deliveries.state.error" :error="deliveries.state.error" @retry="deliveries.load"></load-error>
            <a-table v-else :columns="deliveryColumns" :data-source="deliveries.state.items" row-key="id" size="small"
                :loading="deliveries.state.loading" :pagination="deliveries.pagination.value" @change="deliveries.onTableChange" data-test="deliveries">
              <template #emptyText><a-empty description="还没有发送记录"></a-empty></template>
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'name'">
                  <a v-if="record.target && record.target.startsWith('w')" @click="router.push('/customers/' + record.target)">{{ record.name || record.target }}</a>
                  <span v-else>{{ record.name || record.target }}</span>
                </template>
                <template v-else-if="column.key === 'sender'">{{ record.staffName || names.staff[record.sender] || record.sender }}</template>
                <template v-else-if="column.key === 'store'">{{ record.storeName || names.stores[record.storeId] || '—' }}</template>
                <template v-else-if="column.key === 'status'">
                  <a-tag :color="deliveryStatus(record.status).color">{{ deliveryStatus(record.status).label }}</a-tag>
                  <div v-if="record.reason" class="muted" style="font-size: 12px">{{ reasonLabel(record.reason) }}</div>
                </template>
                <template v-else-if="column.key === 'confirmed'">{{ record.confirmed ? '已确认' : '—' }}</template>
                <template v-else-if="column.key === 'sentAt'">{{ fmtDateTime(record.sentAt) }}</template>
                <template v-else-if="column.key === 'text'"><a-typography-paragraph :ellipsis="{ rows: 2, tooltip: record.text }" :content="record.text || '—'" style="margin: 0"></a-typography-paragraph></template>
              </template>
            </a-table>
          </a-tab-pane>

          <a-tab-pane key="runs" :tab="'发送记录（' + runs.length + '）'">
            <a-table :columns="runColumns" :data-source="runs" row-key="id" size="small" :pagination="runs.length > 10 ? { pageSize: 10 } : false" data-test="runs">
              <template #emptyText><a-empty description="还没有发送记录"></a-empty></template>
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'occurrence'">{{ fmtDateTime(record.dueAt) }} <span class="muted">{{ triggerLabel(record) }} · #{{ record.id }}</span>
                  <div v-if="record.error" style="color: #ff4d4f; font-size: 12px">{{ record.error }}</div></template>
                <template v-else-if="column.key === 'status'"><a-tag :color="runStatus(record.status).color">{{ runStatus(record.status).label }}</a-tag></template>
                <template v-else-if="column.key === 'channel'">{{ channelLabel(record.channel) }}</template>
                <template v-else-if="['audience', 'planned', 'heldBack'].includes(column.key)"><span class="num">{{ fmtNumber(record[column.key]) }}</span></template>
                <template v-else-if="column.key === 'deadlineAt'">{{ fmtDateTime(record.deadlineAt) }}</template>
                <template v-else-if="column.key === 'finishedAt'">{{ fmtDateTime(record.finishedAt) }}</template>
                <template v-else-if="column.key === 'actions'">
                  <a-space v-if="can.operate() && runInProgress(record)" :size="4">
                    <a v-if="record.status !== 'PAUSED'" @click="act('pause', record)">暂停</a>
                    <a v-else @click="act('resume', record)">继续</a>
                    <a style="color: #ff4d4f" @click="act('cancel', record)">取消</a>
                  </a-space>
                  <span v-else class="muted">—</span>
                </template>
              </template>
            </a-table>
          </a-tab-pane>

          <a-tab-pane v-if="def.controlGroupPercent" key="uplift" tab="对照组效果">
            <a-alert type="info" show-icon class="section" :message="'对照组：随机留出 ' + def.controlGroupPercent + '% 的客户不发送，比较发送与未发送客户。差值的 95% 置信区间不含 0 时为显著。'"></a-alert>
            <a-empty v-if="!upliftRows.length" description="还没有发送，暂无对比数据"></a-empty>
            <a-table v-else :data-source="upliftRows" row-key="key" size="small" :pagination="false" :columns="[
                { title: '指标', key: 'label' }, { title: '发送组', key: 'sent' }, { title: '对照组', key: 'held' },
                { title: '差值', key: 'diff' }, { title: '95% 置信区间', key: 'ci' }, { title: '结论', key: 'sig' }]">
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'label'">{{ record.label }}</template>
                <template v-else-if="column.key === 'sent'">{{ fmtPercent(record.sent.rate) }} <span class="muted">（{{ fmtNumber(record.sent.hits) }}/{{ fmtNumber(record.sent.customers) }}）</span></template>
                <template v-else-if="column.key === 'held'">{{ fmtPercent(record.heldBack.rate) }} <span class="muted">（{{ fmtNumber(record.heldBack.hits) }}/{{ fmtNumber(record.heldBack.customers) }}）</span></template>
                <template v-else-if="column.key === 'diff'">{{ (record.difference > 0 ? '+' : '') + fmtPercent(record.difference) }}</template>
                <template v-else-if="column.key === 'ci'">{{ fmtPercent(record.ci95[0]) }} ~ {{ fmtPercent(record.ci95[1]) }}</template>
                <template v-else-if="column.key === 'sig'"><a-tag :color="record.significant ? (record.difference > 0 ? 'green' : 'red') : 'default'">{{ record.significant ? (record.difference > 0 ? '显著提升' : '显著下降') : '差异不显著' }}</a-tag></template>
              </template>
            </a-table>
          </a-tab-pane>

          <a-tab-pane v-if="campaign.kind === 'SOP'" key="enrollments" :tab="'入组客户（' + enrollments.length + '）'">
            <a-table :columns="enrollmentColumns" :data-source="enrollments" :row-key="(r) => r.externalUserId + r.userid" size="small">
              <template #emptyText><a-empty description="还没有客户进入此 SOP"></a-empty></template>
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'userid'">{{ names.staff[record.userid] || record.userid }}</template>
                <template v-else-if="column.key === 'anchorAt'">{{ fmtDateTime(record.anchorAt) }}</template>
                <template v-else-if="column.key === 'nextStep'">{{ record.status === 'ACTIVE' ? '第 ' + (record.nextStep + 1) + ' 步' : '—' }}</template>
                <template v-else-if="column.key === 'nextDueAt'">{{ record.status === 'ACTIVE' ? fmtDateTime(record.nextDueAt) : '—' }}</template>
                <template v-else-if="column.key === 'status'">{{ enrollmentStatus(record.status) }}<span v-if="record.stopReason" class="muted">（{{ record.stopReason }}）</span></template>
              </template>
            </a-table>
          </a-tab-pane>
        </a-tabs>
      </template>
    </div>`,
};
