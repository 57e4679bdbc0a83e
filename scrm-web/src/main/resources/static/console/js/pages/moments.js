// 朋友圈: customer moments synced from WeCom with their likes and comments, publishing tasks (企业发表到客户的朋友圈:
// create, progress per staff member, cancel) and the moment sync. Docs: docs/console.md "朋友圈", docs/moments.md.
import { corpApi, can } from '../session.js';
import { usePagedList, showError, staffList, departments, tagGroups } from '../components/common.js';
import { fmtDateTime, fmtNumber, fmtAgo, isoDay } from '../format.js';
import { RUN_STATUSES, RUN_KINDS, TRIGGERS, statusOf, fmtMillis } from '../components/ops-labels.js';

const { ref, reactive, computed, onMounted, onBeforeUnmount } = Vue;
const { useRouter } = VueRouter;

const TASK_STATUSES = {
  ACTIVE: { label: '进行中', color: 'green' },
  CANCELLED: { label: '已取消', color: 'default' },
};
const PUBLISH_STATUSES = {
  PENDING: { label: '待创建', color: 'default' },
  CREATING: { label: '创建中', color: 'blue' },
  JOB_RUNNING: { label: '企业微信处理中', color: 'blue' },
  UNKNOWN: { label: '结果确认中', color: 'orange' },
  PUBLISHING: { label: '员工发表中', color: 'processing' },
  DONE: { label: '已结束', color: 'green' },
  FAILED: { label: '失败', color: 'red' },
  CANCELLED: { label: '已取消', color: 'default' },
};
const OUTCOMES = {
  PUBLISHED: { label: '已发表', color: 'green' },
  NOT_PUBLISHED: { label: '未发表', color: 'red' },
  CANCELLED: { label: '已取消', color: 'default' },
};
const WITHIN_OPTIONS = [
  { value: 'PT2H', label: '2 小时' }, { value: 'PT6H', label: '6 小时' }, { value: 'PT24H', label: '24 小时（默认）' },
  { value: 'P3D', label: '3 天' }, { value: 'P7D', label: '7 天' },
];

