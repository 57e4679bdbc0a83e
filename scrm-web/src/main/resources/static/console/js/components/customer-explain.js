// "为什么有这个标签": a rule's explain tree (GET /rules/{id}/explain?customer=) rendered as sentences — which
// conditions held (满足) and which failed (不满足), with what the customer actually has. Used by pages/customer-detail.js.
import { corpApi, session } from '../session.js';
import { tagGroups, stageLabel, departments } from './common.js';

const { ref, computed, watch } = Vue;

const NODE_LABELS = { all: '以下条件全部满足', any: '以下条件任一满足', not: '以下条件不满足',
  sameFollow: '同一位跟进员工的关系同时满足' };

const OP_LABELS = {
  eq: '等于', ne: '不等于', in: '是以下之一', notIn: '不是以下任何一个', contains: '包含', notContains: '不包含',
  isEmpty: '为空', isNotEmpty: '不为空', gt: '大于', gte: '大于等于', lt: '小于', lte: '小于等于',
  withinDays: '在最近 N 天内', olderThanDays: '早于 N 天前', notWithinDays: '最近 N 天内没有', hasAny: '含任一',
  hasAll: '全部含有', hasNone: '都不含',
};

const GENDERS = { 0: '未知', 1: '男', 2: '女' };
const TYPES = { 1: '微信', 2: '企业微信' };

let fieldsCache = { corp: null, fields: null };

/** The rule language's fields (GET /rule-fields), cached per corp: {key: label}. */
async function fieldLabels(corp) {
  if (fieldsCache.corp !== corp || !fieldsCache.fields) {
    const r = await corpApi.get('/rule-fields');
    fieldsCache = { corp, fields: Object.fromEntries(r.fields.map((f) => [f.field, f.label])) };
  }
  return fieldsCache.fields;
}

/** One node of the explanation, recursive. */
export const ExplainNode = {
  name: 'ExplainNode',
  props: { node: Object, labels: Object },
  setup(props) {
    const leaf = computed(() => {
      if (NODE_LABELS[props.node.node]) {
        return null;
      }
      try {
        return JSON.parse(props.node.node);
      } catch (e) {
        return { text: props.node.node };
      }
    });
    const sentence = computed(() => {
      const l = leaf.value;
      if (!l) {
        return NODE_LABELS[props.node.node];
      }
      if (l.text) {
        return l.text;
      }
      const L = props.labels || {};
      const field = (L.fields && L.fields[l.field]) || l.field;
      const days = l.days ? `近 ${l.days} 天` : '';
      const op = l.op === 'withinDays' || l.op === 'olderThanDays' || l.op === 'notWithinDays'
        ? OP_LABELS[l.op].replace('N', l.value) : (OP_LABELS[l.op] || l.op);
      const show = (v) => {
        if (l.field === 'tags') {
          return (L.tags && L.tags[v]) || v;
        }
        if (l.field === 'lifecycleStage') {
          return stageLabel(v);
        }
        if (l.field === 'gender') {
          return GENDERS[v] || v;
        }
        if (l.field === 'customerType') {
          return TYPES[v] || v;
        }
        if ((l.field === 'follow.department' || l.field === 'group.store') && L.stores && L.stores[v]) {
          return L.stores[v];
        }
        return v;
      };
      let value = '';
      if (Array.isArray(l.values)) {
        value = l.values.map(show).join('、');
      } else if (l.value !== undefined && !/Days$/.test(l.op)) {
        value = String(show(l.value));
      }
      return [days, field, op, value].filter((x) => x !== '').join(' ');
    });
    return { leaf, sentence };
  },
  template: `
    <div class="explain-node" :class="node.held ? 'held' : 'failed'">
      <div class="explain-line">
        <a-tag class="explain-mark" :color="node.held ? 'green' : 'red'">{{ node.held ? '满足' : '不满足' }}</a-tag>
        <span :class="leaf ? 'explain-leaf' : 'explain-group'">{{ sentence }}</span>
        <span v-if="node.actual && leaf" class="muted explain-actual">（客户实际：{{ node.actual }}）</span>
      </div>
      <div v-if="node.children && node.children.length" class="explain-children">
        <explain-node v-for="(c, i) in node.children" :key="i" :node="c" :labels="labels"></explain-node>
      </div>
    </div>`,
};

