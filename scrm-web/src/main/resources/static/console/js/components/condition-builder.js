// The condition-tree builder of the rules' condition language (docs/rules.md), shared by the rule editor and the
// campaign audience (docs/campaigns.md: the audience is the same language).
//
// CONTRACT
//
//   import { ConditionBuilder, ruleFields, validateCondition, describeCondition, isConditionComplete }
//     from '../components/condition-builder.js';
//   components: { ConditionBuilder }
//
//   <condition-builder v-model:value="tree" :fields="fields" :errors="errors" path="condition"
//       :disabled="!can.operate()" :show-validation="submitted" @change="onChange"></condition-builder>
//
//   props
//     value           the condition exactly as the API takes and returns it ({"all": [...]}, {"any": [...]},
//                     {"not": {...}}, {"sameFollow": [...]}, or a leaf {"field", "op", "value" | "values", "days"}),
//                     or null (starts as an empty 全部满足 group; nothing is emitted until the user edits: then
//                     {"all": [...]}). Loading an existing tree and emitting it again
//                     gives the same JSON. A tree whose root is a single leaf is shown inside a 全部满足 group and
//                     emitted as that leaf as long as the group holds one item.
//     fields          the `fields` array of GET /rule-fields ([{field, label, type, ops, sameFollow}]). Optional:
//                     without it the builder loads them itself (ruleFields(), cached per corp).
//     errors          the server's field errors, mapped to the leaf or group their JSON path names: an ApiError
//                     (its `errors`), an array [{field, message}] or an object {path: message} (fieldErrors(e)).
//     path            the JSON path of the condition in the request, the prefix of the server's error paths:
//                     'condition' for rules (default); e.g. 'audience.include' for a campaign audience.
//     disabled        read-only display (no add/remove, inputs disabled).
//     showValidation  show the client-side messages (validateCondition) on every leaf; without it a leaf shows
//                     them once the user has touched it.
//   events
//     update:value    (json) after every edit: a fresh object, exactly the API's JSON (v-model:value).
//     change          (json) same, for @change listeners.
//
//   helpers
//     ruleFields()                           Promise of GET /rule-fields (cached per corp): {fields, nodes, stages, actions}
//     validateCondition(json, fields, path)  [{field: path, message}] of what the server would refuse for a missing
//                                            or malformed value (Chinese); [] when the tree can be sent.
//     isConditionComplete(json, fields)      validateCondition(...).length === 0
//     roundTrip(json, fields)                the JSON the builder emits for {@code json} before any edit (=== json)
//     describeCondition(json, fields, names) a one-line Chinese summary; names: {tags: {id: name}, staff: {userid: name},
//                                            stores: {id: name}, campaigns: {id: name}} (all optional)
//     FIELD_LABELS, OP_LABELS                the Chinese labels used
//
//   test hooks (data-test): cb-group (with data-kind), cb-kind, cb-add-leaf, cb-add-group, cb-remove-group,
//     cb-leaf, cb-field, cb-op, cb-days, cb-value, cb-remove, cb-error
import { corpApi, session } from '../session.js';
import { LIFECYCLE_STAGES, stageLabel } from './common.js';

const { ref, reactive, computed, watch, provide, inject, onMounted, toRaw } = Vue;

// ------------------------------------------------------------------------------------------------ vocabulary

export const FIELD_LABELS = {
  gender: '性别',
  customerType: '客户类型',
  corpName: '客户企业名称',
  lifecycleStage: '生命周期阶段',
  'follow.staff': '跟进员工',
  'follow.department': '跟进员工的门店',
  'follow.addWay': '添加方式',
  'follow.state': '渠道（state）',
  'follow.addedAt': '添加时间',
  'follow.remark': '员工备注',
  'follow.count': '跟进员工数',
  tags: '企业标签',
  'group.chat': '所在客户群',
  'group.owner': '所在群的群主',
  'group.store': '所在群的门店',
  'group.count': '所在客户群数',
  'moment.likes': '朋友圈点赞数',
  'moment.comments': '朋友圈评论数',
  'moment.interactions': '互动过的朋友圈条数',
  'campaign.received': '收到过的群发活动',
  'campaign.pushes': '收到的群发次数',
  interaction: '互动（加好友、入群、朋友圈）',
  deletedByCustomer: '客户删除员工',
  deletedByStaff: '员工删除客户',
};

const FIELD_CATEGORIES = [
  { label: '客户属性', test: (f) => ['gender', 'customerType', 'corpName', 'lifecycleStage'].includes(f) },
  { label: '跟进关系', test: (f) => f.startsWith('follow.') },
  { label: '标签', test: (f) => f === 'tags' },
  { label: '客户群', test: (f) => f.startsWith('group.') },
  { label: '朋友圈', test: (f) => f.startsWith('moment.') },
  { label: '群发', test: (f) => f.startsWith('campaign.') },
  { label: '互动与流失', test: () => true },
];

