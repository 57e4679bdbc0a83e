// 客户: the corp's customers (a store manager: their stores' only — the API decides), filtered by tags, store,
// staff, lifecycle stage, channel (state), added between and a keyword; server-side pages. The filters live in the
// route's query, so back/forward and a copied address keep them (docs/console.md).
import { corpApi } from '../session.js';
import { usePagedList, staffList, LIFECYCLE_STAGES, stageLabel } from '../components/common.js';
import { fmtDateTime, fmtNumber } from '../format.js';

const { reactive, ref, computed, watch, onMounted } = Vue;
const { useRoute, useRouter } = VueRouter;

/** Filter names as they appear in the route query (and, but for from/to, in the API's). */
const EMPTY = { tag: [], department: undefined, userid: undefined, stage: undefined, state: '', from: '', to: '',
  keyword: '' };

function one(v) {
  return Array.isArray(v) ? v[0] : v;
}

/** Filters from a route query. */
function fromQuery(q) {
  const tag = q.tag === undefined ? [] : (Array.isArray(q.tag) ? q.tag : [q.tag]);
  const dept = one(q.department);
  return {
    tag: tag.filter(Boolean),
    department: dept !== undefined && dept !== '' && !Number.isNaN(Number(dept)) ? Number(dept) : undefined,
    userid: one(q.userid) || undefined,
    stage: one(q.stage) || undefined,
    state: one(q.state) || '',
    from: one(q.from) || '',
    to: one(q.to) || '',
    keyword: one(q.keyword) || '',
  };
}

/** A route query of filters and paging (empty values left out). */
function toQuery(f, page, size) {
  const q = {};
  if (f.tag && f.tag.length) {
    q.tag = f.tag;
  }
  for (const k of ['department', 'userid', 'stage', 'state', 'from', 'to', 'keyword']) {
    const v = typeof f[k] === 'string' ? f[k].trim() : f[k];
    if (v !== undefined && v !== null && v !== '') {
      q[k] = String(v);
    }
  }
  if (page > 1) {
    q.page = String(page);
  }
  if (size !== 20) {
    q.size = String(size);
  }
  return q;
}