/** The drawer: the rule's name and version, whether it holds now, and the tree. */
export const TagExplainDrawer = {
  name: 'TagExplainDrawer',
  components: { ExplainNode },
  props: { open: Boolean, tag: Object, customer: String },
  emits: ['update:open'],
  setup(props) {
    const loading = ref(false);
    const error = ref(null);
    const rule = ref(null);
    const result = ref(null);
    const labels = ref({});
    const ruleId = computed(() => {
      const ref0 = props.tag && props.tag.sourceRef;
      return ref0 ? String(ref0).split(':')[0] : null;
    });
    const taggedVersion = computed(() => {
      const ref0 = props.tag && props.tag.sourceRef;
      const parts = ref0 ? String(ref0).split(':') : [];
      return parts.length > 1 ? parts[1] : null;
    });
    const load = async () => {
      if (!props.open || !ruleId.value) {
        return;
      }
      loading.value = true;
      error.value = null;
      rule.value = null;
      result.value = null;
      try {
        const [r, x, fields, groups, stores] = await Promise.all([
          corpApi.get(`/rules/${encodeURIComponent(ruleId.value)}`),
          corpApi.get(`/rules/${encodeURIComponent(ruleId.value)}/explain`, { customer: props.customer }),
          fieldLabels(session.corp),
          tagGroups().catch(() => []),
          departments().catch(() => []),
        ]);
        const tags = {};
        groups.forEach((g) => g.tags.forEach((t) => { tags[t.tagId] = `${g.name} / ${t.name}`; }));
        labels.value = { fields, tags, stores: Object.fromEntries(stores.map((d) => [d.id, d.name])) };
        rule.value = r;
        result.value = x;
      } catch (e) {
        error.value = e;
      } finally {
        loading.value = false;
      }
    };
    watch(() => [props.open, props.tag && props.tag.tagId, props.customer], load, { immediate: true });
    return { loading, error, rule, result, labels, ruleId, taggedVersion, load };
  },
  template: `
    <a-drawer :open="open" title="为什么有这个标签" width="560" @update:open="$emit('update:open', $event)"
        @close="$emit('update:open', false)" class="tag-explain-drawer">
      <div v-if="tag" class="section">
        <a-tag color="purple">{{ tag.groupName ? tag.groupName + ' / ' : '' }}{{ tag.name || tag.tagId }}</a-tag>
        <span class="muted">由自动标签规则打上</span>
      </div>
      <a-spin :spinning="loading">
        <load-error v-if="error" :error="error" @retry="load"></load-error>
        <template v-else-if="rule && result">
          <a-descriptions :column="1" size="small" bordered class="section">
            <a-descriptions-item label="规则">
              <router-link :to="'/rules/' + rule.id" data-test="explain-rule-name">{{ rule.name }}</router-link>
            </a-descriptions-item>
            <a-descriptions-item label="打标签时的版本">第 {{ taggedVersion || '—' }} 版（当前第 {{ result.version }} 版）</a-descriptions-item>
            <a-descriptions-item label="当前是否满足">
              <a-tag :color="result.matches ? 'green' : 'orange'" data-test="explain-matches">{{ result.matches ? '满足：标签会保留' : '不再满足：下次规则运行时会移除' }}</a-tag>
            </a-descriptions-item>
          </a-descriptions>
          <div class="explain-tree" data-test="explain-tree">
            <explain-node :node="result.explanation" :labels="labels"></explain-node>
          </div>
        </template>
      </a-spin>
    </a-drawer>`,
};
