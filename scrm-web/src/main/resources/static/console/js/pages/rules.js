// 自动标签规则: the corp's rules (GET /rules) with their switch, priority, condition and actions in Chinese, the
// customers each matches now (GET /rules/{id}/preview?sample=0, one at a time), run-now, the lifecycle presets and
// the run log (GET /rule-runs). docs/rules.md.
import { corpApi, session, can } from '../session.js';
import { showError, tagGroups, stageLabel } from '../components/common.js';
import { ruleFields, describeCondition } from '../components/condition-builder.js';
import { fmtNumber, fmtDateTime, fmtAgo } from '../format.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount, watch } = Vue;
const { useRouter } = VueRouter;

/** "添加标签 A、B；设置阶段 成长期" */
export function describeActions(actions, tagNames) {
  return (actions || []).map((a) => {
    if (a.type === 'setStage') {
      return `设置阶段为“${stageLabel(a.stage)}”`;
    }
    const names = (a.tags || []).map((t) => tagNames[t] || t).join('、');
    const verb = a.type === 'addTags' ? '添加标签' : '移除标签';
    return `${verb} ${names}${a.syncToWeCom === false ? '（仅本地）' : ''}`;
  }).join('；');
}

const RUN_STATUS = { RUNNING: ['运行中', 'processing'], SUCCEEDED: ['成功', 'success'], DONE: ['成功', 'success'],
  FAILED: ['失败', 'error'] };
const TRIGGERS = { API: '手动（立即重算）', SCHEDULE: '定时', SCHEDULED: '定时', DEMO: '演示启动', STARTUP: '启动' };

