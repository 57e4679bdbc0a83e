// Shared building blocks of the console's pages. One place for each: page header, error display, names, tags,
// pickers of stores, staff, tags and stages, a chart, and the paged-list composable.
import { ApiError } from '../api.js';
import { corpApi, session } from '../session.js';
import { fmtDateTime } from '../format.js';

const { ref, reactive, watch, onMounted, onBeforeUnmount, computed, nextTick } = Vue;

/** Shows an API error's Chinese message as a toast (forms show field errors next to fields instead). */
export function showError(e) {
  if (e && e.name === 'AbortError') {
    return;
  }
  const text = e && e.isApiError ? e.detail : '操作失败：' + (e && e.message ? e.message : e);
  antd.message.error(text);
}

/** Field errors of a problem for a form: {field: message}. */
export function fieldErrors(e) {
  const out = {};
  if (e instanceof ApiError) {
    for (const x of e.errors) {
      if (x.field && !out[x.field]) {
        out[x.field] = x.message;
      }
    }
  }
  return out;
}

export const LIFECYCLE_STAGES = [
  { value: 'new', label: '引入期', color: 'blue' },
  { value: 'growing', label: '成长期', color: 'cyan' },
  { value: 'mature', label: '成熟期', color: 'green' },
  { value: 'at_risk', label: '流失预警', color: 'orange' },
  { value: 'lost', label: '已流失', color: 'default' },
];

export function stageLabel(value) {
  const s = LIFECYCLE_STAGES.find((x) => x.value === value);
  return s ? s.label : (value || '未分层');
}

export const TAG_SOURCES = {
  WECOM: { label: '企业微信', color: 'blue' },
  RULE: { label: '规则', color: 'purple' },
  CHANNEL: { label: '渠道', color: 'green' },
  MANUAL: { label: '手动', color: 'orange' },
  OPERATOR: { label: '运营手动', color: 'orange' },
};

export const PageHeader = {
  name: 'PageHeader',
  props: { title: String, subtitle: String },
  template: `
    <div class="page-header">
      <div>
        <h2 class="page-title">{{ title }}</h2>
        <div v-if="subtitle" class="page-subtitle">{{ subtitle }}</div>
      </div>
      <div class="page-extra"><slot name="extra"></slot></div>
    </div>`,
};

/** An inline error block for a failed load, with a retry button. */
export const LoadError = {
  name: 'LoadError',
  props: { error: Object },
  emits: ['retry'],
  template: `
    <a-result v-if="error" :status="error.status === 403 ? '403' : (error.status === 404 ? '404' : 'error')"
        :title="error.status === 403 ? '无权访问' : (error.status === 404 ? '未找到' : '加载失败')"
        :sub-title="error.detail || error.message">
      <template #extra><a-button @click="$emit('retry')">重试</a-button></template>
    </a-result>`,
};

/** A customer's or staff member's initial in a coloured circle (no external avatar is loaded: corp networks). */
export const Avatar = {
  name: 'NameAvatar',
  props: { name: String, size: { type: Number, default: 28 } },
  setup(props) {
    const colors = ['#1677ff', '#13c2c2', '#52c41a', '#fa8c16', '#eb2f96', '#722ed1'];
    const style = computed(() => {
      const n = props.name || '?';
      let h = 0;
      for (const ch of n) {
        h = (h * 31 + ch.codePointAt(0)) >>> 0;
      }
      return { width: props.size + 'px', height: props.size + 'px', lineHeight: props.size + 'px',
        background: colors[h % colors.length], fontSize: Math.round(props.size * 0.45) + 'px' };
    });
    const initial = computed(() => (props.name || '?').trim().charAt(0).toUpperCase() || '?');
    return { style, initial };
  },
  template: `<span class="name-avatar" :style="style">{{ initial }}</span>`,
};

/** Tags as chips; with {@code source} shown, the colour and tooltip say where each came from. */
export const TagChips = {
  name: 'TagChips',
  props: { tags: { type: Array, default: () => [] }, max: { type: Number, default: 0 } },
  setup(props) {
    const shown = computed(() => props.max > 0 ? props.tags.slice(0, props.max) : props.tags);
    const more = computed(() => props.max > 0 ? Math.max(0, props.tags.length - props.max) : 0);
    const src = (t) => TAG_SOURCES[t.source] || { label: t.source || '', color: 'default' };
    return { shown, more, src };
  },
  template: `
    <span class="tag-chips">
      <a-tooltip v-for="t in shown" :key="t.tagId" :title="(t.groupName ? t.groupName + ' · ' : '') + '来源：' + src(t).label">
        <a-tag :color="src(t).color">{{ t.name || t.tagId }}</a-tag>
      </a-tooltip>
      <a-tag v-if="more">+{{ more }}</a-tag>
    </span>`,
};

