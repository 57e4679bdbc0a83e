// 客户群详情: one group (owner, notice, status) and its members: staff and customers (customers link to their
// page), when and how each joined, who invited them, and, on demand, the members who left.
import { corpApi } from '../session.js';
import { fmtNumber, fmtDateTime } from '../format.js';
import { useNames, GROUP_STATUS, JOIN_SCENES } from '../components/acq-common.js';

const { ref, reactive, computed, onMounted } = Vue;
const { useRoute, useRouter } = VueRouter;

export default {
  name: 'GroupDetailPage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const chatId = route.params.chatId;
    const { load: loadNames, staffName } = useNames();
    const detail = reactive({ group: null, loading: false, error: null });
    const includeLeft = ref(false);
    const memberFilter = ref('all');
    const keyword = ref('');

    const load = async () => {
      detail.loading = true;
      detail.error = null;
      try {
        detail.group = await corpApi.get(`/groups/${encodeURIComponent(chatId)}`, { includeLeft: includeLeft.value });
      } catch (e) {
        detail.error = e;
      } finally {
        detail.loading = false;
      }
    };
    onMounted(() => {
      loadNames();
      load();
    });

    const members = computed(() => {
      const g = detail.group;
      if (!g) {
        return [];
      }
      const k = keyword.value.trim().toLowerCase();
      return g.members.filter((m) => memberFilter.value === 'all' || (memberFilter.value === 'staff' ? m.type === 1 : m.type === 2))
        .filter((m) => !k || [m.name, m.groupNickname, m.memberId].some((x) => x && x.toLowerCase().includes(k)));
    });
    const counts = computed(() => {
      const g = detail.group;
      const live = g ? g.members.filter((m) => !m.leftAt) : [];
      return { staff: live.filter((m) => m.type === 1).length, customers: live.filter((m) => m.type === 2).length,
        left: g ? g.members.length - live.length : 0 };
    });
    const status = computed(() => {
      const g = detail.group;
      if (!g) {
        return null;
      }
      return g.dismissedAt ? { label: '已解散', color: 'default' } : (GROUP_STATUS[g.status] || { label: '未知', color: 'default' });
    });
    const columns = [
      { title: '成员', key: 'name' },
      { title: '类型', key: 'type', width: 110 },
      { title: '入群时间', key: 'joinTime', width: 170 },
      { title: '入群方式', key: 'joinScene', width: 160 },
      { title: '邀请人', key: 'invitor', width: 130 },
      { title: '退群时间', key: 'leftAt', width: 170 },
    ];
    const scene = (s) => (s === null || s === undefined ? '—' : (JOIN_SCENES[s] || `其他（${s}）`));
    return { chatId, detail, includeLeft, memberFilter, keyword, load, members, counts, status, columns, staffName,
      scene, fmtNumber, fmtDateTime, back: () => router.push('/groups') };
  },
  template: `
  <div>
    <page-header :title="detail.group ? (detail.group.name || '未命名群聊') : '客户群详情'" subtitle="群成员与入群来源">
      <template #extra><a-button @click="back">返回客户群</a-button></template>
    </page-header>
    <load-error v-if="detail.error" :error="detail.error" @retry="load"></load-error>
    <a-spin v-else :spinning="detail.loading">
      <template v-if="detail.group">
        <a-card size="small" class="section">
          <a-descriptions :column="3" size="small">
            <a-descriptions-item label="群主">{{ staffName(detail.group.owner) }}</a-descriptions-item>
            <a-descriptions-item label="状态"><a-tag :color="status.color">{{ status.label }}</a-tag></a-descriptions-item>
            <a-descriptions-item label="创建时间">{{ fmtDateTime(detail.group.createdAt) }}</a-descriptions-item>
            <a-descriptions-item label="员工">{{ fmtNumber(counts.staff) }} 人</a-descriptions-item>
            <a-descriptions-item label="客户"><span data-test="group-customers">{{ fmtNumber(counts.customers) }}</span> 人</a-descriptions-item>
            <a-descriptions-item v-if="detail.group.dismissedAt" label="解散时间">{{ fmtDateTime(detail.group.dismissedAt) }}</a-descriptions-item>
            <a-descriptions-item label="群公告" :span="3">{{ detail.group.notice || '（无）' }}</a-descriptions-item>
          </a-descriptions>
        </a-card>
        <div class="filters">
          <a-radio-group v-model:value="memberFilter" size="small" button-style="solid">
            <a-radio-button value="all">全部</a-radio-button>
            <a-radio-button value="staff">企业成员</a-radio-button>
            <a-radio-button value="customer">外部联系人</a-radio-button>
          </a-radio-group>
          <a-input-search v-model:value="keyword" placeholder="搜索成员名称" allow-clear style="width: 220px"></a-input-search>
          <span class="muted">包含已退群</span>
          <a-switch v-model:checked="includeLeft" size="small" @change="load"></a-switch>
        </div>
        <a-table :columns="columns" :data-source="members" row-key="memberId" size="middle" data-test="group-members"
            :pagination="{ pageSize: 50, showTotal: (t) => '共 ' + t + ' 人' }">
          <template #emptyText><a-empty description="没有符合条件的成员"></a-empty></template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'">
              <span class="name-cell">
                <name-avatar :name="record.name" :size="24"></name-avatar>
                <router-link v-if="record.type === 2" :to="'/customers/' + encodeURIComponent(record.memberId)">{{ record.name || record.memberId }}</router-link>
                <span v-else>{{ record.name || staffName(record.memberId) }}</span>
                <a-tag v-if="record.memberId === detail.group.owner" color="gold">群主</a-tag>
                <a-tag v-else-if="record.admin" color="blue">管理员</a-tag>
              </span>
              <div v-if="record.groupNickname" class="muted" style="font-size: 12px">群昵称：{{ record.groupNickname }}</div>
            </template>
            <template v-else-if="column.key === 'type'">
              <a-tag :color="record.type === 1 ? 'green' : 'orange'">{{ record.type === 1 ? '企业成员' : '外部联系人' }}</a-tag>
            </template>
            <template v-else-if="column.key === 'joinTime'"><date-time :value="record.joinTime"></date-time></template>
            <template v-else-if="column.key === 'joinScene'">{{ scene(record.joinScene) }}</template>
            <template v-else-if="column.key === 'invitor'">{{ record.invitor ? staffName(record.invitor) : '—' }}</template>
            <template v-else-if="column.key === 'leftAt'">
              <span v-if="record.leftAt"><date-time :value="record.leftAt"></date-time></span>
              <span v-else class="muted">在群</span>
            </template>
          </template>
        </a-table>
      </template>
    </a-spin>
  </div>`,
};