export const OP_LABELS = {
  eq: '等于', ne: '不等于', in: '属于任一', notIn: '不属于任一', contains: '包含', notContains: '不包含',
  isEmpty: '为空', isNotEmpty: '不为空', gt: '大于', gte: '大于等于', lt: '小于', lte: '小于等于',
  withinDays: '最近 N 天内', olderThanDays: '早于 N 天前', notWithinDays: '最近 N 天内没有',
  hasAny: '包含任一', hasAll: '包含全部', hasNone: '都不包含',
};

const TYPE_OP_LABELS = {
  TIME: { withinDays: '最近 N 天内', olderThanDays: '早于 N 天前' },
  EVENT: { withinDays: '最近 N 天内发生过', notWithinDays: '最近 N 天内没有发生' },
};

const NODE_LABELS = { all: '全部满足', any: '任一满足', not: '不满足', sameFollow: '同一跟进关系内同时满足' };

const GENDERS = [{ value: 0, label: '未知' }, { value: 1, label: '男' }, { value: 2, label: '女' }];
const CUSTOMER_TYPES = [{ value: 1, label: '微信用户' }, { value: 2, label: '企业微信用户' }];
// WeCom add_way (externalcontact/get follow_user.add_way)
const ADD_WAYS = [
  [0, '未知来源'], [1, '扫描二维码'], [2, '搜索手机号'], [3, '名片分享'], [4, '群聊'], [5, '手机通讯录'],
  [6, '微信联系人'], [8, '安装第三方应用时自动添加'], [9, '搜索邮箱'], [10, '视频号添加'], [11, '日程参与人'],
  [12, '会议参与人'], [13, '添加微信好友对应的企业微信'], [14, '智慧硬件专属客服'], [15, '上门服务客服'],
  [16, '获客链接'], [17, '定制开发'], [18, '需求回复'], [201, '内部成员共享'], [202, '管理员/负责人分配'],
].map(([value, label]) => ({ value, label }));

const NUMERIC_TYPES = ['INT', 'INT_SET', 'CAMPAIGN_SET'];
const DAY_OPS = ['withinDays', 'olderThanDays', 'notWithinDays'];

/** What a leaf carries for an operator on a field type: 'value', 'values', 'number' or 'none' (Op.operand). */
export function operandOf(type, op) {
  if (!op) {
    return null;
  }
  if (type === 'COUNT' || type === 'WINDOW_COUNT') {
    return 'number';
  }
  if (['in', 'notIn', 'hasAny', 'hasAll', 'hasNone'].includes(op)) {
    return 'values';
  }
  if (['isEmpty', 'isNotEmpty'].includes(op)) {
    return 'none';
  }
  if (['gt', 'gte', 'lt', 'lte', ...DAY_OPS].includes(op)) {
    return 'number';
  }
  return 'value';
}

/** 'required', 'optional' or null: does the field take a days window (Field.takesDays / needsDays). */
function daysOf(type, field) {
  if (type === 'WINDOW_COUNT') {
    return 'required';
  }
  return field === 'campaign.received' ? 'optional' : null;
}

function opLabel(type, op) {
  return (TYPE_OP_LABELS[type] && TYPE_OP_LABELS[type][op]) || OP_LABELS[op] || op;
}

function fieldLabel(fields, key) {
  if (FIELD_LABELS[key]) {
    return FIELD_LABELS[key];
  }
  const f = (fields || []).find((x) => x.field === key);
  return f ? f.label : key;
}

function fieldMeta(fields, key) {
  return (fields || []).find((x) => x.field === key) || null;
}

// ------------------------------------------------------------------------------------------------ data

const fieldsCache = { corp: null, promise: null };

/** GET /rule-fields, cached per corp. */
export function ruleFields() {
  if (fieldsCache.corp !== session.corp || !fieldsCache.promise) {
    fieldsCache.corp = session.corp;
    fieldsCache.promise = corpApi.get('/rule-fields').catch((e) => {
      fieldsCache.promise = null;
      throw e;
    });
  }
  return fieldsCache.promise;
}

const optionCache = { corp: null, groups: null, campaigns: null };

function cachedOptions(kind, loader) {
  if (optionCache.corp !== session.corp) {
    optionCache.corp = session.corp;
    optionCache.groups = null;
    optionCache.campaigns = null;
  }
  if (!optionCache[kind]) {
    optionCache[kind] = loader().catch(() => {
      optionCache[kind] = null;
      return [];
    });
  }
  return optionCache[kind];
}

// ------------------------------------------------------------------------------------------------ model <-> JSON

let nextId = 1;

function isGroupJson(j) {
  return j && typeof j === 'object' && !Array.isArray(j)
    && (Array.isArray(j.all) || Array.isArray(j.any) || j.not !== undefined || Array.isArray(j.sameFollow));
}

