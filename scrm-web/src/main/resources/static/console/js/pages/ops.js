// 回调与同步: the callback inbox (depth, retries, parked events with replay / discard), full sync runs and
// reconciliation drift of the current corp. Admins, operators and viewers (the menu hides it from store managers,
// the server refuses them). Docs: docs/console.md "回调与同步".
import { api } from '../api.js';
import { corpApi, can } from '../session.js';
import { usePagedList, showError } from '../components/common.js';
import { fmtDateTime, fmtNumber, fmtAgo, fmtDuration } from '../format.js';
import {
  INBOX_STATUSES, EVENT_TYPES, RUN_STATUSES, RUN_KINDS, TRIGGERS, eventLabel, statusOf, fmtMillis, scopeLabel,
  prettyXml, prettyJson, CODE_STYLE,
} from '../components/ops-labels.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount } = Vue;

export default {
  name: 'OpsPage',
  setup() {
    const isAdmin = can.admin();
    const canOperate = can.operate();
    const tab = ref('inbox');

    // ---- the cards ----
    const status = reactive({ loading: false, error: null, inbox: null, retrying: null, lastRun: null,
      health: null });
    const loadStatus = async (quiet) => {
      status.loading = quiet !== true;
      status.error = null;
      try {
        const [inbox, retrying, runs] = await Promise.all([
          corpApi.get('/inbox'),
          corpApi.get('/inbox/events', { status: 'RETRY', size: 1 }),
          corpApi.get('/sync-runs', { limit: 1 }),
        ]);
        status.inbox = inbox;
        status.retrying = retrying.total;
        status.lastRun = runs[0] || null;
      } catch (e) {
        status.error = e;
      } finally {
        status.loading = false;
      }
      try {
        // optional: the node's health (details for a logged-in account); absent when actuator has its own port
        status.health = await api.get('/actuator/health');
      } catch (e) {
        status.health = e && e.problem && e.problem.status ? e.problem : null;
      }
    };
    const healthLabel = computed(() => {
      const s = status.health && status.health.status;
      return { UP: '正常', DEGRADED: '需处理', DOWN: '故障', OUT_OF_SERVICE: '停止服务' }[s] || '未知';
    });
    const healthColor = computed(() => {
      const s = status.health && status.health.status;
      return s === 'UP' ? '#07c160' : (s === 'DEGRADED' ? '#fa8c16' : (s ? '#f5222d' : '#8a8f99'));
    });

    // ---- 回调收件箱 ----
    const filters = reactive({ status: undefined, event: undefined });
    const inbox = usePagedList((page, size) => corpApi.get('/inbox/events', {
      status: filters.status, event: filters.event, page, size }));
    const statusOptions = Object.entries(INBOX_STATUSES).map(([value, s]) => ({ value, label: s.label }));
    const eventOptions = Object.entries(EVENT_TYPES).map(([value, label]) => ({ value, label: `${label}（${value}）` }));
    const inboxColumns = [
      { title: '编号', dataIndex: 'id', key: 'id', width: 90 },
      { title: '事件', key: 'event' },
      { title: '对象', key: 'object', ellipsis: true },
      { title: '状态', key: 'status', width: 110 },
      { title: '尝试', key: 'attempts', width: 70, align: 'right' },
      { title: '事件时间', key: 'eventTime', width: 160 },
      { title: '接收时间', key: 'receivedAt', width: 160 },
      { title: '操作', key: 'actions', width: 80 },
    ];

    // ---- the drawer of one event ----
    const drawer = reactive({ open: false, loading: false, event: null, error: null });
    const openEvent = async (row) => {
      drawer.open = true;
      drawer.loading = true;
      drawer.error = null;
      drawer.event = row;
      try {
        drawer.event = await corpApi.get(`/inbox/${row.id}`);
      } catch (e) {
        drawer.error = e;
      } finally {
        drawer.loading = false;
      }
    };
    const payloadText = computed(() => drawer.event ? prettyXml(drawer.event.payload) : '');
    const fieldsText = computed(() => drawer.event ? prettyJson(drawer.event.fields) : '');

    // ---- 异常事件 ----
    const parked = reactive({ items: [], loading: false, error: null });
    const loadParked = async () => {
      parked.loading = true;
      parked.error = null;
      try {
        parked.items = await corpApi.get('/inbox/parked', { limit: 200 });
      } catch (e) {
        parked.error = e;
      } finally {
        parked.loading = false;
      }
    };
    const parkedColumns = [
      { title: '编号', dataIndex: 'id', key: 'id', width: 90 },
      { title: '事件', key: 'event' },
      { title: '搁置原因', key: 'lastError', ellipsis: true },
      { title: '尝试', key: 'attempts', width: 70, align: 'right' },
      { title: '接收时间', key: 'receivedAt', width: 160 },
      { title: '操作', key: 'actions', width: 190 },
    ];
    const busyId = ref(null);
    const afterAction = async (message) => {
      antd.message.success(message);
      await Promise.all([loadParked(), loadStatus(), inbox.load()]);
    };
    const replay = async (row) => {
      busyId.value = row.id;
      try {
        const r = await corpApi.post(`/inbox/${row.id}/replay`);
        await afterAction(r.message || '事件已重新排队');
      } catch (e) {
        showError(e);
      } finally {
        busyId.value = null;
      }
    };
    const discard = reactive({ open: false, row: null, reason: '', busy: false, error: '' });
    const askDiscard = (row) => {
      Object.assign(discard, { open: true, row, reason: '', busy: false, error: '' });
    };
    const confirmDiscard = async () => {
      discard.busy = true;
      discard.error = '';
      try {
        const r = await corpApi.post(`/inbox/${discard.row.id}/discard`, { reason: discard.reason || null });
        discard.open = false;
        await afterAction(r.message || '事件已放弃');
      } catch (e) {
        discard.error = e.fieldMessage ? (e.fieldMessage('reason') || e.detail) : String(e);
      } finally {
        discard.busy = false;
      }
    };

    // ---- 同步记录 ----
    const runs = reactive({ items: [], loading: false, error: null, starting: false });
    const loadRuns = async (quiet) => {
      runs.loading = quiet !== true;
      runs.error = null;
      try {
        runs.items = await corpApi.get('/sync-runs', { limit: 50 });
      } catch (e) {
        runs.error = e;
      } finally {
        runs.loading = false;
      }
    };
    const runColumns = [
      { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
      { title: '类型', key: 'kind', width: 100 },
      { title: '范围', key: 'scope', width: 120 },
      { title: '触发', key: 'trigger', width: 80 },
      { title: '状态', key: 'status', width: 90 },
      { title: '开始时间', key: 'startedAt', width: 160 },
      { title: '耗时', key: 'duration', width: 100 },
      { title: '客户', key: 'customers', align: 'right' },
      { title: '变更行数', key: 'rowsChanged', align: 'right' },
      { title: '接口调用', key: 'apiCalls', align: 'right' },
      { title: '', key: 'actions', width: 60 },
    ];
    const runDrawer = reactive({ open: false, run: null });
    const openRun = (run) => {
      runDrawer.run = run;
      runDrawer.open = true;
    };
    const COUNT_LABELS = [['departments', '部门'], ['staff', '员工'], ['tags', '标签'], ['customers', '客户'],
      ['followRelations', '跟进关系'], ['followTags', '客户标签'], ['groups', '客户群'], ['groupMembers', '群成员'],
      ['markedDeleted', '标记删除'], ['rowsChanged', '变更行数'], ['apiCalls', '接口调用'], ['apiRetries', '接口重试']];
    const anyRunning = computed(() => runs.items.some((r) => r.status === 'RUNNING'));
    const startSync = async () => {
      runs.starting = true;
      try {
        const r = await corpApi.post('/sync');
        antd.message.success(`${r.message}（编号 ${r.runId}）`);
        await Promise.all([loadRuns(), loadStatus()]);
      } catch (e) {
        showError(e);
      } finally {
        runs.starting = false;
      }
    };

    // confirmations as modals (a popconfirm re-aligned on its button's loading state trips ResizeObserver)
    const confirm = (title, content, okText, action) => antd.Modal.confirm({ title, content, okText,
      cancelText: '取消', onOk: () => action() });
    const confirmSync = () => confirm('立即全量同步？', '从企业微信重新拉取通讯录、客户与客户群，耗时取决于企业规模。',
      '开始同步', startSync);
    const confirmReplay = (row) => confirm(`重放事件 #${row.id}？`, '事件重新排队，由处理节点再次尝试应用。', '重放',
      () => replay(row));

    // ---- 对账 ----
    const recon = reactive({ items: [], loading: false, error: null, starting: false });
    const loadRecon = async (quiet) => {
      recon.loading = quiet !== true;
      recon.error = null;
      try {
        recon.items = await corpApi.get('/reconciliation', { limit: 20 });
      } catch (e) {
        recon.error = e;
      } finally {
        recon.loading = false;
      }
    };
    const lastRecon = computed(() => recon.items[0] || null);
    const reconColumns = [
      { title: '编号', dataIndex: 'runId', key: 'runId', width: 80 },
      { title: '范围', key: 'scope' },
      { title: '状态', key: 'status', width: 90 },
      { title: '开始时间', key: 'startedAt', width: 170 },
      { title: '偏差（修复行数）', key: 'drift', align: 'right' },
      { title: '更新', key: 'rowsChanged', align: 'right' },
      { title: '标记删除', key: 'markedDeleted', align: 'right' },
    ];
    const startRecon = async () => {
      recon.starting = true;
      try {
        const r = await corpApi.post('/reconciliation', undefined, { scope: 'all' });
        antd.message.success(`${r.message}（编号 ${r.runId}）`);
        await Promise.all([loadRecon(), loadRuns()]);
      } catch (e) {
        showError(e);
      } finally {
        recon.starting = false;
      }
    };

    const confirmRecon = () => confirm('对全企业立即对账？', '逐一比对企业微信与本地数据并修复偏差，耗时与全量同步相当。',
      '开始对账', startRecon);

    // while a run is in progress, its row refreshes itself
    let timer = null;
    onMounted(() => {
      loadStatus();
      inbox.load();
      loadParked();
      loadRuns();
      loadRecon();
      timer = setInterval(() => {
        if (anyRunning.value || recon.items.some((r) => r.status === 'RUNNING')) {
          loadRuns(true);
          loadRecon(true);
          loadStatus(true);
        }
      }, 3000);
    });
    onBeforeUnmount(() => clearInterval(timer));

    const refresh = () => {
      loadStatus();
      inbox.load();
      loadParked();
      loadRuns();
      loadRecon();
    };
    const onFilter = () => inbox.reload();

    return {
      isAdmin, canOperate, tab, status, healthLabel, healthColor, refresh,
      filters, inbox, statusOptions, eventOptions, inboxColumns, onFilter,
      drawer, openEvent, payloadText, fieldsText,
      parked, parkedColumns, replay, busyId, discard, askDiscard, confirmDiscard, loadParked,
      runs, runColumns, startSync, confirmSync, confirmReplay, confirmRecon, runDrawer, openRun, COUNT_LABELS, loadRuns, anyRunning,
      recon, reconColumns, lastRecon, startRecon, loadRecon,
      INBOX_STATUSES, RUN_STATUSES, RUN_KINDS, TRIGGERS, statusOf, eventLabel, fmtDateTime, fmtNumber, fmtAgo,
      fmtDuration, fmtMillis, scopeLabel, CODE_STYLE,
    };
  },
  template: `
  <div>
    <page-header title="回调与同步" subtitle="企业微信回调的接收与应用、全量同步与对账：出现异常事件时需要处理">
      <template #extra><a-button data-test="ops-refresh" @click="refresh">刷新</a-button></template>
    </page-header>

    <load-error v-if="status.error" :error="status.error" @retry="refresh"></load-error>
    <div class="card-grid" data-test="ops-cards" style="grid-template-columns: repeat(auto-fill, minmax(175px, 1fr))">
      <a-card size="small"><a-statistic title="待处理事件" :value="status.inbox ? status.inbox.depth : '—'"
          :formatter="v => fmtNumber(v.value)" data-test="card-depth"></a-statistic>
        <div class="muted">已接收、尚未应用</div></a-card>
      <a-card size="small"><a-statistic title="重试中" :value="status.retrying === null ? '—' : status.retrying"
          :formatter="v => fmtNumber(v.value)" data-test="card-retrying"></a-statistic>
        <div class="muted">暂时失败，将自动重试</div></a-card>
      <a-card size="small"><a-statistic title="异常事件" :value="status.inbox ? status.inbox.parked : '—'"
          :value-style="status.inbox && status.inbox.parked > 0 ? { color: '#f5222d' } : {}"
          :formatter="v => fmtNumber(v.value)" data-test="card-parked"></a-statistic>
        <div class="muted">无法自动应用，需重放或放弃</div></a-card>
      <a-card size="small"><a-statistic title="应用延迟"
          :value="status.inbox ? (status.inbox.depth > 0 ? fmtMillis(status.inbox.oldestUnappliedAgeMs) : '无积压') : '—'"></a-statistic>
        <div class="muted">最早一条未应用事件已等待</div></a-card>
      <a-card size="small" data-test="card-last-sync">
        <a-statistic title="最近同步" :value="status.lastRun ? fmtAgo(status.lastRun.startedAt) : '暂无'"></a-statistic>
        <div v-if="status.lastRun" class="muted">
          {{ RUN_KINDS[status.lastRun.kind] || status.lastRun.kind }} ·
          <a-badge :status="statusOf(RUN_STATUSES, status.lastRun.status).color"
              :text="statusOf(RUN_STATUSES, status.lastRun.status).label"></a-badge>
        </div>
        <div v-else class="muted">尚未同步过</div>
      </a-card>
      <a-card size="small">
        <a-statistic title="服务状态" :value="healthLabel" :value-style="{ color: healthColor }"></a-statistic>
        <div class="muted" v-if="status.inbox && status.inbox.leaseHolder">处理节点：{{ status.inbox.leaseHolder }}</div>
        <div class="muted" v-else>暂无节点持有本企业的处理租约</div>
      </a-card>
    </div>

    <a-card>
      <a-tabs v-model:activeKey="tab">
        <a-tab-pane key="inbox" tab="回调收件箱">
          <div class="filters">
            <a-select v-model:value="filters.status" :options="statusOptions" allow-clear placeholder="全部状态"
                style="width: 140px" data-test="inbox-status" @change="onFilter"></a-select>
            <a-select v-model:value="filters.event" :options="eventOptions" allow-clear show-search
                option-filter-prop="label" placeholder="全部事件类型" style="width: 260px" data-test="inbox-event"
                @change="onFilter"></a-select>
            <span class="muted" v-if="status.inbox">已完成的事件保留 {{ fmtNumber(status.inbox.retentionHours / 24) }} 天</span>
          </div>
          <load-error v-if="inbox.state.error" :error="inbox.state.error" @retry="inbox.load"></load-error>
          <a-table v-else :columns="inboxColumns" :data-source="inbox.state.items" :loading="inbox.state.loading"
              :pagination="inbox.pagination.value" row-key="id" size="middle" data-test="inbox-table"
              @change="inbox.onTableChange">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'event'">{{ eventLabel(record.event, record.changeType) }}</template>
              <template v-else-if="column.key === 'object'"><span class="muted">{{ record.orderKey }}</span></template>
              <template v-else-if="column.key === 'status'">
                <a-tag :color="statusOf(INBOX_STATUSES, record.status).color">{{ statusOf(INBOX_STATUSES, record.status).label }}</a-tag>
              </template>
              <template v-else-if="column.key === 'attempts'"><span class="num">{{ fmtNumber(record.attempts) }}</span></template>
              <template v-else-if="column.key === 'eventTime'">{{ fmtDateTime(record.eventTime) }}</template>
              <template v-else-if="column.key === 'receivedAt'">{{ fmtDateTime(record.receivedAt) }}</template>
              <template v-else-if="column.key === 'actions'">
                <a data-test="inbox-detail" @click="openEvent(record)">详情</a>
              </template>
            </template>
            <template #emptyText>
              <a-empty description="没有符合条件的回调事件：企业微信的回调到达后会出现在这里"></a-empty>
            </template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="parked">
          <template #tab>异常事件 <a-badge :count="status.inbox ? status.inbox.parked : 0" :overflow-count="999"></a-badge></template>
          <a-alert v-if="!isAdmin" type="info" show-icon style="margin-bottom: 12px"
              message="重放或放弃异常事件需要管理员权限，当前账号只能查看。"></a-alert>
          <load-error v-if="parked.error" :error="parked.error" @retry="loadParked"></load-error>
          <a-table v-else :columns="parkedColumns" :data-source="parked.items" :loading="parked.loading" row-key="id"
              size="middle" :pagination="{ pageSize: 20, showTotal: t => '共 ' + t + ' 条' }" data-test="parked-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'event'">{{ eventLabel(record.event, record.changeType) }}</template>
              <template v-else-if="column.key === 'lastError'">
                <a-tooltip :title="record.lastError"><span>{{ record.lastError || '—' }}</span></a-tooltip>
              </template>
              <template v-else-if="column.key === 'attempts'">{{ fmtNumber(record.attempts) }}</template>
              <template v-else-if="column.key === 'receivedAt'">{{ fmtDateTime(record.receivedAt) }}</template>
              <template v-else-if="column.key === 'actions'">
                <a-space>
                  <a @click="openEvent(record)">详情</a>
                  <template v-if="isAdmin">
                    <a-button type="link" size="small" :loading="busyId === record.id" data-test="parked-replay"
                        @click="confirmReplay(record)">重放</a-button>
                    <a-button type="link" size="small" danger data-test="parked-discard" @click="askDiscard(record)">放弃</a-button>
                  </template>
                </a-space>
              </template>
            </template>
            <template #emptyText><a-empty description="没有异常事件：所有回调都已正常应用"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="runs" tab="同步记录">
          <div class="filters">
            <a-button v-if="canOperate" type="primary" :loading="runs.starting" :disabled="anyRunning"
                data-test="start-sync" @click="confirmSync">立即全量同步</a-button>
            <span v-if="anyRunning" class="muted">同步进行中，列表每 3 秒自动刷新</span>
            <span v-else class="muted">显示最近 50 次同步与对账</span>
          </div>
          <load-error v-if="runs.error" :error="runs.error" @retry="loadRuns"></load-error>
          <a-table v-else :columns="runColumns" :data-source="runs.items" :loading="runs.loading" row-key="id"
              size="middle" :pagination="{ pageSize: 20, showTotal: t => '共 ' + t + ' 条' }"
              data-test="runs-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'kind'">{{ RUN_KINDS[record.kind] || record.kind }}</template>
              <template v-else-if="column.key === 'scope'">{{ scopeLabel(record.scope) }}</template>
              <template v-else-if="column.key === 'trigger'">{{ TRIGGERS[record.trigger] || record.trigger }}</template>
              <template v-else-if="column.key === 'status'">
                <a-badge :status="statusOf(RUN_STATUSES, record.status).color" :text="statusOf(RUN_STATUSES, record.status).label"></a-badge>
              </template>
              <template v-else-if="column.key === 'startedAt'">{{ fmtDateTime(record.startedAt) }}</template>
              <template v-else-if="column.key === 'duration'">{{ record.status === 'RUNNING' ? '进行中' : fmtMillis(record.durationMs) }}</template>
              <template v-else-if="['customers', 'rowsChanged', 'apiCalls'].includes(column.key)">
                <span class="num">{{ record.counts ? fmtNumber(record.counts[column.key]) : '—' }}</span>
              </template>
              <template v-else-if="column.key === 'actions'"><a @click="openRun(record)">详情</a></template>
            </template>
            <template #emptyText><a-empty description="还没有同步记录：点击“立即全量同步”从企业微信拉取数据"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="recon" tab="对账">
          <a-row :gutter="16" class="section">
            <a-col :xs="24" :md="16">
              <a-card size="small" title="最近一次对账" data-test="recon-last">
                <template v-if="lastRecon">
                  <a-descriptions :column="2" size="small">
                    <a-descriptions-item label="状态"><a-badge :status="statusOf(RUN_STATUSES, lastRecon.status).color" :text="statusOf(RUN_STATUSES, lastRecon.status).label"></a-badge></a-descriptions-item>
                    <a-descriptions-item label="开始时间">{{ fmtDateTime(lastRecon.startedAt) }}</a-descriptions-item>
                    <a-descriptions-item label="范围">{{ scopeLabel(lastRecon.scope) }}</a-descriptions-item>
                    <a-descriptions-item label="偏差">
                      <a-tag :color="lastRecon.drift > 0 ? 'orange' : 'green'">{{ lastRecon.drift > 0 ? '修复 ' + fmtNumber(lastRecon.drift) + ' 行' : '无偏差' }}</a-tag>
                    </a-descriptions-item>
                    <a-descriptions-item label="更新行数">{{ fmtNumber(lastRecon.rowsChanged) }}</a-descriptions-item>
                    <a-descriptions-item label="标记删除">{{ fmtNumber(lastRecon.markedDeleted) }}</a-descriptions-item>
                  </a-descriptions>
                </template>
                <a-empty v-else description="还没有对账记录：对账会比对企业微信与本地数据并修复偏差"></a-empty>
              </a-card>
            </a-col>
            <a-col :xs="24" :md="8">
              <a-card size="small" title="说明">
                <p class="muted">对账按员工分片定时运行，逐一比对企业微信与本地镜像，补齐漏掉的回调；偏差持续不为零时请检查回调配置。</p>
                <a-button v-if="canOperate" :loading="recon.starting" data-test="start-recon" @click="confirmRecon">立即对账</a-button>
              </a-card>
            </a-col>
          </a-row>
          <load-error v-if="recon.error" :error="recon.error" @retry="loadRecon"></load-error>
          <a-table v-else :columns="reconColumns" :data-source="recon.items" :loading="recon.loading" row-key="runId"
              size="middle" :pagination="false">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'scope'">{{ scopeLabel(record.scope) }}</template>
              <template v-else-if="column.key === 'status'">
                <a-badge :status="statusOf(RUN_STATUSES, record.status).color" :text="statusOf(RUN_STATUSES, record.status).label"></a-badge>
              </template>
              <template v-else-if="column.key === 'startedAt'">{{ fmtDateTime(record.startedAt) }}</template>
              <template v-else-if="['drift', 'rowsChanged', 'markedDeleted'].includes(column.key)">
                <span class="num">{{ fmtNumber(record[column.key]) }}</span>
              </template>
            </template>
            <template #emptyText><a-empty description="暂无对账记录"></a-empty></template>
          </a-table>
        </a-tab-pane>
      </a-tabs>
    </a-card>

    <a-drawer v-model:open="drawer.open" :title="drawer.event ? '回调事件 #' + drawer.event.id : '回调事件'" width="640"
        data-test="event-drawer">
      <a-spin :spinning="drawer.loading">
        <load-error v-if="drawer.error" :error="drawer.error" @retry="openEvent(drawer.event)"></load-error>
        <template v-else-if="drawer.event">
          <a-descriptions :column="1" size="small" bordered>
            <a-descriptions-item label="事件">{{ eventLabel(drawer.event.event, drawer.event.changeType) }}
              <span class="muted">（{{ drawer.event.event }}{{ drawer.event.changeType ? ' / ' + drawer.event.changeType : '' }}）</span></a-descriptions-item>
            <a-descriptions-item label="状态"><a-tag :color="statusOf(INBOX_STATUSES, drawer.event.status).color">{{ statusOf(INBOX_STATUSES, drawer.event.status).label }}</a-tag></a-descriptions-item>
            <a-descriptions-item label="顺序键">{{ drawer.event.orderKey }}</a-descriptions-item>
            <a-descriptions-item label="事件时间">{{ fmtDateTime(drawer.event.eventTime) }}</a-descriptions-item>
            <a-descriptions-item label="接收时间">{{ fmtDateTime(drawer.event.receivedAt) }}</a-descriptions-item>
            <a-descriptions-item label="尝试次数">{{ fmtNumber(drawer.event.attempts) }}</a-descriptions-item>
            <a-descriptions-item v-if="drawer.event.nextAttemptAt" label="下次重试">{{ fmtDateTime(drawer.event.nextAttemptAt) }}</a-descriptions-item>
            <a-descriptions-item v-if="drawer.event.lastError" label="错误">{{ drawer.event.lastError }}</a-descriptions-item>
          </a-descriptions>
          <h4 style="margin: 16px 0 8px">解密后的报文</h4>
          <pre :style="CODE_STYLE" data-test="event-payload">{{ payloadText }}</pre>
          <h4 style="margin: 16px 0 8px">解析出的字段</h4>
          <pre :style="CODE_STYLE">{{ fieldsText }}</pre>
        </template>
      </a-spin>
    </a-drawer>

    <a-drawer v-model:open="runDrawer.open" :title="runDrawer.run ? '同步记录 #' + runDrawer.run.id : '同步记录'" width="520">
      <template v-if="runDrawer.run">
        <a-descriptions :column="1" size="small" bordered>
          <a-descriptions-item label="类型">{{ RUN_KINDS[runDrawer.run.kind] || runDrawer.run.kind }}</a-descriptions-item>
          <a-descriptions-item label="范围">{{ scopeLabel(runDrawer.run.scope) }}</a-descriptions-item>
          <a-descriptions-item label="触发">{{ TRIGGERS[runDrawer.run.trigger] || runDrawer.run.trigger }}</a-descriptions-item>
          <a-descriptions-item label="状态"><a-badge :status="statusOf(RUN_STATUSES, runDrawer.run.status).color" :text="statusOf(RUN_STATUSES, runDrawer.run.status).label"></a-badge></a-descriptions-item>
          <a-descriptions-item label="节点">{{ runDrawer.run.node || '—' }}</a-descriptions-item>
          <a-descriptions-item label="开始时间">{{ fmtDateTime(runDrawer.run.startedAt) }}</a-descriptions-item>
          <a-descriptions-item label="结束时间">{{ fmtDateTime(runDrawer.run.finishedAt) }}</a-descriptions-item>
          <a-descriptions-item label="耗时">{{ fmtMillis(runDrawer.run.durationMs) }}</a-descriptions-item>
          <a-descriptions-item v-for="[key, label] in COUNT_LABELS" :key="key" :label="label">
            {{ runDrawer.run.counts ? fmtNumber(runDrawer.run.counts[key]) : '—' }}</a-descriptions-item>
          <a-descriptions-item v-if="runDrawer.run.error" label="错误">{{ runDrawer.run.error }}</a-descriptions-item>
        </a-descriptions>
      </template>
    </a-drawer>

    <a-modal v-model:open="discard.open" title="放弃这个异常事件？" ok-text="放弃事件" cancel-text="取消"
        :ok-button-props="{ danger: true, loading: discard.busy }" @ok="confirmDiscard">
      <p>放弃后该事件不再应用，并在保留期后删除。此操作不可撤销。</p>
      <a-form layout="vertical">
        <a-form-item label="原因（可选）" :validate-status="discard.error ? 'error' : ''" :help="discard.error">
          <a-textarea v-model:value="discard.reason" :maxlength="500" show-count :rows="3"
              placeholder="例如：未知事件类型，确认无需处理" data-test="discard-reason"></a-textarea>
        </a-form-item>
      </a-form>
    </a-modal>
  </div>`,
};
