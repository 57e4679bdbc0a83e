// 客户群: the corp's customer groups (a store manager's: the groups their staff own), paged, by owner, with the
// dismissed ones on demand, and the groups' growth per day from our member events (GET /group-stats).
import { corpApi } from '../session.js';
import { usePagedList } from '../components/common.js';
import { fmtNumber, fmtDateTime, fmtMonthDay, isoDay } from '../format.js';
import { useNames, GROUP_STATUS } from '../components/acq-common.js';

const { ref, reactive, computed, onMounted } = Vue;

export default {
  name: 'GroupsPage',
  setup() {
    const { load: loadNames, staffName } = useNames();
    const filter = reactive({ owner: undefined, includeDismissed: false });
    const { state, pagination, onTableChange, reload } = usePagedList((page, size) => corpApi.get('/groups', {
      owner: filter.owner, includeDismissed: filter.includeDismissed, page, size,
    }));

    const stats = reactive({ days: 30, data: null, loading: false, error: null });
    const loadStats = async () => {
      stats.loading = true;
      stats.error = null;
      try {
        stats.data = await corpApi.get('/group-stats', { from: isoDay(-(stats.days - 1)), to: isoDay(0), by: 'day' });
      } catch (e) {
        stats.error = e;
      } finally {
        stats.loading = false;
      }
    };
    onMounted(() => {
      loadNames();
      reload();
      loadStats();
    });

    const rows = computed(() => (stats.data ? stats.data.rows : []));
    const last = computed(() => (rows.value.length ? rows.value[rows.value.length - 1] : null));
    const sums = computed(() => ({
      joins: rows.value.reduce((a, r) => a + r.joins, 0),
      leaves: rows.value.reduce((a, r) => a + r.leaves, 0),
    }));
    const chartOption = computed(() => ({
      tooltip: { trigger: 'axis' },
      legend: { data: ['群成员总数', '入群', '退群', '客户群数'] },
      grid: { left: 56, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: rows.value.map((r) => fmtMonthDay(r.day)) },
      yAxis: [
        { type: 'value', name: '人', scale: true },
        { type: 'value', name: '入群 / 退群', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: '群成员总数', type: 'line', smooth: true, data: rows.value.map((r) => r.members), itemStyle: { color: '#07c160' } },
        { name: '入群', type: 'bar', yAxisIndex: 1, data: rows.value.map((r) => r.joins), itemStyle: { color: '#1677ff' } },
        { name: '退群', type: 'bar', yAxisIndex: 1, data: rows.value.map((r) => r.leaves), itemStyle: { color: '#fa8c16' } },
        { name: '客户群数', type: 'line', yAxisIndex: 1, data: rows.value.map((r) => r.groups), itemStyle: { color: '#722ed1' } },
      ],
    }));

    const columns = [
      { title: '群名称', key: 'name' },
      { title: '群主', key: 'owner', width: 160 },
      { title: '群成员', key: 'members', width: 100, align: 'right' },
      { title: '创建时间', key: 'createdAt', width: 170 },
      { title: '状态', key: 'status', width: 140 },
    ];
    const statusOf = (g) => (g.dismissedAt ? { label: '已解散', color: 'default' }
      : (GROUP_STATUS[g.status] || { label: '未知', color: 'default' }));
    return { filter, state, pagination, onTableChange, reload, columns, staffName, statusOf, stats, loadStats,
      chartOption, last, sums, fmtNumber, fmtDateTime };
  },
  template: `
  <div>
    <page-header title="客户群" subtitle="员工作为群主的客户群；店长只看到本门店员工的群"></page-header>

    <a-card size="small" class="section" title="社群增长">
      <template #extra>
        <a-radio-group v-model:value="stats.days" size="small" button-style="solid" @change="loadStats">
          <a-radio-button :value="7">近 7 天</a-radio-button>
          <a-radio-button :value="30">近 30 天</a-radio-button>
          <a-radio-button :value="90">近 90 天</a-radio-button>
        </a-radio-group>
      </template>
      <load-error v-if="stats.error" :error="stats.error" @retry="loadStats"></load-error>
      <template v-else>
        <div class="card-grid" style="grid-template-columns: repeat(4, 1fr)" data-test="group-stats">
          <a-statistic title="客户群数（期末）" :value="last ? fmtNumber(last.groups) : '—'"></a-statistic>
          <a-statistic title="群成员数（期末）" :value="last ? fmtNumber(last.members) : '—'"></a-statistic>
          <a-statistic title="期间入群" :value="fmtNumber(sums.joins)"></a-statistic>
          <a-statistic title="期间退群" :value="fmtNumber(sums.leaves)"></a-statistic>
        </div>
        <e-chart :option="chartOption" :loading="stats.loading" height="280px"></e-chart>
      </template>
    </a-card>

    <div class="filters">
      <div data-test="groups-owner">
        <staff-select v-model:value="filter.owner" placeholder="全部群主" @change="reload()"></staff-select>
      </div>
      <span class="muted">包含已解散</span>
      <a-switch v-model:checked="filter.includeDismissed" size="small" data-test="groups-dismissed" @change="reload()"></a-switch>
      <a-button @click="reload(false)">刷新</a-button>
      <span class="muted" data-test="groups-total">共 {{ fmtNumber(state.total) }} 个群</span>
    </div>
    <load-error v-if="state.error" :error="state.error" @retry="reload(false)"></load-error>
    <a-table v-else :columns="columns" :data-source="state.items" row-key="chatId" :loading="state.loading"
        :pagination="pagination" size="middle" @change="onTableChange">
      <template #emptyText><a-empty description="没有符合条件的客户群：换一个群主，或打开“包含已解散”"></a-empty></template>
      <template #bodyCell="{ column, record }">
        <template v-if="column.key === 'name'">
          <router-link :to="'/groups/' + encodeURIComponent(record.chatId)" class="group-link">{{ record.name || '未命名群聊' }}</router-link>
        </template>
        <template v-else-if="column.key === 'owner'">
          <span class="name-cell"><name-avatar :name="staffName(record.owner)" :size="22"></name-avatar>{{ staffName(record.owner) }}</span>
        </template>
        <template v-else-if="column.key === 'members'"><span class="num">{{ fmtNumber(record.memberCount) }}</span></template>
        <template v-else-if="column.key === 'createdAt'"><date-time :value="record.createdAt"></date-time></template>
        <template v-else-if="column.key === 'status'">
          <a-tag :color="statusOf(record).color">{{ statusOf(record).label }}</a-tag>
          <div v-if="record.dismissedAt" class="muted" style="font-size: 12px">{{ fmtDateTime(record.dismissedAt) }}</div>
        </template>
      </template>
    </a-table>
  </div>`,
};