function leafModel(j) {
  const n = { id: nextId++, kind: 'leaf', field: (j && j.field) || null, op: (j && j.op) || null, value: null,
    values: [], days: null, touched: false };
  if (j) {
    if (j.value !== undefined) {
      n.value = j.value;
    }
    if (Array.isArray(j.values)) {
      n.values = j.values.slice();
    }
    if (j.days !== undefined && j.days !== null) {
      n.days = j.days;
    }
  }
  return n;
}

function groupModel(op, items, extra) {
  return { id: nextId++, kind: 'group', op, items, ...(extra || {}) };
}

function toModel(j) {
  if (!isGroupJson(j)) {
    return leafModel(j);
  }
  if (Array.isArray(j.all)) {
    return groupModel('all', j.all.map(toModel));
  }
  if (Array.isArray(j.any)) {
    return groupModel('any', j.any.map(toModel));
  }
  if (Array.isArray(j.sameFollow)) {
    return groupModel('sameFollow', j.sameFollow.map(leafModel));
  }
  const inner = j.not;
  if (inner && Array.isArray(inner.all)) {
    return groupModel('not', inner.all.map(toModel), { innerAll: true });
  }
  return groupModel('not', inner ? [toModel(inner)] : []);
}

function rootModel(j) {
  if (j === null || j === undefined || (typeof j === 'object' && Object.keys(j).length === 0 && !isGroupJson(j))) {
    return groupModel('all', []);
  }
  if (isGroupJson(j)) {
    return toModel(j);
  }
  return groupModel('all', [leafModel(j)], { implicit: true });
}

function numeric(fields, field) {
  const f = fieldMeta(fields, field);
  return !!f && NUMERIC_TYPES.includes(f.type);
}

function asNumberIfNumeric(v, isNum) {
  if (!isNum || v === null || v === undefined || v === '') {
    return v;
  }
  const s = String(v).trim();
  return /^-?\d{1,15}$/.test(s) ? Number(s) : v;
}

function leafJson(n, fields) {
  const o = {};
  if (n.field) {
    o.field = n.field;
  }
  if (n.op) {
    o.op = n.op;
  }
  const f = fieldMeta(fields, n.field);
  const type = f ? f.type : null;
  const isNum = f ? NUMERIC_TYPES.includes(type) : false;
  switch (operandOf(type, n.op)) {
    case 'value':
      if (n.value !== null && n.value !== undefined && n.value !== '') {
        o.value = asNumberIfNumeric(n.value, isNum);
      }
      break;
    case 'values':
      o.values = (n.values || []).map((v) => asNumberIfNumeric(v, isNum));
      break;
    case 'number':
      if (n.value !== null && n.value !== undefined && n.value !== '') {
        o.value = Number(n.value);
      }
      break;
    default:
      break;
  }
  if (daysOf(type, n.field) && n.days !== null && n.days !== undefined && n.days !== '') {
    o.days = Number(n.days);
  }
  return o;
}

/** JSON of a model node; records every node's path in {@code paths} (id → path). */
function toJson(n, fields, path, paths) {
  paths[n.id] = path;
  if (n.kind === 'leaf') {
    return leafJson(n, fields);
  }
  if (n.implicit && n.items.length === 1) {
    paths[n.id] = null;
    return toJson(n.items[0], fields, path, paths);
  }
  if (n.op === 'not') {
    if (n.items.length === 1 && !n.innerAll) {
      return { not: toJson(n.items[0], fields, path + '.not', paths) };
    }
    return { not: { all: n.items.map((c, i) => toJson(c, fields, `${path}.not.all[${i}]`, paths)) } };
  }
  return { [n.op]: n.items.map((c, i) => toJson(c, fields, `${path}.${n.op}[${i}]`, paths)) };
}

// ------------------------------------------------------------------------------------------------ validation

/**
 * What the server would refuse in {@code json} for a missing or malformed value, with the server's paths, in Chinese
 * ([{field, message}]); tags that no longer exist and the size caps are left to the server.
 */
export function validateCondition(json, fields, path = 'condition') {
  const out = [];
  const walk = (j, p) => {
    if (!j || typeof j !== 'object') {
      out.push({ field: p, message: '条件不完整' });
      return;
    }
    if (Array.isArray(j.all) || Array.isArray(j.any)) {
      const k = Array.isArray(j.all) ? 'all' : 'any';
      j[k].forEach((c, i) => walk(c, `${p}.${k}[${i}]`));
      return;
    }
    if (j.not !== undefined) {
      walk(j.not, p + '.not');
      return;
    }
    if (Array.isArray(j.sameFollow)) {
      if (j.sameFollow.length === 0) {
        out.push({ field: p + '.sameFollow', message: '“同一跟进关系内”至少需要一个条件' });
      }
      j.sameFollow.forEach((c, i) => {
        const f = fieldMeta(fields, c && c.field);
        if (f && !f.sameFollow) {
          out.push({ field: `${p}.sameFollow[${i}].field`, message: `“${fieldLabel(fields, f.field)}”不属于单个跟进关系，不能放在“同一跟进关系内”` });
        } else {
          walk(c, `${p}.sameFollow[${i}]`);
        }
      });
      return;
    }
    leafErrors(j, fields, p, out);
  };
  walk(json, path);
  return out;
}

