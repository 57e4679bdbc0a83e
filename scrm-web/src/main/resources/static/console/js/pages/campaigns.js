// 群发与SOP: every campaign of the corp (GET /campaigns: a corp has tens, not thousands — paged in the table), each
// with its state in Chinese, kind, channel, schedule (每月第一周的周一 10:00 …), next fire, and its latest run with
// its counts (GET /campaigns/{id}/runs?limit=1, only for the rows on the page). Operators run now, pause, resume,
// cancel what is being sent and delete, each after a confirmation.
import { corpApi, can } from '../session.js';
import { showError } from '../components/common.js';
import {
  CHANNELS, campaignState, channelLabel, kindLabel, runInProgress, runStatus, scheduleSummary,
} from '../components/campaign-common.js';
import { fmtDateTime, fmtNumber } from '../format.js';

const { ref, reactive, computed, onMounted, watch } = Vue;
const { useRouter } = VueRouter;

export default {
  name: 'CampaignsPage',
  setup() {
    const router = useRouter();
    const list = ref([]);
    const loading = ref(false);
    const error = ref(null);
    const lastRuns = reactive({});
    const filters = reactive({ q: '', kind: undefined, state: undefined });
    const page = reactive({ current: 1, size: 10 });
    const busy = ref(null);

    const load = async () => {
      loading.value = true;
      error.value = null;
      try {
        list.value = (await corpApi.get('/campaigns')).slice().sort((a, b) => b.id - a.id);
        Object.keys(lastRuns).forEach((k) => delete lastRuns[k]);
        await loadRuns();
      } catch (e) {
        error.value = e;
      } finally {
        loading.value = false;
      }
    };

    /** The latest run of each campaign on the page (of every campaign only while filtering by state). */
    const loadRuns = async () => {
      const rows = (filters.state ? list.value : pageRows.value).filter((c) => !(c.id in lastRuns));
      await Promise.all(rows.map(async (c) => {
        try {
          const runs = await corpApi.get(`/campaigns/${c.id}/runs`, { limit: 1 });
          lastRuns[c.id] = runs[0] || null;
        } catch (e) {
          lastRuns[c.id] = null;
        }
      }));
    };

    const state = (c) => campaignState(c, lastRuns[c.id]);
    const filtered = computed(() => list.value.filter((c) => {
      if (filters.q && !c.name.toLowerCase().includes(filters.q.trim().toLowerCase())) {
        return false;
      }
      if (filters.kind && (filters.kind === 'SOP' ? c.kind !== 'SOP' : kindLabel(c) !== filters.kind)) {
        return false;
      }
      return !filters.state || state(c).key === filters.state;
    }));
    const pageRows = computed(() => filtered.value.slice((page.current - 1) * page.size, page.current * page.size));
    watch(() => [page.current, page.size, filtered.value.length], () => loadRuns());
    watch(() => [filters.q, filters.kind, filters.state], () => { page.current = 1; });
    watch(() => filters.state, () => loadRuns());

    const pagination = computed(() => ({ current: page.current, pageSize: page.size, total: filtered.value.length,
      showSizeChanger: true, pageSizeOptions: ['10', '20', '50'], showTotal: (t) => `共 ${t} 个活动` }));
    const onTableChange = (p) => {
      page.current = p.current;
      page.size = p.pageSize;
    };

    const act = (c, action) => {
      const texts = {
        run: { title: `立即发送「${c.name}」？`, content: '将按当前受众创建一次新的发送，员工需在企业微信中确认后发出。', ok: '立即发送' },
        pause: { title: `暂停「${c.name}」？`, content: '暂停后不再按计划发送，进行中的发送也不再创建新任务（已创建的任务仍跟踪结果）。', ok: '暂停' },
        resume: { title: `启用「${c.name}」？`, content: '恢复按计划发送，暂停中的发送继续创建任务。', ok: '启用' },
        cancel: { title: `取消「${c.name}」正在进行的发送？`, content: '未发出的消息不再发送，员工尚未确认的企业微信任务将被撤回。此操作不可撤销。', ok: '取消发送', danger: true },
        delete: { title: `删除「${c.name}」？`, content: '删除后不再发送，进行中的发送会被取消；已有的发送记录保留。此操作不可撤销。', ok: '删除', danger: true },
      }[action];
      antd.Modal.confirm({
        title: texts.title, content: texts.content, okText: texts.ok, cancelText: '再想想',
        okButtonProps: texts.danger ? { danger: true } : undefined,
        onOk: async () => {
          busy.value = c.id + action;
          try {
            if (action === 'delete') {
              await corpApi.del(`/campaigns/${c.id}`);
            } else {
              await corpApi.post(`/campaigns/${c.id}/${action}`);
            }
            antd.message.success({ run: '已开始发送', pause: '已暂停', resume: '已启用', cancel: '已取消发送',
              delete: '已删除' }[action]);
            await load();
          } catch (e) {
            showError(e);
          } finally {
            busy.value = null;
          }
        },
      });
    };

    const columns = [
      { title: '活动', key: 'name' },
      { title: '状态', key: 'state', width: 110 },
      { title: '类型', key: 'kind', width: 100 },
      { title: '渠道', key: 'channel', width: 110 },
      { title: '发送时间', key: 'schedule', width: 200 },
      { title: '最近一次发送', key: 'lastRun', width: 200 },
      { title: '操作', key: 'actions', width: 170 },
    ];
    const stateOptions = [
      { value: 'draft', label: '草稿' }, { value: 'scheduled', label: '已排期' }, { value: 'running', label: '进行中' },
      { value: 'active', label: '运行中（SOP）' }, { value: 'paused', label: '已暂停' }, { value: 'ended', label: '已结束' },
    ];
    const kindOptions = [
      { value: '单次群发', label: '单次群发' }, { value: '定时群发', label: '定时群发' },
      { value: '周期群发', label: '周期群发' }, { value: 'SOP', label: 'SOP 序列' },
    ];
    const customRow = (c) => ({ style: 'cursor: pointer', 'data-test': 'campaign-row-' + c.id,
      onClick: () => router.push('/campaigns/' + c.id) });

    onMounted(load);
    return { list, loading, error, load, filters, filtered, pageRows, pagination, onTableChange, columns, lastRuns,
      state, act, busy, can, router, stateOptions, kindOptions, customRow, CHANNELS, channelLabel, kindLabel,
      scheduleSummary, runStatus, runInProgress, fmtDateTime, fmtNumber };
  },
  template: `
    <div>
      <page-header title="群发与SOP" subtitle="按条件圈选客户，由导购在企业微信中确认后发送；周期群发与 SOP 自动执行">
        <template #extra>
          <a-button v-if="can.operate()" type="primary" data-test="campaign-new" @click="router.push('/campaigns/new')">＋ 新建群发</a-button>
        </template>
      </page-header>
      <load-error v-if="error" :error="error" @retry="load"></load-error>
      <a-card v-else>
        <div class="filters">
          <a-input-search v-model:value="filters.q" placeholder="搜索活动名称" allow-clear style="width: 220px"></a-input-search>
          <a-select v-model:value="filters.state" :options="stateOptions" allow-clear placeholder="全部状态" style="width: 140px"></a-select>
          <a-select v-model:value="filters.kind" :options="kindOptions" allow-clear placeholder="全部类型" style="width: 140px"></a-select>
          <a-button @click="load">刷新</a-button>
        </div>
        <a-table :columns="columns" :data-source="pageRows" row-key="id" :loading="loading" :pagination="pagination"
            :custom-row="customRow" @change="onTableChange">
          <template #emptyText>
            <a-empty :description="list.length ? '没有符合筛选条件的活动' : (can.operate() ? '还没有群发活动，点击右上角「新建群发」开始' : '还没有群发活动')"></a-empty>
          </template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'">
              <a @click="router.push('/campaigns/' + record.id)" :data-test="'campaign-link-' + record.id">{{ record.name }}</a>
              <div class="muted" style="font-size: 12px">#{{ record.id }} · 第 {{ record.version }} 版 · {{ fmtDateTime(record.updatedAt) }} 更新</div>
            </template>
            <template v-else-if="column.key === 'state'">
              <a-tag :color="state(record).color" :data-test="'campaign-state-' + record.id">{{ state(record).label }}</a-tag>
            </template>
            <template v-else-if="column.key === 'kind'">{{ kindLabel(record) }}</template>
            <template v-else-if="column.key === 'channel'">
              <a-tag :color="(CHANNELS[record.definition.channel] || {}).color">{{ channelLabel(record.definition.channel) }}</a-tag>
            </template>
            <template v-else-if="column.key === 'schedule'">
              <div>{{ scheduleSummary(record) }}</div>
              <div v-if="record.nextFireAt" class="muted" style="font-size: 12px">下次：{{ fmtDateTime(record.nextFireAt) }}</div>
            </template>
            <template v-else-if="column.key === 'lastRun'">
              <template v-if="lastRuns[record.id]">
                <a-tag :color="runStatus(lastRuns[record.id].status).color">{{ runStatus(lastRuns[record.id].status).label }}</a-tag>
                <span class="muted" style="font-size: 12px">{{ fmtDateTime(lastRuns[record.id].dueAt) }}</span>
                <div class="muted" style="font-size: 12px">受众 {{ fmtNumber(lastRuns[record.id].audience) }} · 计划 {{ fmtNumber(lastRuns[record.id].planned) }}<span v-if="lastRuns[record.id].heldBack"> · 对照 {{ fmtNumber(lastRuns[record.id].heldBack) }}</span></div>
              </template>
              <span v-else-if="lastRuns[record.id] === null" class="muted">尚未发送</span>
              <span v-else class="muted">…</span>
            </template>
            <template v-else-if="column.key === 'actions'">
              <a-space wrap :size="4" @click.stop>
                <a @click="router.push('/campaigns/' + record.id)">查看</a>
                <template v-if="can.operate()">
                  <a v-if="record.kind !== 'SOP' && record.status === 'ACTIVE'" :data-test="'campaign-run-' + record.id" @click="act(record, 'run')">立即发送</a>
                  <a v-if="record.status === 'ACTIVE'" @click="act(record, 'pause')">暂停</a>
                  <a v-else @click="act(record, 'resume')">启用</a>
                  <a v-if="runInProgress(lastRuns[record.id])" @click="act(record, 'cancel')">取消发送</a>
                  <a v-if="record.kind !== 'SOP'" @click="router.push('/campaigns/' + record.id + '/edit')">编辑</a>
                  <a style="color: #ff4d4f" @click="act(record, 'delete')">删除</a>
                </template>
              </a-space>
            </template>
          </template>
        </a-table>
      </a-card>
    </div>`,
};