const cache = reactive({ corp: null, departments: null, tagGroups: null, staff: null });

function resetCacheFor(corp) {
  if (cache.corp !== corp) {
    cache.corp = corp;
    cache.departments = null;
    cache.tagGroups = null;
    cache.staff = null;
  }
}

/** The corp's departments (stores), cached per corp: [{id, name, parentId, staffCount}]. */
export async function departments() {
  resetCacheFor(session.corp);
  if (!cache.departments) {
    cache.departments = await corpApi.get('/departments');
  }
  return cache.departments;
}

/** The corp's tag library, cached per corp (call {@code refreshTags()} after editing it). */
export async function tagGroups() {
  resetCacheFor(session.corp);
  if (!cache.tagGroups) {
    cache.tagGroups = await corpApi.get('/tags');
  }
  return cache.tagGroups;
}

export function refreshTags() {
  cache.tagGroups = null;
}

/** The corp's live staff (first 1,000, in userid order), cached per corp: [{userid, name, mainDepartment, …}]. */
export async function staffList() {
  resetCacheFor(session.corp);
  if (!cache.staff) {
    const all = [];
    for (let page = 1; page <= 5; page++) {
      const p = await corpApi.get('/staff', { page, size: 200 });
      all.push(...p.items);
      if (all.length >= p.total) {
        break;
      }
    }
    cache.staff = all;
  }
  return cache.staff;
}

/** Select of stores (departments). v-model: a department id (or ids with multiple). */
export const StoreSelect = {
  name: 'StoreSelect',
  props: { value: [Number, Array], multiple: Boolean, placeholder: { type: String, default: '全部门店' } },
  emits: ['update:value', 'change'],
  setup(props, { emit }) {
    const options = ref([]);
    onMounted(async () => {
      try {
        options.value = (await departments()).map((d) => ({ value: d.id, label: d.name }));
      } catch (e) {
        showError(e);
      }
    });
    const update = (v) => { emit('update:value', v); emit('change', v); };
    return { options, update };
  },
  template: `<a-select :value="value" :mode="multiple ? 'multiple' : undefined" :options="options" allow-clear
      show-search option-filter-prop="label" :placeholder="placeholder" style="min-width: 160px"
      @change="update"></a-select>`,
};

/** Select of staff (员工). v-model: a userid (or userids with multiple). */
export const StaffSelect = {
  name: 'StaffSelect',
  props: { value: [String, Array], multiple: Boolean, placeholder: { type: String, default: '全部员工' } },
  emits: ['update:value', 'change'],
  setup(props, { emit }) {
    const options = ref([]);
    onMounted(async () => {
      try {
        options.value = (await staffList()).map((s) => ({ value: s.userid, label: `${s.name}（${s.userid}）` }));
      } catch (e) {
        showError(e);
      }
    });
    const update = (v) => { emit('update:value', v); emit('change', v); };
    return { options, update };
  },
  template: `<a-select :value="value" :mode="multiple ? 'multiple' : undefined" :options="options" allow-clear
      show-search option-filter-prop="label" :placeholder="placeholder" style="min-width: 180px"
      @change="update"></a-select>`,
};

/** Select of corp tags, grouped by tag group. v-model: tag ids (multiple by default). */
export const TagSelect = {
  name: 'TagSelect',
  props: { value: [String, Array], multiple: { type: Boolean, default: true },
    placeholder: { type: String, default: '选择标签' } },
  emits: ['update:value', 'change'],
  setup(props, { emit }) {
    const options = ref([]);
    onMounted(async () => {
      try {
        options.value = (await tagGroups()).map((g) => ({ label: g.name,
          options: g.tags.map((t) => ({ value: t.tagId, label: t.name })) }));
      } catch (e) {
        showError(e);
      }
    });
    const update = (v) => { emit('update:value', v); emit('change', v); };
    return { options, update };
  },
  template: `<a-select :value="value" :mode="multiple ? 'multiple' : undefined" :options="options" allow-clear
      show-search option-filter-prop="label" :placeholder="placeholder" style="min-width: 200px"
      @change="update"></a-select>`,
};