function leafErrors(j, fields, p, out) {
  if (!j.field) {
    out.push({ field: p + '.field', message: '请选择条件字段' });
    return;
  }
  const f = fieldMeta(fields, j.field);
  if (!f) {
    if (fields && fields.length) {
      out.push({ field: p + '.field', message: `未知字段 ${j.field}` });
    }
    return;
  }
  if (!j.op) {
    out.push({ field: p + '.op', message: '请选择运算符' });
    return;
  }
  if (!f.ops.includes(j.op)) {
    out.push({ field: p + '.op', message: `“${fieldLabel(fields, f.field)}”不支持“${opLabel(f.type, j.op)}”` });
    return;
  }
  const operand = operandOf(f.type, j.op);
  if (operand === 'value' && (j.value === undefined || j.value === null || String(j.value).trim() === '')) {
    out.push({ field: p + '.value', message: '请填写取值' });
  } else if (operand === 'value' && NUMERIC_TYPES.includes(f.type) && !/^-?\d+$/.test(String(j.value).trim())) {
    out.push({ field: p + '.value', message: '取值应为整数' });
  } else if (operand === 'values' && (!Array.isArray(j.values) || j.values.length === 0)) {
    out.push({ field: p + '.values', message: f.type === 'TAGS' ? '请至少选择一个标签' : '请至少选择或填写一个取值' });
  } else if (operand === 'number') {
    const days = DAY_OPS.includes(j.op);
    if (j.value === undefined || j.value === null || !Number.isInteger(Number(j.value)) || Number(j.value) < 0) {
      out.push({ field: p + '.value', message: days ? '请填写天数（1–3650）' : '请填写非负整数' });
    } else if (days && (j.value < 1 || j.value > 3650)) {
      out.push({ field: p + '.value', message: '天数应在 1 到 3650 之间' });
    }
  }
  const d = daysOf(f.type, f.field);
  if (d === 'required' && (j.days === undefined || j.days === null)) {
    out.push({ field: p + '.days', message: '请填写统计天数（1–3650）' });
  } else if (d && j.days !== undefined && j.days !== null && (j.days < 1 || j.days > 3650 || !Number.isInteger(j.days))) {
    out.push({ field: p + '.days', message: '天数应在 1 到 3650 之间的整数' });
  }
}

export function isConditionComplete(json, fields, path = 'condition') {
  return validateCondition(json, fields, path).length === 0;
}

// ------------------------------------------------------------------------------------------------ summary

/** A one-line Chinese summary of a condition (rules list, versions). */
export function describeCondition(json, fields, names = {}) {
  const name = (kind, id) => (names[kind] && names[kind][id]) || id;
  const valueText = (j) => {
    const f = fieldMeta(fields, j.field);
    const type = f ? f.type : null;
    const one = (v) => {
      if (j.field === 'tags') {
        return name('tags', v);
      }
      if (j.field === 'follow.staff' || j.field === 'group.owner') {
        return name('staff', v);
      }
      if (j.field === 'follow.department' || j.field === 'group.store') {
        return name('stores', v);
      }
      if (j.field === 'lifecycleStage') {
        return stageLabel(v);
      }
      if (j.field === 'gender') {
        return (GENDERS.find((g) => g.value === Number(v)) || {}).label || v;
      }
      if (j.field === 'customerType') {
        return (CUSTOMER_TYPES.find((g) => g.value === Number(v)) || {}).label || v;
      }
      if (j.field === 'follow.addWay') {
        return (ADD_WAYS.find((g) => g.value === Number(v)) || {}).label || v;
      }
      if (j.field === 'campaign.received') {
        return name('campaigns', v);
      }
      return v;
    };
    const operand = operandOf(type, j.op);
    if (operand === 'values') {
      return (j.values || []).map(one).join('、');
    }
    if (operand === 'none') {
      return '';
    }
    if (operand === 'number' && DAY_OPS.includes(j.op)) {
      return '';
    }
    return j.value === undefined ? '' : String(one(j.value));
  };
  const leaf = (j) => {
    const f = fieldMeta(fields, j.field);
    const type = f ? f.type : null;
    const label = fieldLabel(fields, j.field);
    const window = j.days ? `近 ${j.days} 天` : '';
    if (DAY_OPS.includes(j.op)) {
      return `${label}${opLabel(type, j.op).replace('N', String(j.value))}`;
    }
    const v = valueText(j);
    return `${window}${label} ${opLabel(type, j.op)}${v ? ' ' + v : ''}`;
  };
  const walk = (j, top) => {
    if (!j || typeof j !== 'object') {
      return '';
    }
    if (Array.isArray(j.all) || Array.isArray(j.any) || Array.isArray(j.sameFollow)) {
      const k = Array.isArray(j.all) ? 'all' : (Array.isArray(j.any) ? 'any' : 'sameFollow');
      if (j[k].length === 0) {
        return k === 'all' ? '全部客户' : (k === 'any' ? '无（空的“任一满足”）' : '');
      }
      const sep = k === 'any' ? ' 或 ' : ' 且 ';
      const inner = j[k].map((c) => walk(c, false)).join(sep);
      if (k === 'sameFollow') {
        return `同一跟进关系内（${inner}）`;
      }
      return top || j[k].length === 1 ? inner : `（${inner}）`;
    }
    if (j.not !== undefined) {
      return `非（${walk(j.not, true)}）`;
    }
    return leaf(j);
  };
  return walk(json, true);
}