export default {
  name: 'CustomersPage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const filters = reactive({ ...EMPTY, ...fromQuery(route.query) });
    const names = ref({});

    const list = usePagedList((page, size) => corpApi.get('/customers', {
      tag: filters.tag, department: filters.department, userid: filters.userid, stage: filters.stage,
      state: filters.state.trim(), addedFrom: filters.from, addedTo: filters.to, keyword: filters.keyword.trim(),
      page, size,
    }));

    const applyRoute = () => {
      Object.assign(filters, EMPTY, fromQuery(route.query));
      const page = Number(one(route.query.page)) || 1;
      const size = Number(one(route.query.size)) || 20;
      list.state.page = page > 0 ? page : 1;
      list.state.size = [10, 20, 50, 100].includes(size) ? size : 20;
      list.load();
    };

    // every change of the filters or the page is a new address; the address drives the load
    const go = (page = 1, size = list.state.size, force = false) => {
      const query = toQuery(filters, page, size);
      if (JSON.stringify(query) !== JSON.stringify(toQuery(fromQuery(route.query),
        Number(one(route.query.page)) || 1, Number(one(route.query.size)) || 20))) {
        router.push({ path: '/customers', query });
      } else if (force) {
        list.load();
      }
    };
    watch(() => route.fullPath, () => {
      if (route.path === '/customers') {
        applyRoute();
      }
    });

    // the count is shown once the first page has arrived (never a "共 0" before it)
    const loaded = ref(false);
    watch(() => list.state.loading, (loading) => {
      if (!loading && !list.state.error) {
        loaded.value = true;
      }
    });
    const subtitle = computed(() => (loaded.value ? `共 ${fmtNumber(list.state.total)} 位客户` : '加载中…'));

    const range = computed({
      get: () => (filters.from && filters.to ? [filters.from, filters.to] : null),
      set: (v) => {
        filters.from = v && v[0] ? v[0] : '';
        filters.to = v && v[1] ? v[1] : '';
      },
    });

    const search = () => go(1);
    const searchNow = () => go(1, list.state.size, true);
    const reset = () => {
      Object.assign(filters, EMPTY, { tag: [] });
      go(1);
    };
    const onTableChange = (p) => go(p.current, p.pageSize);
    const filtered = computed(() => Object.keys(toQuery(filters, 1, 20)).length > 0);

    onMounted(async () => {
      applyRoute();
      try {
        const staff = await staffList();
        names.value = Object.fromEntries(staff.map((s) => [s.userid, s.name]));
      } catch (e) {
        names.value = {};
      }
    });

    const columns = [
      { title: '客户', key: 'name', width: 220 },
      { title: '类型', key: 'type', width: 150 },
      { title: '跟进员工', key: 'followers', width: 180 },
      { title: '标签', key: 'tags' },
      { title: '生命周期', key: 'stage', width: 100 },
      { title: '首次添加时间', key: 'firstAddedAt', width: 160 },
    ];
    const stageColor = (v) => (LIFECYCLE_STAGES.find((s) => s.value === v) || { color: 'default' }).color;
    const staffName = (u) => names.value[u] || u;
    const followerText = (r) => {
      const f = r.followers || [];
      if (!f.length) {
        return '—';
      }
      const shown = f.slice(0, 2).map(staffName).join('、');
      return f.length > 2 ? `${shown} 等 ${f.length} 人` : shown;
    };
    const stageOptions = [...LIFECYCLE_STAGES, { value: 'none', label: '未分层' }];
    return { subtitle, filters, range, list, columns, search, searchNow, reset, onTableChange, filtered, fmtDateTime, fmtNumber,
      stageLabel, stageColor, followerText, stageOptions, staffName };
  },
  template: `
    <div>
      <page-header title="客户" :subtitle="subtitle">
      </page-header>
      <div class="filters customer-filters">
        <a-input-search v-model:value="filters.keyword" placeholder="客户名称或 external_userid" allow-clear
            style="width: 220px" data-test="filter-keyword" @search="searchNow"></a-input-search>
        <tag-select v-model:value="filters.tag" placeholder="标签（任一）" data-test="filter-tag" @change="search"></tag-select>
        <store-select v-model:value="filters.department" data-test="filter-store" @change="search"></store-select>
        <staff-select v-model:value="filters.userid" placeholder="跟进员工" data-test="filter-staff" @change="search"></staff-select>
        <a-select v-model:value="filters.stage" :options="stageOptions" allow-clear placeholder="生命周期"
            style="width: 120px" data-test="filter-stage" @change="search"></a-select>
        <a-input v-model:value="filters.state" placeholder="渠道 state" allow-clear style="width: 160px"
            data-test="filter-state" @pressEnter="search" @blur="search"></a-input>
        <a-range-picker v-model:value="range" value-format="YYYY-MM-DD" :placeholder="['添加起始日', '添加截止日']"
            data-test="filter-added" @change="search"></a-range-picker>
        <a-button v-if="filtered" data-test="filter-reset" @click="reset">清空筛选</a-button>
      </div>
      <load-error v-if="list.state.error" :error="list.state.error" @retry="searchNow"></load-error>
      <a-table v-else :columns="columns" :data-source="list.state.items" row-key="externalUserId"
          :loading="list.state.loading" :pagination="list.pagination.value" size="middle"
          :scroll="{ x: 980 }" data-test="customer-table" @change="onTableChange">
        <template #bodyCell="{ column, record }">
          <template v-if="column.key === 'name'">
            <router-link :to="'/customers/' + encodeURIComponent(record.externalUserId)" class="name-cell"
                data-test="customer-link">
              <name-avatar :name="record.name"></name-avatar>
              <span>{{ record.name || '（未命名）' }}</span>
            </router-link>
          </template>
          <template v-else-if="column.key === 'type'">
            <a-tag v-if="record.type === 2" color="blue">企业微信</a-tag>
            <a-tag v-else color="green">微信</a-tag>
            <span v-if="record.type === 2 && record.corpName" class="muted">{{ record.corpName }}</span>
          </template>
          <template v-else-if="column.key === 'followers'">
            <span class="followers" :data-followers="(record.followers || []).join(',')">{{ followerText(record) }}</span>
          </template>
          <template v-else-if="column.key === 'tags'">
            <tag-chips :tags="record.tags" :max="3"></tag-chips>
            <span v-if="!record.tags || !record.tags.length" class="muted">—</span>
          </template>
          <template v-else-if="column.key === 'stage'">
            <a-tag v-if="record.lifecycleStage" :color="stageColor(record.lifecycleStage)">{{ stageLabel(record.lifecycleStage) }}</a-tag>
            <span v-else class="muted">未分层</span>
          </template>
          <template v-else-if="column.key === 'firstAddedAt'">
            <span class="num">{{ fmtDateTime(record.firstAddedAt) }}</span>
          </template>
        </template>
        <template #emptyText>
          <a-empty :description="filtered ? '没有符合条件的客户，请调整或清空筛选条件' : '还没有客户：员工添加客户或同步企业微信后会出现在这里'"></a-empty>
        </template>
      </a-table>
    </div>`,
};
