// 客户详情 (#/customers/:id): who the customer is, every follow relation (remark mobiles masked by the server for
// store managers and viewers), tags by source with "为什么有这个标签" for rule tags, first-touch attribution, welcome
// messages, pushes received, moment interactions, attributes and a timeline. Another store's customer (or an unknown
// one) is "客户不存在或无权查看" (docs/console.md).
import { corpApi, can, session } from '../session.js';
import { showError, stageLabel, LIFECYCLE_STAGES, TAG_SOURCES, refreshTags } from '../components/common.js';
import { TagExplainDrawer } from '../components/customer-explain.js';
import { fmtDateTime, fmtNumber } from '../format.js';

const { ref, reactive, computed, watch } = Vue;
const { useRoute, useRouter } = VueRouter;

/** WeCom's add_way (external contact "添加方式"). */
export const ADD_WAYS = {
  0: '未知来源', 1: '扫描二维码', 2: '搜索手机号', 3: '名片分享', 4: '群聊', 5: '手机通讯录', 6: '微信联系人',
  8: '安装应用时自动添加', 9: '搜索邮箱', 10: '视频号添加', 11: '日程参与人', 12: '会议参与人',
  13: '添加微信好友对应的企业微信', 14: '智慧硬件专属客服', 15: '上门服务客服', 16: '获客链接', 17: '定制开发',
  18: '需求回复', 201: '内部成员共享', 202: '管理员/负责人分配',
};

const DELETED_BY = { CUSTOMER: '客户删除了员工', STAFF: '员工删除了客户', TRANSFER: '已转接给其他员工',
  SYNC: '同步时发现已不是好友' };

export const WELCOME_STATUS = {
  PENDING: { label: '发送中', color: 'processing' }, SENT: { label: '已发送', color: 'success' },
  EXPIRED: { label: 'code 已过期', color: 'warning' }, USED: { label: 'code 已被使用', color: 'warning' },
  NO_CODE: { label: '无欢迎语 code', color: 'default' }, NO_CHANNEL: { label: '未匹配到活码', color: 'default' },
  NO_WELCOME: { label: '活码未配置欢迎语', color: 'default' }, FAILED: { label: '发送失败', color: 'error' },
};

const PUSH_STATUS = {
  PLANNED: { label: '待发送', color: 'default' }, SENDING: { label: '下发中', color: 'processing' },
  TASK_CREATED: { label: '待员工确认', color: 'processing' }, SENT: { label: '已送达', color: 'success' },
  NOT_FRIEND: { label: '已不是好友', color: 'warning' }, OVER_LIMIT: { label: '超过接收上限', color: 'warning' },
  NOT_CONFIRMED: { label: '员工未确认', color: 'warning' }, CANCELLED: { label: '已取消', color: 'default' },
  FAILED: { label: '发送失败', color: 'error' }, HELD_BACK: { label: '对照组（不发送）', color: 'default' },
};

const TIMELINE_COLORS = { FOLLOW_ADDED: 'green', FOLLOW_DELETED: 'red', WELCOME: 'blue', TAG_SET: 'purple',
  PUSH: 'blue', MOMENT: 'cyan', GROUP_JOINED: 'green', GROUP_LEFT: 'gray', TRANSFER: 'orange' };
const TIMELINE_KINDS = { FOLLOW_ADDED: '添加好友', FOLLOW_DELETED: '删除好友', WELCOME: '欢迎语', TAG_SET: '标签',
  PUSH: '群发', MOMENT: '朋友圈', GROUP_JOINED: '入群', GROUP_LEFT: '退群', TRANSFER: '继承' };

/** Loads one part of the page: {data, error, loading}; a 404 of an optional part is "none" (data null). */
function part() {
  return reactive({ data: null, error: null, loading: false });
}

async function fill(p, loader, notFoundIsEmpty = false) {
  p.loading = true;
  p.error = null;
  try {
    p.data = await loader();
  } catch (e) {
    p.data = null;
    if (!(notFoundIsEmpty && e && e.status === 404)) {
      p.error = e;
    }
  } finally {
    p.loading = false;
  }
}