// ------------------------------------------------------------------------------------------------ components

function normalizeErrors(errors) {
  if (!errors) {
    return [];
  }
  if (Array.isArray(errors)) {
    return errors.filter((e) => e && e.field);
  }
  if (errors.isApiError) {
    return (errors.errors || []).filter((e) => e && e.field);
  }
  return Object.entries(errors).map(([field, message]) => ({ field, message }));
}

const CB_KEY = Symbol('condition-builder');

/** A value editor of a leaf: the right picker for the field and operator. */
const ConditionValue = {
  name: 'ConditionValue',
  props: { node: Object, meta: Object },
  setup(props) {
    const ctx = inject(CB_KEY);
    const type = computed(() => props.meta && props.meta.type);
    const operand = computed(() => operandOf(type.value, props.node.op));
    const many = computed(() => operand.value === 'values');
    const groupOptions = ref([]);
    const campaignOptions = ref([]);
    const loadExtras = async () => {
      const f = props.node.field;
      if (f === 'group.chat' && !groupOptions.value.length) {
        groupOptions.value = await cachedOptions('groups', async () => {
          const p = await corpApi.get('/groups', { page: 1, size: 200 });
          return (p.items || []).map((g) => ({ value: g.chatId, label: g.name || g.chatId }));
        });
      }
      if (f === 'campaign.received' && !campaignOptions.value.length) {
        campaignOptions.value = await cachedOptions('campaigns', async () => {
          const list = await corpApi.get('/campaigns');
          return (list || []).map((c) => ({ value: c.id, label: `${c.name}（#${c.id}）` }));
        });
      }
    };
    onMounted(loadExtras);
    watch(() => props.node.field, loadExtras);
    const touch = () => {
      props.node.touched = true;
    };
    const setValue = (v) => {
      props.node.value = v === undefined ? null : v;
      touch();
    };
    const setValues = (v) => {
      props.node.values = Array.isArray(v) ? v : (v === undefined || v === null ? [] : [v]);
      touch();
    };
    const stageOptions = LIFECYCLE_STAGES.map((s) => ({ value: s.value, label: s.label }));
    return { ctx, type, operand, many, setValue, setValues, stageOptions, groupOptions, campaignOptions,
      GENDERS, CUSTOMER_TYPES, ADD_WAYS, DAY_OPS };
  },
  template: `
    <span class="cb-value" data-test="cb-value">
      <template v-if="!node.field || !node.op || operand === 'none'"></template>
      <template v-else-if="operand === 'number'">
        <a-input-number :value="node.value" :min="DAY_OPS.includes(node.op) ? 1 : 0"
            :max="DAY_OPS.includes(node.op) ? 3650 : undefined" :precision="0" :disabled="ctx.disabled"
            :placeholder="DAY_OPS.includes(node.op) ? '天数' : '数量'" style="width: 120px"
            :addon-after="DAY_OPS.includes(node.op) ? '天' : undefined" @change="setValue"></a-input-number>
      </template>
      <template v-else-if="node.field === 'tags'">
        <tag-select :value="node.values" :disabled="ctx.disabled" placeholder="选择标签" style="min-width: 240px"
            @change="setValues"></tag-select>
      </template>
      <template v-else-if="node.field === 'follow.staff' || node.field === 'group.owner'">
        <staff-select :value="many ? node.values : node.value" :multiple="many" :disabled="ctx.disabled"
            placeholder="选择员工" @change="many ? setValues($event) : setValue($event)"></staff-select>
      </template>
      <template v-else-if="node.field === 'follow.department' || node.field === 'group.store'">
        <store-select :value="many ? node.values : node.value" :multiple="many" :disabled="ctx.disabled"
            placeholder="选择门店" @change="many ? setValues($event) : setValue($event)"></store-select>
      </template>
      <template v-else-if="node.field === 'lifecycleStage'">
        <a-select :value="many ? node.values : node.value" :mode="many ? 'multiple' : undefined"
            :options="stageOptions" :disabled="ctx.disabled" placeholder="选择阶段" style="min-width: 160px"
            @change="many ? setValues($event) : setValue($event)"></a-select>
      </template>
      <template v-else-if="node.field === 'gender' || node.field === 'customerType' || node.field === 'follow.addWay'">
        <a-select :value="many ? node.values : node.value" :mode="many ? 'multiple' : undefined"
            :options="node.field === 'gender' ? GENDERS : (node.field === 'customerType' ? CUSTOMER_TYPES : ADD_WAYS)"
            :disabled="ctx.disabled" placeholder="请选择" style="min-width: 160px"
            @change="many ? setValues($event) : setValue($event)"></a-select>
      </template>
      <template v-else-if="node.field === 'group.chat'">
        <a-select :value="node.values" mode="tags" :options="groupOptions" :disabled="ctx.disabled"
            show-search option-filter-prop="label" placeholder="选择客户群（或输入群 ID）" style="min-width: 240px"
            @change="setValues"></a-select>
      </template>
      <template v-else-if="node.field === 'campaign.received'">
        <a-select :value="node.values" mode="multiple" :options="campaignOptions" :disabled="ctx.disabled"
            show-search option-filter-prop="label" placeholder="选择群发活动" style="min-width: 240px"
            @change="setValues"></a-select>
      </template>
      <template v-else-if="many">
        <a-select :value="node.values" mode="tags" :open="false" :disabled="ctx.disabled"
            placeholder="输入后按回车，可填多个" style="min-width: 220px" @change="setValues"></a-select>
      </template>
      <template v-else>
        <a-input :value="node.value" :disabled="ctx.disabled" placeholder="请输入" style="width: 200px"
            :maxlength="128" @change="setValue($event.target.value)"></a-input>
      </template>
    </span>`,
};