/** Select of a lifecycle stage. */
export const StageSelect = {
  name: 'StageSelect',
  props: { value: String, placeholder: { type: String, default: '全部阶段' } },
  emits: ['update:value', 'change'],
  setup(props, { emit }) {
    const update = (v) => { emit('update:value', v); emit('change', v); };
    return { options: LIFECYCLE_STAGES, update };
  },
  template: `<a-select :value="value" :options="options" allow-clear :placeholder="placeholder"
      style="min-width: 120px" @change="update"></a-select>`,
};

/** An ECharts chart: {@code option} is ECharts' option object; it re-renders when the option changes. */
export const EChart = {
  name: 'EChart',
  props: { option: Object, height: { type: String, default: '300px' }, loading: Boolean },
  setup(props) {
    const el = ref(null);
    let chart = null;
    let observer = null;
    const render = () => {
      if (chart && props.option) {
        chart.setOption(props.option, true);
      }
    };
    onMounted(() => {
      chart = echarts.init(el.value, null, { renderer: 'canvas' });
      render();
      observer = new ResizeObserver(() => chart && chart.resize());
      observer.observe(el.value);
    });
    watch(() => props.option, render, { deep: true });
    watch(() => props.loading, (l) => {
      if (chart) {
        l ? chart.showLoading({ text: '加载中…' }) : chart.hideLoading();
      }
    });
    onBeforeUnmount(() => {
      if (observer) {
        observer.disconnect();
      }
      if (chart) {
        chart.dispose();
        chart = null;
      }
    });
    return { el };
  },
  template: `<div ref="el" class="echart" :style="{ height }"></div>`,
};

/**
 * A paged list: {@code loader(page, size)} returns the API's page ({items, page, size, total}). Gives the state
 * and an a-table pagination object (zh-CN), reload() and goTo(page).
 */
export function usePagedList(loader, size = 20) {
  const state = reactive({ items: [], total: 0, page: 1, size, loading: false, error: null });
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    state.loading = true;
    state.error = null;
    try {
      const p = await loader(state.page, state.size);
      if (mine === seq) {
        state.items = p.items || [];
        state.total = p.total || 0;
      }
    } catch (e) {
      if (mine === seq) {
        state.error = e;
        state.items = [];
        showError(e);
      }
    } finally {
      if (mine === seq) {
        state.loading = false;
      }
    }
  };
  const pagination = computed(() => ({
    current: state.page, pageSize: state.size, total: state.total, showSizeChanger: true,
    pageSizeOptions: ['10', '20', '50', '100'], showTotal: (t) => `共 ${t} 条`,
  }));
  const onTableChange = (p) => {
    state.page = p.current;
    state.size = p.pageSize;
    load();
  };
  const reload = (resetPage = true) => {
    if (resetPage) {
      state.page = 1;
    }
    return load();
  };
  return { state, pagination, onTableChange, reload, load };
}

/**
 * A create/edit drawer's state: {@code drawer} (open, editing, saving, error), the {@code form} (reset from
 * {@code empty()}), the field errors {@code err} with {@code setErr(map)}, {@code openCreate()} and
 * {@code openEdit(item, values)} (the form is {@code empty()} overlaid with {@code values}; {@code item} is kept as
 * {@code drawer.editing}).
 */
export function useDrawerForm(empty) {
  const drawer = reactive({ open: false, editing: null, saving: false, error: '' });
  const form = reactive(empty());
  const err = reactive({});
  const setErr = (o) => {
    Object.keys(err).forEach((k) => delete err[k]);
    Object.assign(err, o);
  };
  const open = (item, values) => {
    Object.assign(form, empty(), values || {});
    setErr({});
    drawer.error = '';
    drawer.editing = item;
    drawer.open = true;
  };
  return { drawer, form, err, setErr, openCreate: () => open(null), openEdit: open };
}

export const DateTime = {
  name: 'DateTime',
  props: { value: [String, Number, Date] },
  setup(props) {
    return { text: computed(() => fmtDateTime(props.value)) };
  },
  template: `<span class="time">{{ text }}</span>`,
};

/** Registers the shared components globally (main.js). */
export function registerCommon(app) {
  app.component('PageHeader', PageHeader);
  app.component('LoadError', LoadError);
  app.component('NameAvatar', Avatar);
  app.component('TagChips', TagChips);
  app.component('StoreSelect', StoreSelect);
  app.component('StaffSelect', StaffSelect);
  app.component('TagSelect', TagSelect);
  app.component('StageSelect', StageSelect);
  app.component('EChart', EChart);
  app.component('DateTime', DateTime);
}

export { nextTick };