export default {
  name: 'CustomerDetailPage',
  components: { TagExplainDrawer },
  setup() {
    const route = useRoute();
    const router = useRouter();
    const id = computed(() => String(route.params.id || ''));
    const customer = part();
    const attribution = part();
    const welcomes = part();
    const pushes = part();
    const interactions = part();
    const timeline = part();
    const attributes = part();
    const explain = reactive({ open: false, tag: null });
    const editing = reactive({ open: false, add: [], remove: [], busy: false });

    const path = (suffix = '') => `/customers/${encodeURIComponent(id.value)}${suffix}`;
    const loadParts = () => {
      fill(attribution, () => corpApi.get(path('/attribution')), true);
      fill(welcomes, () => corpApi.get('/welcomes', { customer: id.value, limit: 20 }));
      fill(pushes, () => corpApi.get(path('/pushes'), { limit: 50 }));
      fill(interactions, () => corpApi.get(path('/interactions'), { limit: 50 }));
      fill(timeline, () => corpApi.get(path('/timeline'), { limit: 100 }));
      fill(attributes, () => corpApi.get(path('/attributes')));
    };
    const load = async () => {
      await fill(customer, () => corpApi.get(path()));
      if (customer.data) {
        loadParts();
      }
    };
    watch(id, (v) => {
      if (v && route.path.startsWith('/customers/')) {
        load();
      }
    }, { immediate: true });

    const notFound = computed(() => customer.error && (customer.error.status === 404 || customer.error.status === 403));

    const follows = computed(() => (customer.data ? customer.data.follows : []));
    const liveFollows = computed(() => follows.value.filter((f) => !f.deletedAt));

    /** Every tag on the customer's relations: one chip per tag and source, grouped by tag group. */
    const tagGroups = computed(() => {
      const byKey = new Map();
      for (const f of follows.value) {
        if (f.deletedAt) {
          continue;
        }
        for (const t of f.tags || []) {
          const key = t.tagId + '|' + t.source + '|' + (t.source === 'RULE' ? (t.sourceRef || '') : '');
          if (!byKey.has(key)) {
            byKey.set(key, { ...t, staff: [] });
          }
          byKey.get(key).staff.push(f.staffName || f.userid);
        }
      }
      const groups = new Map();
      for (const t of byKey.values()) {
        const g = t.groupName || '未分组';
        if (!groups.has(g)) {
          groups.set(g, []);
        }
        groups.get(g).push(t);
      }
      return [...groups.entries()].map(([name, tags]) => ({ name, tags }));
    });
    const currentTagOptions = computed(() => {
      const seen = new Map();
      tagGroups.value.forEach((g) => g.tags.forEach((t) => seen.set(t.tagId,
        (t.groupName ? t.groupName + ' / ' : '') + (t.name || t.tagId))));
      return [...seen.entries()].map(([value, label]) => ({ value, label }));
    });
    const src = (t) => TAG_SOURCES[t.source] || (t.source === 'OPERATOR' ? { label: '运营手动', color: 'orange' }
      : { label: t.source || '未知', color: 'default' });
    const tagTip = (t) => `来源：${src(t).label}` + (t.source === 'CHANNEL' && t.sourceRef ? `（渠道 ${t.sourceRef}）` : '')
      + (t.setAt ? ` · ${fmtDateTime(t.setAt)}` : '') + ` · 员工：${t.staff.join('、')}`;
    const openExplain = (t) => {
      explain.tag = t;
      explain.open = true;
    };

    const saveTags = async () => {
      if (!editing.add.length && !editing.remove.length) {
        antd.message.warning('请选择要添加或移除的标签');
        return;
      }
      editing.busy = true;
      try {
        await corpApi.post(path('/tags'), { add: editing.add, remove: editing.remove,
          operator: session.me ? session.me.username : 'console' });
        antd.message.success('标签已更新，并已同步到企业微信');
        editing.open = false;
        refreshTags();
        await fill(customer, () => corpApi.get(path()));
        fill(timeline, () => corpApi.get(path('/timeline'), { limit: 100 }));
      } catch (e) {
        showError(e);
      } finally {
        editing.busy = false;
      }
    };
    const startEdit = () => {
      editing.add = [];
      editing.remove = [];
      editing.open = true;
    };

    const followColumns = [
      { title: '跟进员工', key: 'staff', width: 130, fixed: 'left' },
      { title: '备注 / 描述', key: 'remark', width: 190 },
      { title: '备注手机号', key: 'mobiles', width: 130 },
      { title: '添加方式 / 渠道', key: 'addWay', width: 160 },
      { title: '添加时间', key: 'addedAt', width: 140 },
      { title: '状态', key: 'status', width: 150 },
    ];
    const pushColumns = [
      { title: '群发', key: 'campaign' },
      { title: '发送员工', key: 'sender', width: 110 },
      { title: '状态', key: 'status', width: 130 },
      { title: '时间', key: 'time', width: 150 },
    ];
    const interactionColumns = [
      { title: '互动', key: 'kind', width: 80 },
      { title: '朋友圈内容', key: 'text', ellipsis: true },
      { title: '员工', key: 'userid', width: 110 },
      { title: '时间', key: 'at', width: 150 },
    ];
    const staffNames = computed(() => {
      const m = {};
      follows.value.forEach((f) => { m[f.userid] = f.staffName || f.userid; });
      (timeline.data || []).forEach((e) => {
        if (e.userid && e.staffName) {
          m[e.userid] = e.staffName;
        }
      });
      return m;
    });
    const staffName = (u) => (u ? staffNames.value[u] || u : '—');
    const stage = computed(() => LIFECYCLE_STAGES.find((s) => s.value === (customer.data && customer.data.lifecycleStage)));
    const gender = (g) => ({ 1: '男', 2: '女' }[g] || '未知');
    const attributeList = computed(() => Object.entries(attributes.data || {}));
    const back = () => {
      if (window.history.length > 1) {
        router.back();
      } else {
        router.push('/customers');
      }
    };

    const simpleEmpty = antd.Empty.PRESENTED_IMAGE_SIMPLE;
    return { simpleEmpty, id, customer, attribution, welcomes, pushes, interactions, timeline, attributes, notFound, follows,
      liveFollows, tagGroups, currentTagOptions, src, tagTip, explain, openExplain, editing, saveTags, startEdit,
      followColumns, pushColumns, interactionColumns, staffName, stage, gender, attributeList, back, load,
      stageLabel, fmtDateTime, fmtNumber, can, ADD_WAYS, DELETED_BY, WELCOME_STATUS, PUSH_STATUS, TIMELINE_COLORS,
      TIMELINE_KINDS };
  },
  template: `
    <div class="customer-detail">
      <a-result v-if="notFound" status="404" title="客户不存在或无权查看"
          sub-title="该客户可能已被删除、尚未同步，或不属于您负责的门店。" data-test="customer-refused">
        <template #extra>
          <a-button type="primary" data-test="back" @click="$router.push('/customers')">返回客户列表</a-button>
        </template>
      </a-result>
      <load-error v-else-if="customer.error" :error="customer.error" @retry="load"></load-error>
      <a-spin v-else-if="!customer.data" :spinning="true"><div style="height: 240px"></div></a-spin>
      <template v-else>
        <page-header :title="customer.data.name || '（未命名客户）'" subtitle="客户详情">
          <template #extra>
            <a-button @click="back">返回</a-button>
          </template>
        </page-header>

        <a-card class="section customer-card" data-test="customer-header">
          <div class="customer-head">
            <name-avatar :name="customer.data.name" :size="56"></name-avatar>
            <div class="customer-head-main">
              <div class="customer-head-name">
                <span class="customer-name">{{ customer.data.name || '（未命名客户）' }}</span>
                <a-tag v-if="customer.data.type === 2" color="blue">企业微信</a-tag>
                <a-tag v-else color="green">微信</a-tag>
                <a-tag v-if="stage" :color="stage.color">{{ stage.label }}</a-tag>
                <a-tag v-else>未分层</a-tag>
              </div>
              <a-descriptions :column="{ xs: 1, sm: 2, xl: 3 }" size="small" class="customer-facts">
                <a-descriptions-item label="性别">{{ gender(customer.data.gender) }}</a-descriptions-item>
                <a-descriptions-item v-if="customer.data.corpName" label="企业">{{ customer.data.corpFullName || customer.data.corpName }}</a-descriptions-item>
                <a-descriptions-item v-if="customer.data.position" label="职务">{{ customer.data.position }}</a-descriptions-item>
                <a-descriptions-item label="在跟进员工">{{ fmtNumber(liveFollows.length) }} 位</a-descriptions-item>
                <a-descriptions-item v-if="customer.data.unionid" label="unionid"><span class="muted">{{ customer.data.unionid }}</span></a-descriptions-item>
                <a-descriptions-item label="external_userid"><span class="muted">{{ customer.data.externalUserId }}</span></a-descriptions-item>
                <a-descriptions-item label="资料更新">{{ fmtDateTime(customer.data.updatedAt) }}</a-descriptions-item>
              </a-descriptions>
            </div>
          </div>
        </a-card>

        <a-card title="跟进关系" class="section" data-test="follows">
          <a-table :columns="followColumns" :data-source="follows" row-key="userid" size="small"
              :pagination="false" :scroll="{ x: 900 }">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'staff'">
                <span class="name-cell"><name-avatar :name="record.staffName || record.userid" :size="22"></name-avatar>{{ record.staffName || record.userid }}</span>
              </template>
              <template v-else-if="column.key === 'remark'">
                <div>{{ record.remark || '—' }}</div>
                <div v-if="record.description" class="muted follow-sub">{{ record.description }}</div>
              </template>
              <template v-else-if="column.key === 'mobiles'">
                <span class="num remark-mobiles">{{ record.remarkMobiles && record.remarkMobiles.length ? record.remarkMobiles.join('，') : '—' }}</span>
              </template>
              <template v-else-if="column.key === 'addWay'">
                <div>{{ record.addWay === null || record.addWay === undefined ? '—' : (ADD_WAYS[record.addWay] || ('其他（' + record.addWay + '）')) }}</div>
                <div v-if="record.state" class="muted follow-sub">渠道：{{ record.state }}</div>
              </template>
              <template v-else-if="column.key === 'addedAt'"><span class="num">{{ fmtDateTime(record.addedAt) }}</span></template>
              <template v-else-if="column.key === 'status'">
                <a-tag v-if="!record.deletedAt" color="green">在跟进</a-tag>
                <div v-else>
                  <a-tag color="red">已删除</a-tag>
                  <div class="muted follow-sub">{{ DELETED_BY[record.deletedBy] || '关系已结束' }}</div>
                  <div class="muted follow-sub num">{{ fmtDateTime(record.deletedAt) }}</div>
                </div>
              </template>
            </template>
          </a-table>
        </a-card>

        <a-row :gutter="16">
          <a-col :xs="24" :xl="16">
            <a-card title="标签" class="section" data-test="tags">
              <template #extra>
                <a-button v-if="can.operate() && liveFollows.length" size="small" data-test="edit-tags" @click="startEdit">编辑标签</a-button>
              </template>
              <div class="tag-legend muted">
                颜色表示来源：<a-tag color="blue">企业微信</a-tag><a-tag color="purple">规则</a-tag><a-tag color="green">渠道</a-tag><a-tag color="orange">运营手动</a-tag>
              </div>
              <a-empty v-if="!tagGroups.length" description="该客户还没有标签：可由规则、渠道活码或运营手动添加"></a-empty>
              <div v-for="g in tagGroups" :key="g.name" class="tag-group-row">
                <span class="tag-group-name">{{ g.name }}</span>
                <span v-for="t in g.tags" :key="t.tagId + t.source + (t.sourceRef || '')" class="tag-item">
                  <a-tooltip :title="tagTip(t)">
                    <a-tag :color="src(t).color" :data-source="t.source">{{ t.name || t.tagId }}</a-tag>
                  </a-tooltip>
                  <a v-if="t.source === 'RULE' && t.sourceRef" class="why-link" data-test="why-tag" @click="openExplain(t)">为什么有这个标签</a>
                </span>
              </div>
            </a-card>

            <a-card title="收到的群发" class="section" data-test="pushes">
              <load-error v-if="pushes.error" :error="pushes.error" @retry="load"></load-error>
              <a-table v-else :columns="pushColumns" :data-source="pushes.data || []" :loading="pushes.loading"
                  :row-key="(r) => r.runId + '-' + r.sender" size="small" :pagination="{ pageSize: 10, hideOnSinglePage: true }">
                <template #bodyCell="{ column, record }">
                  <template v-if="column.key === 'campaign'">
                    <router-link :to="'/campaigns/' + record.campaignId">{{ record.campaignName || ('群发 #' + record.campaignId) }}</router-link>
                    <div v-if="record.text" class="muted push-text">{{ record.text }}</div>
                  </template>
                  <template v-else-if="column.key === 'sender'">{{ staffName(record.sender) }}</template>
                  <template v-else-if="column.key === 'status'">
                    <a-tag :color="(PUSH_STATUS[record.status] || {}).color">{{ (PUSH_STATUS[record.status] || {}).label || record.status }}</a-tag>
                  </template>
                  <template v-else-if="column.key === 'time'"><span class="num">{{ fmtDateTime(record.sentAt || record.plannedFor) }}</span></template>
                </template>
                <template #emptyText><a-empty description="该客户还没有收到过群发"></a-empty></template>
              </a-table>
            </a-card>

            <a-card title="朋友圈互动" class="section" data-test="interactions">
              <load-error v-if="interactions.error" :error="interactions.error" @retry="load"></load-error>
              <a-table v-else :columns="interactionColumns" :data-source="interactions.data || []" :loading="interactions.loading"
                  :row-key="(r) => r.momentId + r.kind + r.interactedAt" size="small" :pagination="{ pageSize: 10, hideOnSinglePage: true }">
                <template #bodyCell="{ column, record }">
                  <template v-if="column.key === 'kind'">
                    <a-tag :color="record.kind === 'COMMENT' ? 'blue' : 'pink'">{{ record.kind === 'COMMENT' ? '评论' : '点赞' }}</a-tag>
                  </template>
                  <template v-else-if="column.key === 'text'">{{ record.text || '（无文字）' }}</template>
                  <template v-else-if="column.key === 'userid'">{{ staffName(record.userid) }}</template>
                  <template v-else-if="column.key === 'at'"><span class="num">{{ fmtDateTime(record.interactedAt) }}</span></template>
                </template>
                <template #emptyText><a-empty description="该客户还没有点赞或评论过员工的朋友圈"></a-empty></template>
              </a-table>
            </a-card>
          </a-col>

          <a-col :xs="24" :xl="8">
            <a-card title="来源归因" class="section" data-test="attribution">
              <a-spin :spinning="attribution.loading">
                <load-error v-if="attribution.error" :error="attribution.error" @retry="load"></load-error>
                <a-descriptions v-else-if="attribution.data" :column="1" size="small">
                  <a-descriptions-item label="渠道">{{ attribution.data.channel || '—' }}</a-descriptions-item>
                  <a-descriptions-item label="活码">{{ attribution.data.state || '—' }}<span v-if="attribution.data.contactWayId" class="muted">（#{{ attribution.data.contactWayId }}）</span></a-descriptions-item>
                  <a-descriptions-item v-if="attribution.data.campaign" label="活动">{{ attribution.data.campaign }}</a-descriptions-item>
                  <a-descriptions-item label="门店">{{ attribution.data.storeName || '—' }}</a-descriptions-item>
                  <a-descriptions-item label="首次添加员工">{{ staffName(attribution.data.userid) }}</a-descriptions-item>
                  <a-descriptions-item label="首次添加">{{ fmtDateTime(attribution.data.addedAt) }}</a-descriptions-item>
                </a-descriptions>
                <a-empty v-else-if="!attribution.loading" description="暂无归因记录：客户不是通过渠道活码添加的，或添加早于归因上线" :image="simpleEmpty"></a-empty>
              </a-spin>
            </a-card>

            <a-card title="欢迎语" class="section" data-test="welcome">
              <a-spin :spinning="welcomes.loading">
                <load-error v-if="welcomes.error" :error="welcomes.error" @retry="load"></load-error>
                <a-empty v-else-if="!welcomes.loading && !(welcomes.data || []).length" description="没有欢迎语记录" :image="simpleEmpty"></a-empty>
                <div v-for="w in (welcomes.data || [])" :key="w.welcomeCode" class="welcome-row">
                  <a-tag :color="(WELCOME_STATUS[w.status] || {}).color">{{ (WELCOME_STATUS[w.status] || {}).label || w.status }}</a-tag>
                  <span>{{ staffName(w.userid) }}</span>
                  <span class="muted num"> · {{ fmtDateTime(w.finishedAt || w.receivedAt) }}</span>
                  <div v-if="w.content" class="welcome-content">{{ w.content }}</div>
                  <div v-else-if="w.reason" class="muted">{{ w.reason }}</div>
                </div>
              </a-spin>
            </a-card>

            <a-card v-if="attributeList.length" title="自定义属性" class="section" data-test="attributes">
              <a-descriptions :column="1" size="small">
                <a-descriptions-item v-for="[k, v] in attributeList" :key="k" :label="k">{{ v }}</a-descriptions-item>
              </a-descriptions>
            </a-card>

            <a-card title="客户动态" class="section" data-test="timeline">
              <a-spin :spinning="timeline.loading">
                <load-error v-if="timeline.error" :error="timeline.error" @retry="load"></load-error>
                <a-empty v-else-if="!timeline.loading && !(timeline.data || []).length" description="暂无动态" :image="simpleEmpty"></a-empty>
                <a-timeline v-else class="customer-timeline">
                  <a-timeline-item v-for="(e, i) in (timeline.data || [])" :key="i" :color="TIMELINE_COLORS[e.kind] || 'gray'">
                    <div class="timeline-title">
                      <a-tag class="timeline-kind">{{ TIMELINE_KINDS[e.kind] || e.kind }}</a-tag>{{ e.title }}
                    </div>
                    <div v-if="e.detail" class="muted timeline-detail">{{ e.detail }}</div>
                    <div class="muted num timeline-meta">{{ fmtDateTime(e.at) }}<span v-if="e.userid"> · {{ e.staffName || e.userid }}</span></div>
                  </a-timeline-item>
                </a-timeline>
              </a-spin>
            </a-card>
          </a-col>
        </a-row>

        <tag-explain-drawer v-model:open="explain.open" :tag="explain.tag" :customer="id"></tag-explain-drawer>

        <a-modal v-model:open="editing.open" title="编辑标签" ok-text="保存" cancel-text="取消"
            :confirm-loading="editing.busy" @ok="saveTags">
          <a-form layout="vertical">
            <a-form-item label="添加标签" extra="添加到该客户的每一位在跟进员工的关系上，并同步到企业微信">
              <tag-select v-model:value="editing.add" placeholder="选择要添加的标签" style="width: 100%" data-test="add-tags"></tag-select>
            </a-form-item>
            <a-form-item label="移除标签">
              <a-select v-model:value="editing.remove" mode="multiple" :options="currentTagOptions" allow-clear
                  placeholder="选择要移除的标签" style="width: 100%"></a-select>
            </a-form-item>
          </a-form>
        </a-modal>
      </template>
    </div>`,
};