/** One leaf: field, (days window), operator, value, remove, its messages. */
const ConditionLeaf = {
  name: 'ConditionLeaf',
  components: { ConditionValue },
  props: { node: Object, followOnly: Boolean },
  emits: ['remove'],
  setup(props) {
    const ctx = inject(CB_KEY);
    const meta = computed(() => fieldMeta(ctx.fields, props.node.field));
    const fieldOptions = computed(() => {
      const fs = (ctx.fields || []).filter((f) => !props.followOnly || f.sameFollow);
      const used = new Set();
      const groups = [];
      for (const cat of FIELD_CATEGORIES) {
        const options = fs.filter((f) => !used.has(f.field) && cat.test(f.field))
          .map((f) => ({ value: f.field, label: fieldLabel(ctx.fields, f.field) }));
        options.forEach((o) => used.add(o.value));
        if (options.length) {
          groups.push({ label: cat.label, options });
        }
      }
      return groups;
    });
    const opOptions = computed(() => (meta.value ? meta.value.ops : [])
      .map((op) => ({ value: op, label: opLabel(meta.value.type, op) })));
    const days = computed(() => meta.value ? daysOf(meta.value.type, meta.value.field) : null);
    const defaultOp = (f) => {
      const prefer = { TAGS: 'hasAny', TIME: 'withinDays', EVENT: 'withinDays', COUNT: 'gte', WINDOW_COUNT: 'gte',
        ID_SET: 'in', INT_SET: 'in', CAMPAIGN_SET: 'in', TEXT: 'contains' };
      return f.ops.includes(prefer[f.type]) ? prefer[f.type] : f.ops[0];
    };
    const setField = (key) => {
      const f = fieldMeta(ctx.fields, key);
      const n = props.node;
      n.field = key || null;
      n.op = f ? defaultOp(f) : null;
      n.value = null;
      n.values = [];
      n.days = f && daysOf(f.type, f.field) === 'required' ? 30 : null;
      n.touched = true;
    };
    const setOp = (op) => {
      const n = props.node;
      const before = operandOf(meta.value && meta.value.type, n.op);
      n.op = op;
      const after = operandOf(meta.value && meta.value.type, op);
      if (before !== after) {
        if (before === 'value' && after === 'values' && n.value !== null && n.value !== '') {
          n.values = [n.value];
        } else if (before === 'values' && after === 'value' && n.values.length) {
          n.value = n.values[0];
        }
        if (after !== 'value' && after !== 'number') {
          n.value = null;
        }
        if (after !== 'values') {
          n.values = [];
        }
        if (before === 'number' || after === 'number') {
          n.value = null;
        }
      }
      n.touched = true;
    };
    const setDays = (d) => {
      props.node.days = d === undefined || d === '' ? null : d;
      props.node.touched = true;
    };
    const messages = computed(() => ctx.messagesFor(props.node, true));
    return { ctx, meta, fieldOptions, opOptions, days, setField, setOp, setDays, messages };
  },
  template: `
    <div class="cb-leaf" data-test="cb-leaf" :style="{ padding: '6px 0' }">
      <div :style="{ display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' }">
        <a-select data-test="cb-field" :value="node.field || undefined" :options="fieldOptions" show-search
            option-filter-prop="label" placeholder="选择条件字段" :disabled="ctx.disabled" style="width: 200px"
            :status="messages.some(m => m.part === 'field') ? 'error' : ''" @change="setField"></a-select>
        <template v-if="days">
          <span class="muted">近</span>
          <a-input-number data-test="cb-days" :value="node.days" :min="1" :max="3650" :precision="0"
              :disabled="ctx.disabled" :placeholder="days === 'optional' ? '不限' : '天数'" style="width: 90px"
              @change="setDays"></a-input-number>
          <span class="muted">天</span>
        </template>
        <a-select v-if="meta" data-test="cb-op" :value="node.op || undefined" :options="opOptions"
            :disabled="ctx.disabled" placeholder="运算符" style="width: 176px" @change="setOp"></a-select>
        <condition-value v-if="meta" :node="node" :meta="meta"></condition-value>
        <a-button v-if="!ctx.disabled" data-test="cb-remove" type="text" danger size="small" title="删除此条件"
            @click="$emit('remove')">✕ 删除</a-button>
      </div>
      <div v-for="m in messages" :key="m.field + m.message" data-test="cb-error"
          :style="{ color: '#ff4d4f', fontSize: '12px', marginTop: '2px' }">{{ m.message }}</div>
    </div>`,
};