export default {
  name: 'MomentsPage',
  setup() {
    const router = useRouter();
    const canOperate = can.operate();
    const tab = ref('moments');
    const staffNames = ref({});
    const storeNames = ref({});
    const tagNames = ref({});
    const staffName = (userid) => staffNames.value[userid] || userid || '—';

    // ---- 朋友圈动态 ----
    const filters = reactive({ creator: undefined, range: null });
    const moments = usePagedList((page, size) => {
      const [from, to] = filters.range || [];
      return corpApi.get('/moments', { creator: filters.creator, page, size,
        from: from ? from.startOf('day').toISOString() : null,
        to: to ? to.add(1, 'day').startOf('day').toISOString() : null });
    });
    const momentColumns = [
      { title: '发表人', key: 'creator', width: 160 },
      { title: '内容', key: 'text' },
      { title: '类型', key: 'createType', width: 100 },
      { title: '发表时间', key: 'createTime', width: 160 },
      { title: '已发表员工', key: 'publishedCopies', width: 100, align: 'right' },
      { title: '点赞', key: 'likes', width: 80, align: 'right' },
      { title: '评论', key: 'comments', width: 80, align: 'right' },
      { title: '操作', key: 'actions', width: 90 },
    ];
    const excerpt = (t) => {
      if (!t) {
        return '（无文字）';
      }
      return t.length > 60 ? t.slice(0, 60) + '…' : t;
    };
    const drawer = reactive({ open: false, loading: false, moment: null, error: null, customers: {} });
    const openMoment = async (row) => {
      Object.assign(drawer, { open: true, loading: true, moment: row, error: null, customers: {} });
      try {
        drawer.moment = await corpApi.get(`/moments/${encodeURIComponent(row.momentId)}`);
        // names of the first customers who interacted (the list keeps the ids)
        const ids = [...new Set((drawer.moment.interactions || []).map((i) => i.externalUserId))].slice(0, 30);
        const found = await Promise.allSettled(ids.map((id) => corpApi.get(`/customers/${encodeURIComponent(id)}`)));
        const names = {};
        found.forEach((r, i) => {
          if (r.status === 'fulfilled' && r.value) {
            names[ids[i]] = r.value.name || (r.value.customer && r.value.customer.name);
          }
        });
        drawer.customers = names;
      } catch (e) {
        drawer.error = e;
      } finally {
        drawer.loading = false;
      }
    };
    const interactionColumns = [
      { title: '客户', key: 'customer' },
      { title: '互动', key: 'kind', width: 80 },
      { title: '所属员工', key: 'userid', width: 140 },
      { title: '时间', key: 'interactedAt', width: 160 },
    ];
    const copyColumns = [
      { title: '员工', key: 'userid' },
      { title: '发表状态', key: 'publishStatus', width: 100 },
      { title: '可见客户', key: 'visibleCount', width: 90, align: 'right' },
      { title: '点赞', key: 'likes', width: 70, align: 'right' },
      { title: '评论', key: 'comments', width: 70, align: 'right' },
    ];
    const openCustomer = (id) => router.push(`/customers/${encodeURIComponent(id)}`);

    // ---- 发布任务 ----
    const tasks = reactive({ items: [], loading: false, error: null });
    const loadTasks = async () => {
      tasks.loading = true;
      tasks.error = null;
      try {
        tasks.items = await corpApi.get('/moment-tasks', { limit: 100 });
      } catch (e) {
        tasks.error = e;
      } finally {
        tasks.loading = false;
      }
    };
    const taskColumns = [
      { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
      { title: '任务名称', key: 'name' },
      { title: '状态', key: 'status', width: 90 },
      { title: '发表次数', key: 'publishes', width: 90, align: 'right' },
      { title: '最近一次', key: 'lastPublishStatus', width: 150 },
      { title: '创建时间', key: 'createdAt', width: 160 },
      { title: '操作', key: 'actions', width: 130 },
    ];
    const taskDrawer = reactive({ open: false, loading: false, task: null, error: null });
    const openTask = async (row) => {
      Object.assign(taskDrawer, { open: true, loading: true, task: null, error: null });
      try {
        taskDrawer.task = await corpApi.get(`/moment-tasks/${row.id}`);
      } catch (e) {
        taskDrawer.error = e;
      } finally {
        taskDrawer.loading = false;
      }
    };
    const rangeText = (def) => {
      const r = (def && def.visibleRange) || {};
      const parts = [];
      if (r.allStaff) {
        parts.push('全部员工');
      }
      if (r.userids && r.userids.length) {
        parts.push('员工：' + r.userids.map(staffName).join('、'));
      }
      if (r.departmentIds && r.departmentIds.length) {
        parts.push('门店：' + r.departmentIds.map((d) => storeNames.value[d] || `部门 ${d}`).join('、'));
      }
      parts.push(r.tags && r.tags.length ? '可见客户：带有标签 ' + r.tags.map((t) => tagNames.value[t] || t).join('、')
        : '可见客户：全部客户');
      return parts.join('；');
    };
    const scheduleText = (def) => {
      const s = def && def.schedule;
      if (!s) {
        return '立即发表';
      }
      if (s.type === 'once') {
        return '定时：' + fmtDateTime(s.at);
      }
      return '周期：' + (s.cron || s.preset || '') + (s.time ? ' ' + s.time : '');
    };
    const progress = (p) => {
      const total = (p.staff || []).length;
      const done = p.published || 0;
      return total ? Math.round((done / total) * 100) : 0;
    };
    const cancelling = ref(null);
    const cancelTask = async (row) => {
      cancelling.value = row.id;
      try {
        await corpApi.post(`/moment-tasks/${row.id}/cancel`);
        antd.message.success('任务已取消，已创建的朋友圈将从员工处撤回');
        await loadTasks();
        if (taskDrawer.open && taskDrawer.task && taskDrawer.task.id === row.id) {
          openTask(row);
        }
      } catch (e) {
        showError(e);
      } finally {
        cancelling.value = null;
      }
    };

    // ---- the create form ----
    const emptyForm = () => ({ name: '', text: '', attachType: 'none', images: [], link: { title: '', url: '' },
      allStaff: false, userids: [], departmentIds: [], tags: [], when: 'now', at: null, publishWithin: 'PT24H',
      remind: true });
    const form = reactive({ open: false, busy: false, uploading: false, err: {}, general: '', ...emptyForm() });
    const openCreate = () => {
      Object.assign(form, { open: true, busy: false, uploading: false, err: {}, general: '' }, emptyForm());
    };
    const beforeUpload = async (file) => {
      if (form.images.length >= 9) {
        antd.message.warning('最多 9 张图片');
        return false;
      }
      if (!/^image\//.test(file.type)) {
        antd.message.warning('请选择图片文件');
        return false;
      }
      if (file.size > 10 * 1024 * 1024) {
        antd.message.warning('图片不能超过 10 MB');
        return false;
      }
      form.uploading = true;
      try {
        const data = new FormData();
        data.append('file', file);
        data.append('kind', 'image');
        const r = await corpApi.upload('/campaign-assets?kind=image', data);
        form.images.push({ assetId: r.assetId, name: file.name, size: r.size });
      } catch (e) {
        showError(e);
      } finally {
        form.uploading = false;
      }
      return false;
    };
    const removeImage = (i) => form.images.splice(i, 1);
    const submitTask = async () => {
      const err = {};
      if (!form.text.trim() && form.attachType === 'none') {
        err.text = '请填写正文或添加附件';
      }
      if (form.attachType === 'image' && form.images.length === 0) {
        err.attachments = '请上传至少一张图片，或选择“无附件”';
      }
      if (form.attachType === 'link' && (!form.link.title.trim() || !/^https?:\/\//.test(form.link.url.trim()))) {
        err.attachments = '链接需要标题和以 http:// 或 https:// 开头的地址';
      }
      if (!form.allStaff && form.userids.length === 0 && form.departmentIds.length === 0) {
        err.visibleRange = '请选择发表的员工或门店，或勾选“全部员工”';
      }
      if (form.when === 'once' && !form.at) {
        err.schedule = '请选择发表时间';
      }
      form.err = err;
      form.general = '';
      if (Object.keys(err).length) {
        return;
      }
      const attachments = form.attachType === 'image' ? form.images.map((x) => ({ type: 'image', assetId: x.assetId }))
        : (form.attachType === 'link' ? [{ type: 'link', title: form.link.title.trim(), url: form.link.url.trim() }] : []);
      const body = {
        name: form.name.trim() || null,
        text: form.text,
        attachments,
        visibleRange: form.allStaff ? { allStaff: true, tags: form.tags }
          : { userids: form.userids, departmentIds: form.departmentIds, tags: form.tags },
        publishWithin: form.publishWithin,
        remind: form.remind,
      };
      if (form.when === 'once') {
        body.schedule = { type: 'once', at: form.at.format() };
      }
      form.busy = true;
      try {
        const created = await corpApi.post('/moment-tasks', body);
        form.open = false;
        antd.message.success(form.when === 'once' ? '任务已创建，将按时发表' : '任务已创建，正在通知员工发表');
        await loadTasks();
        openTask(created);
      } catch (e) {
        const byField = {};
        for (const x of (e.errors || [])) {
          const key = (x.field || '').split(/[.[]/)[0];
          const k = key === 'publishWithin' || key === 'remindBefore' ? 'publishWithin' : key;
          if (k && !byField[k]) {
            byField[k] = x.message;
          }
        }
        form.err = byField;
        form.general = Object.keys(byField).length ? '' : (e.detail || String(e));
      } finally {
        form.busy = false;
      }
    };
    const disabledPast = (d) => d && d.isBefore(dayjs().startOf('day'));

    // ---- 同步 ----
    const syncs = reactive({ items: [], loading: false, error: null, starting: false });
    const loadSyncs = async (quiet) => {
      syncs.loading = quiet !== true;
      syncs.error = null;
      try {
        syncs.items = await corpApi.get('/moment-syncs', { limit: 50 });
      } catch (e) {
        syncs.error = e;
      } finally {
        syncs.loading = false;
      }
    };
    const syncColumns = [
      { title: '编号', dataIndex: 'id', key: 'id', width: 80 },
      { title: '类型', key: 'kind', width: 100 },
      { title: '触发', key: 'trigger', width: 80 },
      { title: '状态', key: 'status', width: 90 },
      { title: '开始时间', key: 'startedAt', width: 160 },
      { title: '耗时', key: 'duration', width: 100 },
      { title: '读取朋友圈', key: 'momentsSeen', align: 'right' },
      { title: '新朋友圈', key: 'momentsNew', align: 'right' },
      { title: '新互动', key: 'interactionsNew', align: 'right' },
      { title: '接口调用', key: 'calls', align: 'right' },
      { title: '错误', key: 'error', ellipsis: true },
    ];
    const totalCalls = (s) => Object.values(s.calls || {}).reduce((a, b) => a + Number(b || 0), 0);
    const duration = (s) => s.finishedAt ? fmtMillis(new Date(s.finishedAt) - new Date(s.startedAt)) : '进行中';
    const syncing = computed(() => syncs.items.some((s) => s.status === 'RUNNING'));
    const startSync = async () => {
      syncs.starting = true;
      try {
        const r = await corpApi.post('/moments/sync');
        antd.message.success(r.message || '朋友圈同步已开始');
        await loadSyncs();
      } catch (e) {
        showError(e);
      } finally {
        syncs.starting = false;
      }
    };
    let timer = null;

    onMounted(async () => {
      moments.load();
      loadTasks();
      loadSyncs();
      timer = setInterval(async () => {
        if (syncing.value) {
          await loadSyncs(true);
          if (!syncing.value) {
            moments.load();
          }
        }
      }, 3000);
      try {
        const [staff, depts, groups] = await Promise.all([staffList(), departments(), tagGroups()]);
        staffNames.value = Object.fromEntries(staff.map((s) => [s.userid, s.name]));
        storeNames.value = Object.fromEntries(depts.map((d) => [d.id, d.name]));
        tagNames.value = Object.fromEntries(groups.flatMap((g) => g.tags.map((t) => [t.tagId, t.name])));
      } catch (e) {
        showError(e);
      }
    });
    onBeforeUnmount(() => clearInterval(timer));

    return {
      canOperate, tab, staffName, filters, moments, momentColumns, excerpt, drawer, openMoment, interactionColumns,
      copyColumns, openCustomer,
      tasks, loadTasks, taskColumns, taskDrawer, openTask, rangeText, scheduleText, progress, cancelling, cancelTask,
      form, openCreate, beforeUpload, removeImage, submitTask, disabledPast, WITHIN_OPTIONS,
      syncs, loadSyncs, syncColumns, totalCalls, duration, syncing, startSync,
      TASK_STATUSES, PUBLISH_STATUSES, OUTCOMES, RUN_STATUSES, RUN_KINDS, TRIGGERS, statusOf,
      fmtDateTime, fmtNumber, fmtAgo, isoDay,
    };
  },
  template: `
  <div>
    <page-header title="朋友圈" subtitle="客户朋友圈的发表与互动：员工发表的动态、企业发起的发表任务和同步记录">
      <template #extra>
        <a-button v-if="canOperate" type="primary" data-test="moment-task-create" @click="tab = 'tasks'; openCreate()">发布朋友圈</a-button>
      </template>
    </page-header>
    <a-card>
      <a-tabs v-model:activeKey="tab">
        <a-tab-pane key="moments" tab="朋友圈动态">
          <div class="filters">
            <staff-select v-model:value="filters.creator" placeholder="全部发表人" @change="moments.reload()"></staff-select>
            <a-range-picker v-model:value="filters.range" :placeholder="['开始日期', '结束日期']" @change="moments.reload()"></a-range-picker>
            <span class="muted">按发表时间从新到旧</span>
          </div>
          <load-error v-if="moments.state.error" :error="moments.state.error" @retry="moments.load"></load-error>
          <a-table v-else :columns="momentColumns" :data-source="moments.state.items" :loading="moments.state.loading"
              :pagination="moments.pagination.value" row-key="momentId" size="middle" data-test="moments-table"
              @change="moments.onTableChange">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'creator'">
                <span class="name-cell"><name-avatar :name="staffName(record.creator)"></name-avatar>{{ staffName(record.creator) }}</span>
              </template>
              <template v-else-if="column.key === 'text'">
                <a-tooltip :title="record.text"><span>{{ excerpt(record.text) }}</span></a-tooltip>
              </template>
              <template v-else-if="column.key === 'createType'">
                <a-tag :color="record.createType === 0 ? 'blue' : 'default'">{{ record.createType === 0 ? '企业发表' : '个人发表' }}</a-tag>
              </template>
              <template v-else-if="column.key === 'createTime'">{{ fmtDateTime(record.createTime) }}</template>
              <template v-else-if="['publishedCopies', 'likes', 'comments'].includes(column.key)">
                <span class="num">{{ fmtNumber(record[column.key]) }}</span>
              </template>
              <template v-else-if="column.key === 'actions'"><a data-test="moment-interactions" @click="openMoment(record)">查看互动</a></template>
            </template>
            <template #emptyText><a-empty description="还没有同步到朋友圈：到“同步”页点击“立即同步”，或等待定时同步"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="tasks" tab="发布任务">
          <div class="filters">
            <a-button v-if="canOperate" type="primary" @click="openCreate">新建发布任务</a-button>
            <span class="muted">企业创建任务后，员工在企业微信中确认发表；显示最近 100 个任务</span>
          </div>
          <load-error v-if="tasks.error" :error="tasks.error" @retry="loadTasks"></load-error>
          <a-table v-else :columns="taskColumns" :data-source="tasks.items" :loading="tasks.loading" row-key="id"
              size="middle" :pagination="{ pageSize: 20, showTotal: t => '共 ' + t + ' 条' }" data-test="tasks-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'name'"><a @click="openTask(record)">{{ record.name || ('朋友圈任务 #' + record.id) }}</a></template>
              <template v-else-if="column.key === 'status'"><a-tag :color="statusOf(TASK_STATUSES, record.status).color">{{ statusOf(TASK_STATUSES, record.status).label }}</a-tag></template>
              <template v-else-if="column.key === 'publishes'">{{ fmtNumber(record.publishes) }}</template>
              <template v-else-if="column.key === 'lastPublishStatus'">
                <a-tag v-if="record.lastPublishStatus" :color="statusOf(PUBLISH_STATUSES, record.lastPublishStatus).color">{{ statusOf(PUBLISH_STATUSES, record.lastPublishStatus).label }}</a-tag>
                <span v-else class="muted">等待定时发表</span>
              </template>
              <template v-else-if="column.key === 'createdAt'">{{ fmtDateTime(record.createdAt) }}</template>
              <template v-else-if="column.key === 'actions'">
                <a-space>
                  <a @click="openTask(record)">进度</a>
                  <a-popconfirm v-if="canOperate && record.status !== 'CANCELLED'" title="取消后不再发表，已创建的朋友圈会从员工处撤回。确定取消？"
                      ok-text="取消任务" cancel-text="再想想" @confirm="cancelTask(record)">
                    <a-button type="link" danger size="small" :loading="cancelling === record.id">取消</a-button>
                  </a-popconfirm>
                </a-space>
              </template>
            </template>
            <template #emptyText><a-empty :description="canOperate ? '还没有发布任务：点击“新建发布任务”让员工发表到客户朋友圈' : '还没有发布任务'"></a-empty></template>
          </a-table>
        </a-tab-pane>

        <a-tab-pane key="sync" tab="同步">
          <div class="filters">
            <a-button v-if="canOperate" type="primary" :loading="syncs.starting" :disabled="syncing" data-test="moment-sync" @click="startSync">立即同步</a-button>
            <span class="muted">{{ syncing ? '同步进行中，每 3 秒自动刷新' : '定时从企业微信拉取朋友圈与互动；显示最近 50 次' }}</span>
          </div>
          <load-error v-if="syncs.error" :error="syncs.error" @retry="loadSyncs"></load-error>
          <a-table v-else :columns="syncColumns" :data-source="syncs.items" :loading="syncs.loading" row-key="id"
              size="middle" :scroll="{ x: 1100 }" :pagination="{ pageSize: 20, showTotal: t => '共 ' + t + ' 条' }" data-test="moment-syncs-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'kind'">{{ RUN_KINDS[record.kind] || record.kind }}</template>
              <template v-else-if="column.key === 'trigger'">{{ TRIGGERS[record.trigger] || record.trigger }}</template>
              <template v-else-if="column.key === 'status'"><a-badge :status="statusOf(RUN_STATUSES, record.status).color" :text="statusOf(RUN_STATUSES, record.status).label"></a-badge></template>
              <template v-else-if="column.key === 'startedAt'">{{ fmtDateTime(record.startedAt) }}</template>
              <template v-else-if="column.key === 'duration'">{{ duration(record) }}</template>
              <template v-else-if="['momentsSeen', 'momentsNew', 'interactionsNew'].includes(column.key)"><span class="num">{{ fmtNumber(record[column.key]) }}</span></template>
              <template v-else-if="column.key === 'calls'"><span class="num">{{ fmtNumber(totalCalls(record)) }}</span></template>
              <template v-else-if="column.key === 'error'"><span :class="record.error ? '' : 'muted'">{{ record.error || '—' }}</span></template>
            </template>
            <template #emptyText><a-empty description="还没有同步记录"></a-empty></template>
          </a-table>
        </a-tab-pane>
      </a-tabs>
    </a-card>

    <a-drawer v-model:open="drawer.open" title="朋友圈互动" width="720" data-test="moment-drawer">
      <a-spin :spinning="drawer.loading">
        <load-error v-if="drawer.error" :error="drawer.error" @retry="openMoment(drawer.moment)"></load-error>
        <template v-else-if="drawer.moment">
          <a-descriptions :column="2" size="small" bordered>
            <a-descriptions-item label="发表人">{{ staffName(drawer.moment.creator) }}</a-descriptions-item>
            <a-descriptions-item label="发表时间">{{ fmtDateTime(drawer.moment.createTime) }}</a-descriptions-item>
            <a-descriptions-item label="类型">{{ drawer.moment.createType === 0 ? '企业发表' : '个人发表' }}</a-descriptions-item>
            <a-descriptions-item label="可见范围">{{ drawer.moment.visibleType === 0 ? '部分客户可见' : '全部客户可见' }}</a-descriptions-item>
            <a-descriptions-item label="内容" :span="2"><div style="white-space: pre-wrap">{{ drawer.moment.text || '（无文字）' }}</div></a-descriptions-item>
            <a-descriptions-item label="点赞">{{ fmtNumber(drawer.moment.likes) }}</a-descriptions-item>
            <a-descriptions-item label="评论">{{ fmtNumber(drawer.moment.comments) }}</a-descriptions-item>
          </a-descriptions>
          <h4 style="margin: 16px 0 8px">客户互动（{{ fmtNumber((drawer.moment.interactions || []).length) }}）</h4>
          <a-table :columns="interactionColumns" :data-source="drawer.moment.interactions || []" size="small"
              :row-key="(r, i) => r.externalUserId + r.kind + r.interactedAt + i" :pagination="{ pageSize: 10, hideOnSinglePage: true }"
              data-test="interactions-table">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'customer'">
                <a @click="openCustomer(record.externalUserId)">{{ drawer.customers[record.externalUserId] || record.externalUserId }}</a>
              </template>
              <template v-else-if="column.key === 'kind'"><a-tag :color="record.kind === 'LIKE' ? 'pink' : 'blue'">{{ record.kind === 'LIKE' ? '点赞' : '评论' }}</a-tag></template>
              <template v-else-if="column.key === 'userid'">{{ staffName(record.userid) }}</template>
              <template v-else-if="column.key === 'interactedAt'">{{ fmtDateTime(record.interactedAt) }}</template>
            </template>
            <template #emptyText><a-empty description="还没有客户点赞或评论"></a-empty></template>
          </a-table>
          <h4 style="margin: 16px 0 8px">员工发表情况</h4>
          <a-table :columns="copyColumns" :data-source="drawer.moment.tasks || []" size="small" row-key="userid"
              :pagination="{ pageSize: 10, hideOnSinglePage: true }">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'userid'">{{ staffName(record.userid) }}</template>
              <template v-else-if="column.key === 'publishStatus'"><a-tag :color="record.publishStatus === 1 ? 'green' : 'default'">{{ record.publishStatus === 1 ? '已发表' : '未发表' }}</a-tag></template>
              <template v-else>{{ fmtNumber(record[column.key]) }}</template>
            </template>
            <template #emptyText><a-empty description="没有员工发表记录"></a-empty></template>
          </a-table>
        </template>
      </a-spin>
    </a-drawer>

    <a-drawer v-model:open="taskDrawer.open" :title="taskDrawer.task ? (taskDrawer.task.definition.name || '朋友圈任务 #' + taskDrawer.task.id) : '朋友圈任务'"
        width="760" data-test="task-drawer">
      <a-spin :spinning="taskDrawer.loading">
        <load-error v-if="taskDrawer.error" :error="taskDrawer.error" @retry="openTask({ id: taskDrawer.task && taskDrawer.task.id })"></load-error>
        <template v-else-if="taskDrawer.task">
          <a-descriptions :column="2" size="small" bordered>
            <a-descriptions-item label="状态"><a-tag :color="statusOf(TASK_STATUSES, taskDrawer.task.status).color">{{ statusOf(TASK_STATUSES, taskDrawer.task.status).label }}</a-tag></a-descriptions-item>
            <a-descriptions-item label="创建时间">{{ fmtDateTime(taskDrawer.task.createdAt) }}</a-descriptions-item>
            <a-descriptions-item label="发表时间">{{ scheduleText(taskDrawer.task.definition) }}</a-descriptions-item>
            <a-descriptions-item label="下次发表">{{ taskDrawer.task.nextFireAt ? fmtDateTime(taskDrawer.task.nextFireAt) : '—' }}</a-descriptions-item>
            <a-descriptions-item label="正文" :span="2"><div style="white-space: pre-wrap">{{ taskDrawer.task.definition.text || '（无文字）' }}</div></a-descriptions-item>
            <a-descriptions-item label="附件" :span="2">{{ (taskDrawer.task.definition.attachments || []).length ? (taskDrawer.task.definition.attachments.map(a => a.type === 'link' ? '链接：' + a.title : (a.type === 'video' ? '视频' : '图片')).join('、')) : '无' }}</a-descriptions-item>
            <a-descriptions-item label="范围" :span="2">{{ rangeText(taskDrawer.task.definition) }}</a-descriptions-item>
          </a-descriptions>
          <h4 style="margin: 16px 0 8px">发表进度</h4>
          <a-empty v-if="!taskDrawer.task.publishes.length" description="尚未到发表时间"></a-empty>
          <a-card v-for="p in taskDrawer.task.publishes" :key="p.id" size="small" style="margin-bottom: 12px">
            <template #title>
              <a-tag :color="statusOf(PUBLISH_STATUSES, p.status).color">{{ statusOf(PUBLISH_STATUSES, p.status).label }}</a-tag>
              第 {{ p.occurrence || 1 }} 次 · {{ fmtDateTime(p.createdAt) }}
            </template>
            <a-row :gutter="16">
              <a-col :span="10"><a-progress :percent="progress(p)" size="small" :format="() => fmtNumber(p.published) + '/' + fmtNumber((p.staff || []).length)"></a-progress></a-col>
              <a-col :span="14" class="muted">截止 {{ fmtDateTime(p.deadlineAt) }} · 提醒 {{ p.remindAt ? fmtDateTime(p.remindAt) : '不提醒' }} · 已提醒 {{ fmtNumber(p.remindersSent || 0) }} 人</a-col>
            </a-row>
            <a-alert v-if="p.error" type="error" :message="p.error" show-icon style="margin: 8px 0"></a-alert>
            <a-alert v-if="p.invalidUserids && p.invalidUserids.length" type="warning" show-icon style="margin: 8px 0"
                :message="'企业微信未接受的员工：' + p.invalidUserids.map(staffName).join('、')"></a-alert>
            <a-table :data-source="p.staff || []" size="small" row-key="userid" :pagination="{ pageSize: 10, hideOnSinglePage: true }"
                :columns="[{ title: '员工', key: 'userid' }, { title: '结果', key: 'outcome', width: 100 }, { title: '发表时间', key: 'publishedSeenAt', width: 160 }, { title: '提醒时间', key: 'remindedAt', width: 160 }]">
              <template #bodyCell="{ column, record }">
                <template v-if="column.key === 'userid'">{{ staffName(record.userid) }}</template>
                <template v-else-if="column.key === 'outcome'">
                  <a-tag v-if="record.outcome" :color="statusOf(OUTCOMES, record.outcome).color">{{ statusOf(OUTCOMES, record.outcome).label }}</a-tag>
                  <a-tag v-else :color="record.publishStatus === 1 ? 'green' : 'default'">{{ record.publishStatus === 1 ? '已发表' : '待发表' }}</a-tag>
                </template>
                <template v-else-if="column.key === 'publishedSeenAt'">{{ fmtDateTime(record.publishedSeenAt) }}</template>
                <template v-else-if="column.key === 'remindedAt'">{{ fmtDateTime(record.remindedAt) }}</template>
              </template>
              <template #emptyText><a-empty description="企业微信尚未返回员工名单"></a-empty></template>
            </a-table>
          </a-card>
        </template>
      </a-spin>
    </a-drawer>

    <a-modal v-model:open="form.open" title="新建朋友圈发布任务" ok-text="创建任务" cancel-text="取消" :confirm-loading="form.busy"
        width="680px" data-test="task-modal" @ok="submitTask">
      <a-alert v-if="form.general" type="error" :message="form.general" show-icon style="margin-bottom: 12px"></a-alert>
      <a-form layout="vertical">
        <a-form-item label="任务名称" :validate-status="form.err.name ? 'error' : ''" :help="form.err.name || '仅内部使用，员工看不到'">
          <a-input v-model:value="form.name" id="task-name" :maxlength="128" placeholder="例如：双十二会员预热"></a-input>
        </a-form-item>
        <a-form-item label="正文" :validate-status="form.err.text ? 'error' : ''" :help="form.err.text">
          <a-textarea v-model:value="form.text" id="task-text" :rows="4" :maxlength="2000" show-count placeholder="客户在朋友圈看到的文字"></a-textarea>
        </a-form-item>
        <a-form-item label="附件" :validate-status="form.err.attachments ? 'error' : ''" :help="form.err.attachments || '图片最多 9 张（每张 ≤ 10 MB），或 1 个链接'">
          <a-radio-group v-model:value="form.attachType" style="margin-bottom: 8px">
            <a-radio-button value="none">无附件</a-radio-button>
            <a-radio-button value="image">图片</a-radio-button>
            <a-radio-button value="link">链接</a-radio-button>
          </a-radio-group>
          <div v-if="form.attachType === 'image'">
            <a-upload :before-upload="beforeUpload" :show-upload-list="false" accept="image/*" :multiple="true">
              <a-button :loading="form.uploading">上传图片</a-button>
            </a-upload>
            <div v-for="(img, i) in form.images" :key="img.assetId" style="margin-top: 4px">
              🖼️ {{ img.name }} <span class="muted">（{{ fmtNumber(Math.ceil(img.size / 1024)) }} KB）</span>
              <a style="margin-left: 8px" @click="removeImage(i)">移除</a>
            </div>
          </div>
          <div v-if="form.attachType === 'link'" style="display: grid; gap: 8px">
            <a-input v-model:value="form.link.title" :maxlength="64" placeholder="链接标题"></a-input>
            <a-input v-model:value="form.link.url" placeholder="https://"></a-input>
          </div>
        </a-form-item>
        <a-form-item label="发表员工" required :validate-status="form.err.visibleRange ? 'error' : ''" :help="form.err.visibleRange">
          <a-checkbox v-model:checked="form.allStaff" style="margin-bottom: 8px">全部员工（应用可见范围内的所有成员）</a-checkbox>
          <div v-if="!form.allStaff" style="display: grid; gap: 8px">
            <staff-select v-model:value="form.userids" multiple placeholder="选择员工" style="width: 100%"></staff-select>
            <store-select v-model:value="form.departmentIds" multiple placeholder="或选择门店（门店内全部员工）" style="width: 100%"></store-select>
          </div>
        </a-form-item>
        <a-form-item label="可见客户" :help="'不选标签：员工的全部客户可见；选了标签：只有带其中任一标签的客户可见'">
          <tag-select v-model:value="form.tags" placeholder="全部客户" style="width: 100%"></tag-select>
        </a-form-item>
        <a-form-item label="发表时间" :validate-status="form.err.schedule ? 'error' : ''" :help="form.err.schedule">
          <a-radio-group v-model:value="form.when">
            <a-radio value="now">立即</a-radio>
            <a-radio value="once">定时</a-radio>
          </a-radio-group>
          <a-date-picker v-if="form.when === 'once'" v-model:value="form.at" show-time :disabled-date="disabledPast"
              format="YYYY-MM-DD HH:mm" placeholder="选择发表时间" style="margin-left: 8px"></a-date-picker>
        </a-form-item>
        <a-row :gutter="16">
          <a-col :span="12">
            <a-form-item label="员工需在多久内发表" :validate-status="form.err.publishWithin ? 'error' : ''" :help="form.err.publishWithin">
              <a-select v-model:value="form.publishWithin" :options="WITHIN_OPTIONS"></a-select>
            </a-form-item>
          </a-col>
          <a-col :span="12">
            <a-form-item label="截止前提醒未发表的员工">
              <a-switch v-model:checked="form.remind" checked-children="提醒" un-checked-children="不提醒"></a-switch>
            </a-form-item>
          </a-col>
        </a-row>
      </a-form>
    </a-modal>
  </div>`,
};
