// 新建 / 编辑规则: name, description, priority, the condition (components/condition-builder.js), the actions, a live
// match count with a sample (POST /rules/preview, debounced while editing), save (POST / PUT /rules), enable/disable,
// versions (GET /rules/{id}/versions) and explain for one customer (GET /rules/{id}/explain). docs/rules.md.
import { corpApi, session, can } from '../session.js';
import { showError, tagGroups, stageLabel, LIFECYCLE_STAGES } from '../components/common.js';
import { ConditionBuilder, ruleFields, describeCondition, validateCondition } from '../components/condition-builder.js';
import { describeActions } from './rules.js';
import { fmtNumber, fmtDateTime } from '../format.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount, watch } = Vue;
const { useRoute, useRouter } = VueRouter;

const PREVIEW_DELAY_MS = 600;
const SAMPLE = 10;

/** One node of an explanation (all / any / not / sameFollow / a leaf as JSON), recursive. */
const ExplainNode = {
  name: 'ExplainNode',
  props: { node: Object, fields: Array, names: Object },
  setup(props) {
    const GROUPS = { all: '全部满足', any: '任一满足', not: '不满足', sameFollow: '同一跟进关系内同时满足' };
    const label = computed(() => {
      const n = props.node.node;
      if (GROUPS[n]) {
        return GROUPS[n];
      }
      try {
        return describeCondition(JSON.parse(n), props.fields, props.names);
      } catch (e) {
        return n;
      }
    });
    const actual = computed(() => {
      const a = props.node.actual;
      if (!a) {
        return '';
      }
      const tags = (props.names && props.names.tags) || {};
      return a.replace(/^relations satisfying every item: /, '同时满足的跟进员工：')
        .replace(/[A-Za-z0-9_-]{12,}/g, (m) => tags[m] || m);
    });
    return { label, actual };
  },
  template: `
    <div style="padding: 2px 0 2px 0">
      <span :style="{ color: node.held ? '#52c41a' : '#ff4d4f', fontWeight: 600 }">{{ node.held ? '✔ 成立' : '✘ 不成立' }}</span>
      <span style="margin-left: 8px">{{ label }}</span>
      <span v-if="actual" class="muted" style="margin-left: 8px; font-size: 12px">客户实际：{{ actual }}</span>
      <div v-if="node.children && node.children.length" style="padding-left: 20px; border-left: 1px dashed #d9d9d9; margin-left: 6px">
        <explain-node v-for="(c, i) in node.children" :key="i" :node="c" :fields="fields" :names="names"></explain-node>
      </div>
    </div>`,
};
ExplainNode.components = { ExplainNode };

function emptyAction(type) {
  return type === 'setStage' ? { type, stage: undefined } : { type, tags: [], syncToWeCom: true };
}