/** A group (all / any / not / sameFollow) with its items; recursive. */
const ConditionGroup = {
  name: 'ConditionGroup',
  props: { node: Object, depth: { type: Number, default: 0 }, root: Boolean, parentOp: String },
  emits: ['remove'],
  setup(props) {
    const ctx = inject(CB_KEY);
    const kindOptions = computed(() => {
      const opts = [
        { value: 'all', label: '全部满足（且）' },
        { value: 'any', label: '任一满足（或）' },
        { value: 'not', label: '不满足（非）' },
      ];
      const followOnly = props.node.items.every((c) => c.kind === 'leaf'
        && (!c.field || (fieldMeta(ctx.fields, c.field) || {}).sameFollow));
      if (followOnly) {
        opts.push({ value: 'sameFollow', label: '同一跟进关系内同时满足' });
      }
      return opts;
    });
    const setKind = (k) => {
      props.node.op = k;
      props.node.implicit = false;
      props.node.innerAll = false;
    };
    const addLeaf = () => {
      props.node.items.push(leafModel(null));
      props.node.implicit = props.node.implicit && props.node.items.length === 1;
    };
    const addGroup = () => {
      props.node.items.push(groupModel(props.node.op === 'any' ? 'all' : 'any', [leafModel(null)]));
    };
    const remove = (i) => {
      props.node.items.splice(i, 1);
    };
    const hint = computed(() => {
      const n = props.node;
      if (n.op === 'sameFollow') {
        return '以下条件须由同一位员工的同一段跟进关系同时满足（例如：同一导购、通过门店码、最近 7 天添加）';
      }
      if (n.items.length === 0) {
        return n.op === 'all' ? (props.root ? '没有条件：匹配全部客户' : '空组：视为满足')
          : (n.op === 'any' ? '空组：不匹配任何客户' : '空组');
      }
      if (n.op === 'not') {
        return '客户不满足以下全部条件时成立';
      }
      return '';
    });
    const border = computed(() => ({ all: '#1677ff', any: '#fa8c16', not: '#ff4d4f', sameFollow: '#13c2c2' })[props.node.op]);
    const messages = computed(() => ctx.messagesFor(props.node, false));
    return { ctx, kindOptions, setKind, addLeaf, addGroup, remove, hint, border, messages, NODE_LABELS };
  },
  template: `
    <div class="cb-group" data-test="cb-group" :data-kind="node.op"
        :style="{ borderLeft: '3px solid ' + border, background: depth % 2 ? '#fff' : '#fafbfc', padding: '8px 12px',
          borderRadius: '4px', margin: root ? '0' : '6px 0' }">
      <div :style="{ display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' }">
        <a-select data-test="cb-kind" :value="node.op" :options="kindOptions" :disabled="ctx.disabled"
            style="width: 200px" @change="setKind"></a-select>
        <span class="muted" style="font-size: 12px">{{ hint }}</span>
        <span style="flex: 1"></span>
        <a-button v-if="!root && !ctx.disabled" data-test="cb-remove-group" type="text" danger size="small"
            @click="$emit('remove')">✕ 删除此组</a-button>
      </div>
      <div v-for="m in messages" :key="m.field + m.message" data-test="cb-error"
          :style="{ color: '#ff4d4f', fontSize: '12px', marginTop: '2px' }">{{ m.message }}</div>
      <div :style="{ paddingLeft: '8px' }">
        <template v-for="(c, i) in node.items" :key="c.id">
          <condition-group v-if="c.kind === 'group'" :node="c" :depth="depth + 1" :parent-op="node.op"
              @remove="remove(i)"></condition-group>
          <condition-leaf v-else :node="c" :follow-only="node.op === 'sameFollow'" @remove="remove(i)"></condition-leaf>
        </template>
      </div>
      <div v-if="!ctx.disabled" :style="{ display: 'flex', gap: '8px', marginTop: '6px' }">
        <a-button data-test="cb-add-leaf" size="small" type="dashed" @click="addLeaf">＋ 添加条件</a-button>
        <a-button v-if="node.op !== 'sameFollow' && depth < 10" data-test="cb-add-group" size="small" type="dashed"
            @click="addGroup">＋ 添加条件组</a-button>
      </div>
    </div>`,
};
ConditionGroup.components = { ConditionGroup, ConditionLeaf };