export default {
  name: 'RulesPage',
  setup() {
    const router = useRouter();
    const rules = ref([]);
    const loading = ref(false);
    const error = ref(null);
    const fields = ref([]);
    const tagNames = ref({});
    const counts = reactive({});
    const runs = ref([]);
    const runsLoading = ref(false);
    const running = ref(false);
    const installing = ref(false);
    let alive = true;
    onBeforeUnmount(() => {
      alive = false;
    });

    const loadCounts = async (list) => {
      // one at a time: previews share a small per-corp gate (429 beyond)
      for (const r of list) {
        if (!alive) {
          return;
        }
        try {
          counts[r.id] = (await corpApi.get(`/rules/${r.id}/preview`, { sample: 0 })).count;
        } catch (e) {
          counts[r.id] = null;
        }
      }
    };
    const loadRuns = async () => {
      runsLoading.value = true;
      try {
        runs.value = await corpApi.get('/rule-runs', { limit: 20 });
      } catch (e) {
        runs.value = [];
      } finally {
        runsLoading.value = false;
      }
    };
    const load = async () => {
      loading.value = true;
      error.value = null;
      try {
        const [list, f, groups] = await Promise.all([corpApi.get('/rules'), ruleFields(), tagGroups()]);
        const names = {};
        groups.forEach((g) => g.tags.forEach((t) => {
          names[t.tagId] = t.name;
        }));
        tagNames.value = names;
        fields.value = f.fields;
        rules.value = list.slice().sort((a, b) => a.priority - b.priority || a.id - b.id);
        Object.keys(counts).forEach((k) => delete counts[k]);
        loadCounts(rules.value);
      } catch (e) {
        error.value = e;
      } finally {
        loading.value = false;
      }
      loadRuns();
    };
    onMounted(load);
    watch(() => session.corp, load);

    const toggle = async (r, on) => {
      r.busy = true;
      try {
        const updated = await corpApi.post(`/rules/${r.id}/${on ? 'enable' : 'disable'}`);
        r.enabled = updated.enabled;
        antd.message.success(on ? `已启用“${r.name}”：下次事件或重算时生效` : `已停用“${r.name}”`);
      } catch (e) {
        showError(e);
      } finally {
        r.busy = false;
      }
    };
    const runNow = async () => {
      running.value = true;
      try {
        const run = await corpApi.post('/rules/run', undefined, { push: true });
        antd.message.success(`重算完成：新增标签 ${fmtNumber(run.tagsAdded)}，移除 ${fmtNumber(run.tagsRemoved)}，阶段变更 ${fmtNumber(run.stagesChanged)}`);
        await loadRuns();
        loadCounts(rules.value);
      } catch (e) {
        showError(e);
      } finally {
        running.value = false;
      }
    };
    const installPresets = () => {
      antd.Modal.confirm({
        title: '安装生命周期预设规则？',
        content: '将安装 5 条按优先级判定生命周期阶段的规则（引入期、成长期、成熟期、流失预警、已流失）；已安装的不会重复安装，安装后可像普通规则一样编辑、停用或删除。',
        okText: '安装', cancelText: '取消',
        onOk: async () => {
          installing.value = true;
          try {
            const installed = await corpApi.post('/rules/lifecycle-defaults');
            antd.message.success(installed.length ? `已安装 ${installed.length} 条预设规则` : '预设规则都已安装，无需重复安装');
            await load();
          } catch (e) {
            showError(e);
          } finally {
            installing.value = false;
          }
        },
      });
    };
    const remove = (r) => {
      const opts = reactive({ takeBack: false });
      antd.Modal.confirm({
        title: `删除规则“${r.name}”？`,
        content: () => Vue.h('div', [
          Vue.h('p', '删除后规则不再执行，此操作无法撤销。'),
          Vue.h(antd.Checkbox, { checked: opts.takeBack, 'onUpdate:checked': (v) => { opts.takeBack = v; } },
            () => '同时收回该规则添加过的标签（本地立即移除，并同步到企业微信）'),
        ]),
        okText: '删除', okType: 'danger', cancelText: '取消',
        onOk: async () => {
          try {
            const res = await corpApi.del(`/rules/${r.id}`, opts.takeBack ? { takeBackTags: true } : undefined);
            antd.message.success(res && res.tagsRemoved !== undefined
              ? `已删除，收回标签 ${fmtNumber(res.tagsRemoved)} 个` : '已删除');
            await load();
          } catch (e) {
            showError(e);
          }
        },
      });
    };

    const lastRun = computed(() => runs.value[0] || null);
    const columns = [
      { title: '优先级', dataIndex: 'priority', width: 80 },
      { title: '规则', key: 'name', width: 260 },
      { title: '状态', key: 'enabled', width: 90 },
      { title: '条件', key: 'condition', ellipsis: true },
      { title: '动作', key: 'actions', width: 260 },
      { title: '当前命中', key: 'count', width: 110, align: 'right' },
      { title: '版本', key: 'version', width: 70 },
      { title: '操作', key: 'ops', width: 120 },
    ];
    const runColumns = [
      { title: '开始时间', key: 'startedAt', width: 170 },
      { title: '触发', key: 'trigger', width: 130 },
      { title: '状态', key: 'status', width: 90 },
      { title: '规则数', dataIndex: 'rules', width: 80, align: 'right' },
      { title: '新增标签', key: 'tagsAdded', align: 'right' },
      { title: '移除标签', key: 'tagsRemoved', align: 'right' },
      { title: '阶段变更', key: 'stagesChanged', align: 'right' },
      { title: '推送企业微信', key: 'pushesQueued', align: 'right' },
      { title: '耗时', key: 'duration', align: 'right' },
      { title: '错误', key: 'error', ellipsis: true },
    ];
    const cond = (r) => describeCondition(r.condition, fields.value, { tags: tagNames.value });
    const acts = (r) => describeActions(r.actions, tagNames.value);
    const runStatus = (s) => RUN_STATUS[s] || [s, 'default'];
    const trigger = (t) => TRIGGERS[t] || t;
    const open = (r) => router.push(`/rules/${r.id}`);
    return { rules, loading, error, load, counts, runs, runsLoading, loadRuns, running, runNow, installing,
      installPresets, toggle, remove, lastRun, columns, runColumns, cond, acts, runStatus, trigger, open, can,
      fmtNumber, fmtDateTime, fmtAgo };
  },
  template: `
    <div>
      <page-header title="自动标签规则" subtitle="按条件自动给客户打标签、设置生命周期阶段；客户行为变化时实时判定，每小时全量重算一次">
        <template #extra>
          <a-button @click="load" :loading="loading">刷新</a-button>
          <a-button v-if="can.operate()" data-test="rules-presets" :loading="installing" @click="installPresets">安装生命周期预设</a-button>
          <a-popconfirm v-if="can.operate()" title="立即按全部已启用规则重算所有客户？" ok-text="重算" cancel-text="取消" @confirm="runNow">
            <a-button data-test="rules-run" :loading="running">立即重算</a-button>
          </a-popconfirm>
          <a-button v-if="can.operate()" data-test="rules-new" type="primary" @click="$router.push('/rules/new')">＋ 新建规则</a-button>
        </template>
      </page-header>

      <load-error :error="error" @retry="load"></load-error>
      <template v-if="!error">
        <div class="filters muted">
          <span>共 {{ rules.length }} 条规则，启用 {{ rules.filter(r => r.enabled).length }} 条；优先级数字越小越先执行，阶段取第一条命中的规则。</span>
          <span v-if="lastRun">上次重算：{{ fmtAgo(lastRun.startedAt) }}（{{ runStatus(lastRun.status)[0] }}）</span>
        </div>
        <a-table :columns="columns" :data-source="rules" :loading="loading" row-key="id" :pagination="false"
            size="middle" data-test="rules-table">
          <template #emptyText>
            <a-empty description="还没有规则：点击“新建规则”，或安装生命周期预设"></a-empty>
          </template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'">
              <a data-test="rule-link" :href="'#/rules/' + record.id" @click.prevent="open(record)">{{ record.name }}</a>
              <a-tag v-if="record.preset" color="gold" style="margin-left: 6px">预设</a-tag>
              <div v-if="record.description" class="muted" style="font-size: 12px">{{ record.description }}</div>
            </template>
            <template v-else-if="column.key === 'enabled'">
              <a-switch v-if="can.operate()" data-test="rule-switch" :checked="record.enabled" :loading="record.busy"
                  checked-children="启用" un-checked-children="停用" @change="(v) => toggle(record, v)"></a-switch>
              <a-tag v-else :color="record.enabled ? 'green' : 'default'">{{ record.enabled ? '启用' : '停用' }}</a-tag>
            </template>
            <template v-else-if="column.key === 'condition'">
              <a-tooltip :title="cond(record)"><span>{{ cond(record) }}</span></a-tooltip>
            </template>
            <template v-else-if="column.key === 'actions'">{{ acts(record) }}</template>
            <template v-else-if="column.key === 'count'">
              <span class="num" data-test="rule-count">{{ counts[record.id] === undefined ? '…' : (counts[record.id] === null ? '—' : fmtNumber(counts[record.id]) + ' 人') }}</span>
            </template>
            <template v-else-if="column.key === 'version'">v{{ record.version }}</template>
            <template v-else-if="column.key === 'ops'">
              <a-space>
                <a @click="open(record)">{{ can.operate() ? '编辑' : '查看' }}</a>
                <a v-if="can.operate()" data-test="rule-delete" style="color: #ff4d4f" @click="remove(record)">删除</a>
              </a-space>
            </template>
          </template>
        </a-table>

        <a-card title="重算记录" size="small" style="margin-top: 16px" data-test="rule-runs">
          <template #extra><a @click="loadRuns">刷新</a></template>
          <a-table :columns="runColumns" :data-source="runs" :loading="runsLoading" row-key="id" size="small"
              :pagination="{ pageSize: 10, showTotal: (t) => '共 ' + t + ' 条' }">
            <template #emptyText><a-empty description="还没有重算记录"></a-empty></template>
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'startedAt'">{{ fmtDateTime(record.startedAt) }}</template>
              <template v-else-if="column.key === 'trigger'">{{ trigger(record.trigger) }}</template>
              <template v-else-if="column.key === 'status'"><a-badge :status="runStatus(record.status)[1]" :text="runStatus(record.status)[0]"></a-badge></template>
              <template v-else-if="['tagsAdded', 'tagsRemoved', 'stagesChanged', 'pushesQueued'].includes(column.key)">
                <span class="num">{{ fmtNumber(record[column.key]) }}</span>
              </template>
              <template v-else-if="column.key === 'duration'">{{ record.durationMs === null || record.durationMs === undefined ? '—' : (record.durationMs < 1000 ? record.durationMs + ' 毫秒' : (record.durationMs / 1000).toFixed(1) + ' 秒') }}</template>
              <template v-else-if="column.key === 'error'">{{ record.error || '—' }}</template>
            </template>
          </a-table>
        </a-card>
      </template>
    </div>`,
};