export default {
  name: 'RuleEditPage',
  components: { ConditionBuilder, ExplainNode },
  setup() {
    const route = useRoute();
    const router = useRouter();
    const id = computed(() => (route.params.id && route.params.id !== 'new' ? route.params.id : null));
    const loading = ref(false);
    const loadErr = ref(null);
    const fields = ref([]);
    const tagNames = ref({});
    const rule = ref(null);
    const form = reactive({ name: '', description: '', priority: 100, enabled: false, condition: null,
      actions: [emptyAction('addTags')] });
    const err = ref({});
    const serverErrors = ref([]);
    const submitted = ref(false);
    const saving = ref(false);
    const tab = ref('edit');
    const editable = computed(() => can.operate());

    // ---------------------------------------------------------------- load
    const load = async () => {
      loading.value = true;
      loadErr.value = null;
      try {
        const [f, groups] = await Promise.all([ruleFields(), tagGroups()]);
        fields.value = f.fields;
        const names = {};
        groups.forEach((g) => g.tags.forEach((t) => {
          names[t.tagId] = t.name;
        }));
        tagNames.value = names;
        if (id.value) {
          const r = await corpApi.get(`/rules/${encodeURIComponent(id.value)}`);
          rule.value = r;
          Object.assign(form, { name: r.name, description: r.description || '', priority: r.priority,
            enabled: r.enabled, condition: r.condition,
            actions: (r.actions || []).map((a) => ({ ...a, tags: a.tags ? a.tags.slice() : undefined })) });
        } else {
          rule.value = null;
          Object.assign(form, { name: '', description: '', priority: 100, enabled: false,
            condition: { all: [{}] }, actions: [emptyAction('addTags')] });
        }
        err.value = {};
        serverErrors.value = [];
        submitted.value = false;
        schedulePreview(0);
      } catch (e) {
        loadErr.value = e;
      } finally {
        loading.value = false;
      }
    };
    onMounted(load);
    watch(() => route.params.id, (v, old) => {
      if (v !== old && route.path.startsWith('/rules/')) {
        tab.value = 'edit';
        load();
      }
    });

    // ---------------------------------------------------------------- live preview
    const preview = reactive({ loading: false, count: null, sample: [], error: null, incomplete: null });
    let timer = null;
    let seq = 0;
    const clientErrors = computed(() => (form.condition ? validateCondition(form.condition, fields.value) : []));
    const runPreview = async () => {
      const mine = ++seq;
      if (!form.condition) {
        return;
      }
      if (clientErrors.value.length) {
        preview.incomplete = clientErrors.value[0].message;
        preview.loading = false;
        return;
      }
      preview.incomplete = null;
      preview.loading = true;
      try {
        const res = await corpApi.post('/rules/preview', { condition: form.condition }, { sample: SAMPLE });
        if (mine === seq) {
          preview.count = res.count;
          preview.sample = res.sample || [];
          preview.error = null;
          serverErrors.value = serverErrors.value.filter((e) => !e.field.startsWith('condition'));
        }
      } catch (e) {
        if (mine === seq) {
          preview.error = e.status === 429 ? '预览繁忙，稍后自动重试' : (e.detail || e.message);
          if (e.errors && e.errors.length) {
            serverErrors.value = e.errors;
          }
          if (e.status === 429) {
            schedulePreview(1500);
          }
        }
      } finally {
        if (mine === seq) {
          preview.loading = false;
        }
      }
    };
    const schedulePreview = (delay = PREVIEW_DELAY_MS) => {
      clearTimeout(timer);
      timer = setTimeout(runPreview, delay);
    };
    watch(() => form.condition, () => {
      if (!loading.value) {
        schedulePreview();
      }
    }, { deep: true });
    onBeforeUnmount(() => clearTimeout(timer));

    // ---------------------------------------------------------------- actions editor
    const actionTypes = [
      { value: 'addTags', label: '添加标签' },
      { value: 'removeTags', label: '移除标签' },
      { value: 'setStage', label: '设置生命周期阶段' },
    ];
    const addAction = () => {
      const hasStage = form.actions.some((a) => a.type === 'setStage');
      form.actions.push(emptyAction(hasStage ? 'addTags' : (form.actions.length ? 'setStage' : 'addTags')));
    };
    const setActionType = (i, type) => {
      form.actions.splice(i, 1, emptyAction(type));
    };
    const removeAction = (i) => form.actions.splice(i, 1);
    const stageOptions = LIFECYCLE_STAGES.map((s) => ({ value: s.value, label: s.label }));
    const actionsJson = () => form.actions.map((a) => (a.type === 'setStage' ? { type: 'setStage', stage: a.stage }
      : { type: a.type, tags: a.tags || [], syncToWeCom: a.syncToWeCom !== false }));
    const actionErr = (i) => {
      const e = err.value;
      return e[`actions[${i}].tags`] || e[`actions[${i}].stage`] || e[`actions[${i}].type`] || e[`actions[${i}]`]
        || Object.entries(e).filter(([k]) => k.startsWith(`actions[${i}].`)).map(([, v]) => v)[0];
    };

    // ---------------------------------------------------------------- save
    const validate = () => {
      const e = {};
      if (!form.name.trim()) {
        e.name = '请输入规则名称';
      }
      if (!Number.isInteger(form.priority)) {
        e.priority = '请输入整数优先级';
      }
      if (!form.actions.length) {
        e.actions = '至少需要一个动作：添加标签、移除标签或设置阶段';
      }
      form.actions.forEach((a, i) => {
        if (a.type === 'setStage' && !a.stage) {
          e[`actions[${i}].stage`] = '请选择阶段';
        } else if (a.type !== 'setStage' && !(a.tags || []).length) {
          e[`actions[${i}].tags`] = '请至少选择一个标签';
        }
      });
      if (form.actions.filter((a) => a.type === 'setStage').length > 1) {
        e.actions = '一条规则只能有一个“设置生命周期阶段”';
      }
      return e;
    };
    const save = async () => {
      submitted.value = true;
      const e = validate();
      err.value = e;
      if (Object.keys(e).length || clientErrors.value.length) {
        antd.message.warning('请先修正标红的内容');
        return;
      }
      saving.value = true;
      try {
        const body = { name: form.name.trim(), description: form.description, priority: form.priority,
          condition: form.condition, actions: actionsJson(), operator: session.me && session.me.username };
        if (id.value) {
          const r = await corpApi.put(`/rules/${encodeURIComponent(id.value)}`, body);
          const moved = rule.value && r.version !== rule.value.version;
          rule.value = r;
          antd.message.success(moved ? `已保存为新版本 v${r.version}` : '已保存');
          versions.loaded = false;
        } else {
          body.enabled = form.enabled;
          const r = await corpApi.post('/rules', body);
          antd.message.success(`已创建规则“${r.name}”${r.enabled ? '（已启用）' : '（未启用：确认命中无误后再启用）'}`);
          router.replace(`/rules/${r.id}`);
        }
        err.value = {};
        serverErrors.value = [];
      } catch (x) {
        const named = (m) => (m || '').replace(/[A-Za-z0-9_-]{12,}/g, (t) => tagNames.value[t] ? `“${tagNames.value[t]}”` : t);
        const errors = (x.errors || []).map((y) => ({ ...y, message: named(y.message) }));
        const byField = {};
        errors.forEach((y) => {
          if (y.field && !byField[y.field]) {
            byField[y.field] = y.message;
          }
        });
        err.value = byField;
        serverErrors.value = errors.filter((y) => y.field && y.field.startsWith('condition'));
        if (!(x.errors || []).length) {
          showError(x);
        } else {
          antd.message.error('规则不合法：' + (errors[0] ? errors[0].message : x.detail));
        }
      } finally {
        saving.value = false;
      }
    };
    const toggle = async (on) => {
      try {
        const r = await corpApi.post(`/rules/${encodeURIComponent(id.value)}/${on ? 'enable' : 'disable'}`);
        rule.value = { ...rule.value, enabled: r.enabled };
        form.enabled = r.enabled;
        antd.message.success(on ? '已启用：下次客户事件或重算时生效' : '已停用');
      } catch (e) {
        showError(e);
      }
    };

    // ---------------------------------------------------------------- versions
    const versions = reactive({ loading: false, list: [], loaded: false, error: null });
    const loadVersions = async () => {
      versions.loading = true;
      versions.error = null;
      try {
        const list = await corpApi.get(`/rules/${encodeURIComponent(id.value)}/versions`);
        versions.list = list.slice().sort((a, b) => b.version - a.version);
        versions.loaded = true;
      } catch (e) {
        versions.error = e;
      } finally {
        versions.loading = false;
      }
    };
    const versionChanges = (v) => {
      const prev = versions.list.find((x) => x.version === v.version - 1);
      if (!prev) {
        return '初始版本';
      }
      const parts = [];
      if (JSON.stringify(prev.condition) !== JSON.stringify(v.condition)) {
        parts.push('条件已修改');
      }
      if (JSON.stringify(prev.actions) !== JSON.stringify(v.actions)) {
        parts.push('动作已修改');
      }
      return parts.length ? parts.join('，') : '内容相同';
    };
    const restore = (v) => {
      form.condition = JSON.parse(JSON.stringify(v.condition));
      form.actions = v.actions.map((a) => ({ ...a, tags: a.tags ? a.tags.slice() : undefined }));
      tab.value = 'edit';
      antd.message.info(`已载入 v${v.version} 的条件和动作，保存后成为新版本`);
    };
    watch(tab, (t) => {
      if (t === 'versions' && !versions.loaded && id.value) {
        loadVersions();
      }
    });

    // ---------------------------------------------------------------- explain
    const explain = reactive({ customer: undefined, options: [], searching: false, loading: false, result: null,
      error: null });
    let searchTimer = null;
    const searchCustomers = (keyword) => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(async () => {
        explain.searching = true;
        try {
          const p = await corpApi.get('/customers', { keyword: keyword || undefined, page: 1, size: 10 });
          explain.options = p.items.map((c) => ({ value: c.externalUserId,
            label: `${c.name || '（未命名）'}${c.corpName ? ' · ' + c.corpName : ''}` }));
        } catch (e) {
          showError(e);
        } finally {
          explain.searching = false;
        }
      }, 300);
    };
    const runExplain = async () => {
      if (!explain.customer) {
        explain.error = '请先选择一位客户';
        return;
      }
      explain.loading = true;
      explain.error = null;
      try {
        explain.result = await corpApi.get(`/rules/${encodeURIComponent(id.value)}/explain`,
          { customer: explain.customer });
      } catch (e) {
        explain.result = null;
        explain.error = e.detail || e.message;
      } finally {
        explain.loading = false;
      }
    };
    const explainName = computed(() => {
      const o = explain.options.find((x) => x.value === explain.customer);
      return o ? o.label : explain.customer;
    });
    watch(tab, (t) => {
      if (t === 'explain' && !explain.options.length) {
        searchCustomers('');
      }
    });

    const remove = () => {
      const opts = reactive({ takeBack: false });
      antd.Modal.confirm({
        title: `删除规则“${rule.value.name}”？`,
        content: () => Vue.h('div', [
          Vue.h('p', '删除后规则不再执行，此操作无法撤销。'),
          Vue.h(antd.Checkbox, { checked: opts.takeBack, 'onUpdate:checked': (v) => { opts.takeBack = v; } },
            () => '同时收回该规则添加过的标签（本地立即移除，并同步到企业微信）'),
        ]),
        okText: '删除', okType: 'danger', cancelText: '取消',
        onOk: async () => {
          try {
            await corpApi.del(`/rules/${encodeURIComponent(id.value)}`, opts.takeBack ? { takeBackTags: true } : undefined);
            antd.message.success('已删除');
            router.push('/rules');
          } catch (e) {
            showError(e);
          }
        },
      });
    };

    const names = computed(() => ({ tags: tagNames.value }));
    const cond = (c) => describeCondition(c, fields.value, names.value);
    const acts = (a) => describeActions(a, tagNames.value);
    return { id, loading, loadErr, load, fields, rule, form, err, serverErrors, submitted, saving, tab, editable,
      preview, clientErrors, actionTypes, addAction, setActionType, removeAction, stageOptions, actionErr, save,
      toggle, versions, loadVersions, versionChanges, restore, explain, searchCustomers, runExplain, explainName,
      remove, names, cond, acts, fmtNumber, fmtDateTime, stageLabel, can };
  },
  template: `
    <div>
      <page-header :title="id ? (rule ? rule.name : '编辑规则') : '新建规则'"
          :subtitle="id && rule ? '版本 v' + rule.version + (rule.preset ? ' · 生命周期预设' : '') : '描述哪些客户、做什么：条件命中的客户会被自动打标签或设置阶段'">
        <template #extra>
          <a-button @click="$router.push('/rules')">返回列表</a-button>
          <template v-if="id && rule && editable">
            <a-switch data-test="rule-edit-switch" :checked="rule.enabled" checked-children="启用" un-checked-children="停用"
                @change="toggle" style="margin-top: 5px"></a-switch>
            <a-button danger data-test="rule-edit-delete" @click="remove">删除</a-button>
          </template>
          <a-tag v-else-if="id && rule" :color="rule.enabled ? 'green' : 'default'" style="margin-top: 5px">{{ rule.enabled ? '启用' : '停用' }}</a-tag>
          <a-button v-if="editable && tab === 'edit'" type="primary" data-test="rule-save" :loading="saving" @click="save">{{ id ? '保存' : '创建规则' }}</a-button>
        </template>
      </page-header>

      <load-error :error="loadErr" @retry="load"></load-error>
      <a-spin v-if="!loadErr" :spinning="loading">
        <a-tabs v-model:activeKey="tab">
          <a-tab-pane key="edit" :tab="editable ? '编辑' : '规则内容'">
            <a-row :gutter="16">
              <a-col :xs="24" :xl="16">
                <a-card size="small" title="基本信息" class="section">
                  <a-form layout="vertical">
                    <a-row :gutter="16">
                      <a-col :span="14">
                        <a-form-item label="规则名称" required :validate-status="err.name ? 'error' : ''" :help="err.name">
                          <a-input v-model:value="form.name" data-test="rule-name" :maxlength="128" :disabled="!editable" placeholder="如：黑金会员打上高价值标签"></a-input>
                        </a-form-item>
                      </a-col>
                      <a-col :span="10">
                        <a-form-item label="优先级" :validate-status="err.priority ? 'error' : ''" :help="err.priority || '数字越小越先执行；设置阶段时取第一条命中的规则'">
                          <a-input-number v-model:value="form.priority" data-test="rule-priority" :precision="0" :min="-1000000" :max="1000000" :disabled="!editable" style="width: 100%"></a-input-number>
                        </a-form-item>
                      </a-col>
                    </a-row>
                    <a-form-item label="说明" :validate-status="err.description ? 'error' : ''" :help="err.description">
                      <a-textarea v-model:value="form.description" :maxlength="512" :auto-size="{ minRows: 1, maxRows: 3 }" :disabled="!editable" placeholder="选填：这条规则的用途"></a-textarea>
                    </a-form-item>
                    <a-form-item v-if="!id && editable" style="margin-bottom: 0">
                      <a-checkbox v-model:checked="form.enabled" data-test="rule-enabled">创建后立即启用（建议先看右侧命中预览，确认后再启用）</a-checkbox>
                    </a-form-item>
                  </a-form>
                </a-card>

                <a-card size="small" title="条件：哪些客户" class="section">
                  <div v-if="err.condition && !serverErrors.length" style="color: #ff4d4f; margin-bottom: 6px">{{ err.condition }}</div>
                  <condition-builder v-if="form.condition" v-model:value="form.condition" :fields="fields"
                      :errors="serverErrors" :disabled="!editable" :show-validation="submitted"></condition-builder>
                </a-card>

                <a-card size="small" title="动作：命中后做什么" class="section" data-test="rule-actions">
                  <div :style="{ color: '#ff4d4f', marginBottom: err.actions ? '6px' : '0' }" data-test="actions-error">{{ err.actions || '' }}</div>
                  <div v-for="(a, i) in form.actions" :key="'action-' + i" style="margin-bottom: 10px" data-test="rule-action">
                    <div style="display: flex; gap: 8px; flex-wrap: wrap; align-items: center">
                      <a-select :value="a.type" :options="actionTypes" :disabled="!editable" style="width: 170px"
                          data-test="action-type" @change="(t) => setActionType(i, t)"></a-select>
                      <tag-select v-if="a.type !== 'setStage'" v-model:value="a.tags" data-test="action-tags" :disabled="!editable"
                          placeholder="选择标签" style="min-width: 260px"></tag-select>
                      <a-select v-else v-model:value="a.stage" :options="stageOptions" :disabled="!editable" placeholder="选择阶段"
                          data-test="action-stage" style="width: 160px"></a-select>
                      <a-checkbox v-if="a.type !== 'setStage'" v-model:checked="a.syncToWeCom" :disabled="!editable">同步到企业微信</a-checkbox>
                      <a-button v-if="editable" type="text" danger size="small" @click="removeAction(i)">✕ 删除</a-button>
                    </div>
                    <div v-if="actionErr(i)" style="color: #ff4d4f; font-size: 12px; margin-top: 2px">{{ actionErr(i) }}</div>
                  </div>
                  <a-button v-if="editable" type="dashed" size="small" data-test="action-add" @click="addAction">＋ 添加动作</a-button>
                  <div class="muted" style="font-size: 12px; margin-top: 8px">客户不再满足条件时，规则会收回它添加过的标签（别人打的标签不受影响）；条件里不能引用本规则自己添加或移除的标签。</div>
                </a-card>
              </a-col>

              <a-col :xs="24" :xl="8">
                <a-card size="small" title="命中预览" data-test="rule-preview" style="position: sticky; top: 16px">
                  <template #extra><a-spin v-if="preview.loading" size="small"></a-spin></template>
                  <div v-if="preview.incomplete" class="muted" data-test="preview-incomplete">条件未填写完整：{{ preview.incomplete }}</div>
                  <a-alert v-else-if="preview.error" type="warning" show-icon :message="preview.error"></a-alert>
                  <template v-else-if="preview.count !== null">
                    <div style="font-size: 16px; margin-bottom: 8px">约 <b class="num" data-test="preview-count" :data-count="preview.count" style="font-size: 26px; color: #1677ff">{{ fmtNumber(preview.count) }}</b> 位客户</div>
                    <div v-if="preview.sample.length" class="muted" style="font-size: 12px; margin-bottom: 4px">示例客户（前 {{ preview.sample.length }} 位）：</div>
                    <a-empty v-else description="当前没有客户满足条件"></a-empty>
                    <div v-for="c in preview.sample" :key="c.externalUserId" style="padding: 3px 0" data-test="preview-sample">
                      <router-link :to="'/customers/' + c.externalUserId" class="name-cell">
                        <name-avatar :name="c.name" :size="22"></name-avatar>{{ c.name || '（未命名）' }}
                      </router-link>
                      <a-tag v-if="c.lifecycleStage" style="margin-left: 6px">{{ stageLabel(c.lifecycleStage) }}</a-tag>
                    </div>
                  </template>
                  <div v-else class="muted">编辑条件后自动统计命中客户数</div>
                  <a-divider style="margin: 10px 0"></a-divider>
                  <div class="muted" style="font-size: 12px">按当前数据实时统计；保存并启用后，在客户事件发生时或下一次重算时生效。</div>
                </a-card>
              </a-col>
            </a-row>
          </a-tab-pane>

          <a-tab-pane v-if="id" key="versions" tab="版本历史">
            <load-error :error="versions.error" @retry="loadVersions"></load-error>
            <a-spin :spinning="versions.loading">
              <a-empty v-if="versions.loaded && !versions.list.length" description="还没有版本记录"></a-empty>
              <a-timeline style="margin-top: 12px" data-test="rule-versions">
                <a-timeline-item v-for="v in versions.list" :key="v.version" :color="rule && v.version === rule.version ? 'green' : 'gray'">
                  <div data-test="rule-version">
                    <b>v{{ v.version }}</b>
                    <a-tag v-if="rule && v.version === rule.version" color="green" style="margin-left: 6px">当前版本</a-tag>
                    <span class="muted" style="margin-left: 8px">{{ fmtDateTime(v.createdAt) }} · {{ v.createdBy || '未知' }}</span>
                    <span style="margin-left: 8px">{{ versionChanges(v) }}</span>
                    <a v-if="editable && rule && v.version !== rule.version" style="margin-left: 8px" @click="restore(v)">载入此版本</a>
                  </div>
                  <div style="font-size: 13px; margin-top: 4px"><span class="muted">条件：</span>{{ cond(v.condition) }}</div>
                  <div style="font-size: 13px"><span class="muted">动作：</span>{{ acts(v.actions) }}</div>
                </a-timeline-item>
              </a-timeline>
            </a-spin>
          </a-tab-pane>

          <a-tab-pane v-if="id" key="explain" tab="解释：某位客户为何命中">
            <div class="filters">
              <a-select v-model:value="explain.customer" data-test="explain-customer" show-search :filter-option="false"
                  :options="explain.options" :loading="explain.searching" placeholder="输入客户名称搜索" style="width: 320px"
                  :not-found-content="explain.searching ? '搜索中…' : '没有匹配的客户'" @search="searchCustomers"></a-select>
              <a-button type="primary" data-test="explain-run" :loading="explain.loading" @click="runExplain">解释</a-button>
            </div>
            <a-alert v-if="explain.error" type="error" show-icon :message="explain.error" style="margin-bottom: 12px"></a-alert>
            <a-card v-if="explain.result" size="small" data-test="explain-result">
              <template #title>
                <span>{{ explainName }}</span>
                <a-tag :color="explain.result.matches ? 'green' : 'red'" style="margin-left: 8px">{{ explain.result.matches ? '命中此规则' : '未命中此规则' }}</a-tag>
                <span class="muted" style="font-weight: normal; font-size: 12px">（按规则 v{{ explain.result.version }} 和客户当前数据判定）</span>
              </template>
              <explain-node :node="explain.result.explanation" :fields="fields" :names="names"></explain-node>
            </a-card>
            <a-empty v-else-if="!explain.error" description="选择一位客户，查看每个条件是否成立以及客户的实际数据"></a-empty>
          </a-tab-pane>
        </a-tabs>
      </a-spin>
    </div>`,
};