/** The builder: see the contract at the top of this file. */
export const ConditionBuilder = {
  name: 'ConditionBuilder',
  components: { ConditionGroup },
  props: {
    value: { type: Object, default: null },
    fields: { type: Array, default: null },
    errors: { type: [Array, Object], default: null },
    path: { type: String, default: 'condition' },
    disabled: Boolean,
    showValidation: Boolean,
  },
  emits: ['update:value', 'change'],
  setup(props, { emit }) {
    const loadedFields = ref(null);
    const loadError = ref(null);
    const fields = computed(() => props.fields || loadedFields.value || []);
    const model = ref(rootModel(props.value));
    const paths = ref({});
    let lastEmitted = null;

    const recompute = () => {
      const p = {};
      const json = toJson(model.value, fields.value, props.path, p);
      paths.value = p;
      return json;
    };
    recompute();

    const client = computed(() => {
      // the tree as it is now (paths of the current model) checked client side
      const p = {};
      const json = toJson(model.value, fields.value, props.path, p);
      return validateCondition(json, fields.value, props.path);
    });

    const messagesFor = (node, leaf) => {
      const path = paths.value[node.id];
      if (path === null || path === undefined) {
        return [];
      }
      const mine = (field) => field === path || (leaf && field.startsWith(path + '.'))
        || (!leaf && field === path + '.' + node.op);
      const server = normalizeErrors(props.errors).filter((e) => mine(e.field));
      const local = (props.showValidation || node.touched || !leaf)
        ? client.value.filter((e) => mine(e.field) && (leaf || e.field === path + '.' + node.op)) : [];
      const seen = new Set();
      return [...server, ...local].filter((e) => {
        const k = e.field.slice(path.length) + '|' + e.message;
        if (seen.has(e.message) || seen.has(k)) {
          return false;
        }
        seen.add(e.message);
        seen.add(k);
        return true;
      }).map((e) => ({ field: e.field, message: e.message, part: e.field.slice(path.length + 1).split(/[.[]/)[0] }));
    };

    const ctx = reactive({
      fields, disabled: computed(() => props.disabled), messagesFor,
    });
    provide(CB_KEY, ctx);

    watch(model, () => {
      const json = recompute();
      const text = JSON.stringify(json);
      if (text === lastEmitted) {
        return;
      }
      lastEmitted = text;
      emit('update:value', json);
      emit('change', json);
    }, { deep: true });

    watch(() => props.value, (v) => {
      if (JSON.stringify(v === undefined ? null : v) === lastEmitted) {
        return;
      }
      lastEmitted = JSON.stringify(v === undefined ? null : v);
      model.value = rootModel(toRaw(v) ? JSON.parse(JSON.stringify(toRaw(v))) : null);
    }, { deep: true });

    watch(fields, () => recompute());

    onMounted(async () => {
      lastEmitted = JSON.stringify(props.value === undefined ? null : props.value);
      if (!props.fields) {
        try {
          loadedFields.value = (await ruleFields()).fields;
        } catch (e) {
          loadError.value = e;
        }
      }
    });
    return { model, loadError, fields };
  },
  template: `
    <div class="condition-builder" data-test="condition-builder">
      <a-alert v-if="loadError" type="error" show-icon :message="'无法加载条件字段：' + (loadError.detail || loadError.message)"></a-alert>
      <a-spin v-else-if="!fields.length" size="small"></a-spin>
      <condition-group v-else :node="model" :root="true"></condition-group>
    </div>`,
};

/** Loads a tree into the builder's model and writes it back (what the builder emits before any edit). */
export function roundTrip(json, fields) {
  return toJson(rootModel(json), fields, 'condition', {});
}
