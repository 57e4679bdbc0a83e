// 员工与继承: the staff (a store manager's: their stores'), 在职继承 / 离职继承 of customers (pick ≤ 100 customers of
// the handover member, a takeover member, WeCom's answer per customer, the transfers' statuses), the customers of
// resigned members waiting for 离职继承 (not for store managers), and 客户群继承.
import { corpApi, can } from '../session.js';
import { showError, fieldErrors, usePagedList } from '../components/common.js';
import { fmtNumber, fmtDateTime } from '../format.js';
import { useNames, STAFF_STATUS, TRANSFER_STATUS } from '../components/acq-common.js';

const { ref, reactive, computed, onMounted, watch } = Vue;

const MAX_PER_TRANSFER = 100;

export default {
  name: 'StaffPage',
  setup() {
    const { names, load: loadNames, staffName, deptName } = useNames();
    const canOperate = can.operate();
    const corpWide = can.corpWide();
    const tab = ref('staff');

    // ---- 员工
    const staffFilter = reactive({ department: undefined });
    const staff = usePagedList((page, size) => corpApi.get('/staff', { department: staffFilter.department, page, size }));
    const staffColumns = [
      { title: '员工', key: 'name' },
      { title: '所属部门 / 门店', key: 'departments' },
      { title: '职务', key: 'position', width: 140 },
      { title: '客户联系', key: 'contact', width: 110 },
      { title: '状态', key: 'status', width: 120 },
    ];
    const statusOf = (s) => (s.deletedAt ? { label: '已离职', color: 'default' }
      : (STAFF_STATUS[s.status] || { label: '未知', color: 'default' }));

    // ---- 在职继承 / 离职继承: the form
    const tf = reactive({ kind: 'ONJOB', handover: undefined, takeover: undefined, message: '', selected: [],
      saving: false, error: '', result: null });
    const tErr = reactive({});
    const candidates = reactive({ items: [], total: 0, page: 1, loading: false, error: null });
    const customerNames = reactive({}); // externalUserId → name, from the customers listed in the form
    const loadCandidates = async () => {
      candidates.error = null;
      if (!tf.handover) {
        candidates.items = [];
        candidates.total = 0;
        return;
      }
      candidates.loading = true;
      try {
        if (tf.kind === 'ONJOB') {
          const p = await corpApi.get('/customers', { userid: tf.handover, page: candidates.page, size: 50 });
          candidates.items = p.items.map((c) => ({ externalUserId: c.externalUserId, name: c.name,
            firstAddedAt: c.firstAddedAt }));
          p.items.forEach((c) => { customerNames[c.externalUserId] = c.name; });
          candidates.total = p.total;
        } else {
          const mine = unassigned.items.filter((u) => u.handoverUserid === tf.handover);
          candidates.items = mine.map((u) => ({ externalUserId: u.externalUserId, name: null,
            dimissionTime: u.dimissionTime }));
          candidates.total = mine.length;
        }
      } catch (e) {
        candidates.error = e;
        candidates.items = [];
      } finally {
        candidates.loading = false;
      }
    };
    watch(() => [tf.kind, tf.handover], () => {
      if (tf.kind === 'RESIGNED' && tf.handover && !unassigned.items.some((u) => u.handoverUserid === tf.handover)) {
        tf.handover = undefined;
      }
      tf.selected = [];
      candidates.page = 1;
      loadCandidates();
    });
    const candidateColumns = computed(() => (tf.kind === 'ONJOB'
      ? [{ title: '客户', key: 'name' }, { title: '首次添加', key: 'firstAddedAt', width: 170 }]
      : [{ title: '客户', key: 'name' }, { title: '员工离职时间', key: 'dimissionTime', width: 170 }]));
    const rowSelection = computed(() => ({
      selectedRowKeys: tf.selected,
      preserveSelectedRowKeys: true,
      onChange: (keys) => {
        if (keys.length > MAX_PER_TRANSFER) {
          antd.message.warning(`一次最多转接 ${MAX_PER_TRANSFER} 位客户`);
          keys = keys.slice(0, MAX_PER_TRANSFER);
        }
        tf.selected = keys;
      },
    }));
    const candidatePagination = computed(() => (tf.kind === 'ONJOB'
      ? { current: candidates.page, pageSize: 50, total: candidates.total, showSizeChanger: false,
        showTotal: (t) => `该员工共 ${t} 位客户` }
      : { pageSize: 50, showTotal: (t) => `待分配 ${t} 位客户` }));
    const onCandidatePage = (p) => {
      if (tf.kind === 'ONJOB') {
        candidates.page = p.current;
        loadCandidates();
      }
    };
    const resignedHandovers = computed(() => {
      const seen = new Map();
      unassigned.items.forEach((u) => seen.set(u.handoverUserid, (seen.get(u.handoverUserid) || 0) + 1));
      return [...seen.entries()].map(([id, n]) => ({ value: id, label: `${staffName(id)}（待分配 ${n} 位）` }));
    });
    const submitTransfer = async () => {
      Object.keys(tErr).forEach((k) => delete tErr[k]);
      tf.error = '';
      if (!tf.handover) {
        tErr.handoverUserid = tf.kind === 'ONJOB' ? '请选择原跟进员工' : '请选择离职员工';
      }
      if (!tf.takeover) {
        tErr.takeoverUserid = '请选择接替员工';
      } else if (tf.takeover === tf.handover) {
        tErr.takeoverUserid = '接替员工不能是原跟进员工';
      }
      if (tf.selected.length === 0) {
        tErr.externalUserIds = '请至少勾选一位客户';
      } else if (tf.selected.length > MAX_PER_TRANSFER) {
        tErr.externalUserIds = `一次最多转接 ${MAX_PER_TRANSFER} 位客户`;
      }
      if (tf.message.length > 200) {
        tErr.message = '转接提示语最长 200 个字符';
      }
      if (Object.keys(tErr).length) {
        return;
      }
      tf.saving = true;
      try {
        const body = { kind: tf.kind, handoverUserid: tf.handover, takeoverUserid: tf.takeover,
          externalUserIds: tf.selected };
        if (tf.kind === 'ONJOB' && tf.message.trim()) {
          body.message = tf.message.trim();
        }
        tf.result = await corpApi.post('/transfers', body);
        antd.message.success(`已提交：${tf.result.started} 位客户等待接替，${tf.result.rejected} 位未受理`);
        tf.selected = [];
        loadTransfers();
        if (tf.kind === 'RESIGNED') {
          loadUnassigned();
        }
      } catch (e) {
        Object.assign(tErr, fieldErrors(e));
        tf.error = e && e.isApiError ? e.detail : String(e);
      } finally {
        tf.saving = false;
      }
    };

    // ---- transfers
    const transfers = reactive({ items: [], loading: false, error: null, status: undefined, refreshing: false });
    const loadTransfers = async () => {
      transfers.loading = true;
      transfers.error = null;
      try {
        transfers.items = await corpApi.get('/transfers', { status: transfers.status, limit: 500 });
      } catch (e) {
        transfers.error = e;
        transfers.items = [];
      } finally {
        transfers.loading = false;
      }
    };
    const refreshTransfers = async () => {
      transfers.refreshing = true;
      try {
        const r = await corpApi.post('/transfers/refresh');
        antd.message.success(`已向企业微信查询接替结果：${r.finalised} 条有了结果`);
        loadTransfers();
      } catch (e) {
        showError(e);
      } finally {
        transfers.refreshing = false;
      }
    };
    const transferColumns = [
      { title: '客户', key: 'customer' },
      { title: '类型', key: 'kind', width: 100 },
      { title: '原跟进员工 → 接替员工', key: 'who', width: 220 },
      { title: '状态', key: 'status', width: 190 },
      { title: '提交时间', key: 'requestedAt', width: 170 },
      { title: '接替时间', key: 'takeoverTime', width: 170 },
    ];
    const statusOptions = Object.entries(TRANSFER_STATUS).map(([value, s]) => ({ value, label: s.label }));
    const transferStatus = (s) => TRANSFER_STATUS[s] || { label: s, color: 'default' };

    // ---- 离职待分配 (not for store managers: GET /unassigned is corp-wide)
    const unassigned = reactive({ items: [], loading: false, error: null, nextCursor: '', last: true, loaded: false });
    const loadUnassigned = async (more = false) => {
      if (!corpWide) {
        return;
      }
      unassigned.loading = true;
      unassigned.error = null;
      try {
        const p = await corpApi.get('/unassigned', { cursor: more ? unassigned.nextCursor : undefined, pageSize: 1000 });
        unassigned.items = more ? unassigned.items.concat(p.items) : p.items;
        unassigned.nextCursor = p.nextCursor;
        unassigned.last = p.last;
        unassigned.loaded = true;
      } catch (e) {
        unassigned.error = e;
      } finally {
        unassigned.loading = false;
      }
    };
    const unassignedColumns = [
      { title: '离职员工', key: 'handover', width: 200 },
      { title: '客户', key: 'customer' },
      { title: '离职时间', key: 'dimissionTime', width: 170 },
      { title: '操作', key: 'actions', width: 120 },
    ];
    const inheritFrom = (handover) => {
      tf.kind = 'RESIGNED';
      tf.handover = handover;
      tab.value = 'transfer';
    };

    // ---- 客户群继承
    const gt = reactive({ kind: 'ONJOB', owner: undefined, chatIds: [], newOwner: undefined, saving: false, error: '',
      result: null });
    const gErr = reactive({});
    const ownerGroups = reactive({ items: [], loading: false });
    const loadOwnerGroups = async () => {
      gt.chatIds = [];
      ownerGroups.items = [];
      if (!gt.owner) {
        return;
      }
      ownerGroups.loading = true;
      try {
        const p = await corpApi.get('/groups', { owner: gt.owner, page: 1, size: 200 });
        ownerGroups.items = p.items;
      } catch (e) {
        showError(e);
      } finally {
        ownerGroups.loading = false;
      }
    };
    const groupOptions = computed(() => ownerGroups.items.map((g) => ({ value: g.chatId,
      label: `${g.name || '未命名群聊'}（${g.memberCount} 人）` })));
    const groupName = (id) => {
      const g = ownerGroups.items.find((x) => x.chatId === id);
      return g ? (g.name || '未命名群聊') : id;
    };
    const submitGroups = async () => {
      Object.keys(gErr).forEach((k) => delete gErr[k]);
      gt.error = '';
      if (!gt.owner) {
        gErr.owner = '请选择原群主';
      }
      if (gt.chatIds.length === 0) {
        gErr.chatIds = '请至少选择一个客户群';
      } else if (gt.chatIds.length > 100) {
        gErr.chatIds = '一次最多 100 个客户群';
      }
      if (!gt.newOwner) {
        gErr.newOwner = '请选择新群主';
      } else if (gt.newOwner === gt.owner) {
        gErr.newOwner = '新群主不能是原群主';
      }
      if (Object.keys(gErr).length) {
        return;
      }
      gt.saving = true;
      try {
        gt.result = await corpApi.post('/group-transfers', { kind: gt.kind, chatIds: gt.chatIds, newOwner: gt.newOwner });
        antd.message.success(`已转交 ${gt.result.transferred} 个客户群`);
      } catch (e) {
        Object.assign(gErr, fieldErrors(e));
        gt.error = e && e.isApiError ? e.detail : String(e);
      } finally {
        gt.saving = false;
      }
    };

    onMounted(() => {
      loadNames();
      staff.reload();
      loadTransfers();
      loadUnassigned();
    });

    return {
      names, staffName, deptName, canOperate, corpWide, tab, staffFilter, staff, staffColumns, statusOf,
      tf, tErr, candidates, loadCandidates, candidateColumns, rowSelection, candidatePagination, onCandidatePage, resignedHandovers,
      submitTransfer, transfers, loadTransfers, refreshTransfers, transferColumns, statusOptions, transferStatus,
      customerNames, unassigned, loadUnassigned, unassignedColumns, inheritFrom, gt, gErr, ownerGroups, loadOwnerGroups,
      groupOptions, groupName, submitGroups, fmtNumber, fmtDateTime, MAX_PER_TRANSFER,
    };
  },
  template: `
  <div>
    <page-header title="员工与继承" :subtitle="corpWide ? '企业微信通讯录中的员工；在职 / 离职员工的客户和客户群转交给其他员工' : '本门店的员工，以及本门店员工客户的转接记录'"></page-header>
    <a-tabs v-model:activeKey="tab">
      <a-tab-pane key="staff" tab="员工">
        <div class="filters">
          <div data-test="staff-store"><store-select v-model:value="staffFilter.department" placeholder="全部门店 / 部门" @change="staff.reload()"></store-select></div>
          <a-button @click="staff.reload(false)">刷新</a-button>
          <span class="muted" data-test="staff-total">共 {{ fmtNumber(staff.state.total) }} 名员工</span>
        </div>
        <load-error v-if="staff.state.error" :error="staff.state.error" @retry="staff.reload(false)"></load-error>
        <a-table v-else :columns="staffColumns" :data-source="staff.state.items" row-key="userid" :loading="staff.state.loading"
            :pagination="staff.pagination.value" size="middle" data-test="staff-table" @change="staff.onTableChange">
          <template #emptyText><a-empty description="没有员工：请先在“回调与同步”中同步通讯录，或换一个门店"></a-empty></template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'">
              <span class="name-cell"><name-avatar :name="record.name" :size="26"></name-avatar>
                <span><div>{{ record.name }}</div><div class="muted" style="font-size: 12px">{{ record.userid }}</div></span></span>
            </template>
            <template v-else-if="column.key === 'departments'">
              <span v-if="!record.departments.length" class="muted">—</span>
              <a-tag v-for="d in record.departments.filter(x => names.depts[x])" :key="d" :color="d === record.mainDepartment ? 'green' : undefined">{{ deptName(d) }}</a-tag>
              <span v-if="names.loaded && record.departments.some(x => !names.depts[x])" class="muted">等 {{ record.departments.filter(x => !names.depts[x]).length }} 个其他部门</span>
            </template>
            <template v-else-if="column.key === 'position'">{{ record.position || '—' }}</template>
            <template v-else-if="column.key === 'contact'">
              <a-tag :color="record.contactEnabled ? 'green' : 'default'">{{ record.contactEnabled ? '已开通' : '未开通' }}</a-tag>
            </template>
            <template v-else-if="column.key === 'status'"><a-tag :color="statusOf(record).color">{{ statusOf(record).label }}</a-tag></template>
          </template>
        </a-table>
      </a-tab-pane>

      <a-tab-pane key="transfer" tab="在职继承 / 离职继承">
        <a-card v-if="canOperate" size="small" title="转接客户" class="section" data-test="transfer-form">
          <a-alert v-if="tf.error" type="error" :message="tf.error" show-icon style="margin-bottom: 12px"></a-alert>
          <a-form layout="vertical">
            <a-row :gutter="16">
              <a-col :span="6">
                <a-form-item label="继承类型">
                  <a-radio-group v-model:value="tf.kind" button-style="solid">
                    <a-radio-button value="ONJOB">在职继承</a-radio-button>
                    <a-radio-button value="RESIGNED" :disabled="!corpWide">离职继承</a-radio-button>
                  </a-radio-group>
                </a-form-item>
              </a-col>
              <a-col :span="9">
                <a-form-item :label="tf.kind === 'ONJOB' ? '原跟进员工' : '离职员工（有待分配客户）'" required
                    :validate-status="tErr.handoverUserid ? 'error' : ''" :help="tErr.handoverUserid">
                  <staff-select v-if="tf.kind === 'ONJOB'" v-model:value="tf.handover" placeholder="选择员工" style="width: 100%"></staff-select>
                  <a-select v-else v-model:value="tf.handover" :options="resignedHandovers" placeholder="选择离职员工"
                      :not-found-content="'没有待分配客户的离职员工'" style="width: 100%"></a-select>
                </a-form-item>
              </a-col>
              <a-col :span="9">
                <a-form-item label="接替员工" required :validate-status="tErr.takeoverUserid ? 'error' : ''" :help="tErr.takeoverUserid">
                  <staff-select v-model:value="tf.takeover" placeholder="选择接替员工" style="width: 100%"></staff-select>
                </a-form-item>
              </a-col>
            </a-row>
            <a-form-item :label="'选择客户（已选 ' + tf.selected.length + ' / ' + MAX_PER_TRANSFER + '）'" required
                :validate-status="tErr.externalUserIds ? 'error' : ''" :help="tErr.externalUserIds">
              <a-empty v-if="!tf.handover" :description="tf.kind === 'ONJOB' ? '先选择原跟进员工，再勾选要转接的客户' : '先选择离职员工，再勾选要分配的客户'"></a-empty>
              <template v-else>
                <load-error v-if="candidates.error" :error="candidates.error" @retry="loadCandidates"></load-error>
                <a-table v-else :columns="candidateColumns" :data-source="candidates.items" row-key="externalUserId" size="small"
                    :loading="candidates.loading" :row-selection="rowSelection" :pagination="candidatePagination"
                    :scroll="{ y: 300 }" data-test="transfer-candidates" @change="onCandidatePage">
                  <template #emptyText><a-empty description="该员工没有可转接的客户"></a-empty></template>
                  <template #bodyCell="{ column, record }">
                    <template v-if="column.key === 'name'">
                      <router-link :to="'/customers/' + encodeURIComponent(record.externalUserId)" target="_blank">{{ record.name || record.externalUserId }}</router-link>
                    </template>
                    <template v-else-if="column.key === 'firstAddedAt'"><date-time :value="record.firstAddedAt"></date-time></template>
                    <template v-else-if="column.key === 'dimissionTime'"><date-time :value="record.dimissionTime"></date-time></template>
                  </template>
                </a-table>
              </template>
            </a-form-item>
            <a-form-item v-if="tf.kind === 'ONJOB'" label="转接提示语（发给客户，可选）" :validate-status="tErr.message ? 'error' : ''"
                :help="tErr.message || '不填则使用企业微信的默认提示语'">
              <a-textarea v-model:value="tf.message" :maxlength="200" show-count :rows="2"
                  placeholder="例如：您好，您的服务顾问已更换为同门店的新顾问，后续将由他/她继续为您服务。"></a-textarea>
            </a-form-item>
            <a-button type="primary" :loading="tf.saving" data-test="transfer-submit" @click="submitTransfer">提交转接</a-button>
            <span class="muted" style="margin-left: 12px">客户 24 小时内未拒绝即自动接替；同一客户 90 天内只能转接一次。</span>
          </a-form>
          <div v-if="tf.result" style="margin-top: 12px">
            <a-alert :type="tf.result.rejected ? 'warning' : 'success'" show-icon
                :message="'本次提交：' + tf.result.started + ' 位客户等待接替，' + tf.result.rejected + ' 位未受理'">
              <template #description>
                <div v-for="c in tf.result.customers.filter(x => x.status === 'REJECTED')" :key="c.externalUserId">
                  {{ customerNames[c.externalUserId] || c.externalUserId }}：{{ c.reason || ('错误码 ' + c.errcode) }}
                </div>
              </template>
            </a-alert>
          </div>
        </a-card>

        <div class="filters">
          <b>转接记录</b>
          <a-select v-model:value="transfers.status" :options="statusOptions" allow-clear placeholder="全部状态" style="width: 200px" @change="loadTransfers"></a-select>
          <a-button @click="loadTransfers">刷新列表</a-button>
          <a-button v-if="canOperate" :loading="transfers.refreshing" @click="refreshTransfers">查询接替结果</a-button>
        </div>
        <load-error v-if="transfers.error" :error="transfers.error" @retry="loadTransfers"></load-error>
        <a-table v-else :columns="transferColumns" :data-source="transfers.items" row-key="id" size="middle"
            :loading="transfers.loading" :pagination="{ pageSize: 20, showTotal: (t) => '最近 ' + t + ' 条' }" data-test="transfer-table">
          <template #emptyText><a-empty description="还没有转接记录"></a-empty></template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'customer'">
              <router-link :to="'/customers/' + encodeURIComponent(record.externalUserId)">{{ customerNames[record.externalUserId] || record.externalUserId }}</router-link>
            </template>
            <template v-else-if="column.key === 'kind'">{{ record.resigned ? '离职继承' : '在职继承' }}</template>
            <template v-else-if="column.key === 'who'">{{ staffName(record.handover) }} → {{ staffName(record.takeover) }}</template>
            <template v-else-if="column.key === 'status'">
              <a-tag :color="transferStatus(record.status).color">{{ transferStatus(record.status).label }}</a-tag>
              <div v-if="record.reason" class="muted" style="font-size: 12px">{{ record.reason }}</div>
            </template>
            <template v-else-if="column.key === 'requestedAt'"><date-time :value="record.requestedAt"></date-time></template>
            <template v-else-if="column.key === 'takeoverTime'">
              <date-time v-if="record.takeoverTime" :value="record.takeoverTime"></date-time><span v-else class="muted">—</span>
            </template>
          </template>
        </a-table>
      </a-tab-pane>

      <a-tab-pane v-if="corpWide" key="unassigned" tab="离职待分配">
        <div class="filters">
          <span class="muted">企业微信中已离职员工、尚未分配给其他员工的客户</span>
          <a-button @click="loadUnassigned(false)">刷新</a-button>
        </div>
        <load-error v-if="unassigned.error" :error="unassigned.error" @retry="loadUnassigned(false)"></load-error>
        <template v-else>
          <a-table :columns="unassignedColumns" :data-source="unassigned.items" :row-key="(r) => r.handoverUserid + '/' + r.externalUserId"
              size="middle" :loading="unassigned.loading" :pagination="{ pageSize: 20, showTotal: (t) => '已加载 ' + t + ' 位客户' }">
            <template #emptyText><a-empty description="没有待分配的客户：离职员工的客户都已分配"></a-empty></template>
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'handover'">{{ staffName(record.handoverUserid) }}</template>
              <template v-else-if="column.key === 'customer'">
                <router-link :to="'/customers/' + encodeURIComponent(record.externalUserId)">{{ record.externalUserId }}</router-link>
              </template>
              <template v-else-if="column.key === 'dimissionTime'"><date-time :value="record.dimissionTime"></date-time></template>
              <template v-else-if="column.key === 'actions'">
                <a-button v-if="canOperate" type="link" size="small" @click="inheritFrom(record.handoverUserid)">分配客户</a-button>
              </template>
            </template>
          </a-table>
          <a-button v-if="!unassigned.last" :loading="unassigned.loading" style="margin-top: 8px" @click="loadUnassigned(true)">加载更多</a-button>
        </template>
      </a-tab-pane>

      <a-tab-pane key="groups" tab="客户群继承">
        <a-card v-if="canOperate" size="small" title="转交客户群" data-test="group-transfer-form">
          <a-alert v-if="gt.error" type="error" :message="gt.error" show-icon style="margin-bottom: 12px"></a-alert>
          <a-form layout="vertical">
            <a-row :gutter="16">
              <a-col :span="6">
                <a-form-item label="继承类型">
                  <a-radio-group v-model:value="gt.kind" button-style="solid">
                    <a-radio-button value="ONJOB">在职继承</a-radio-button>
                    <a-radio-button value="RESIGNED">离职继承</a-radio-button>
                  </a-radio-group>
                </a-form-item>
              </a-col>
              <a-col :span="9">
                <a-form-item label="原群主" required :validate-status="gErr.owner ? 'error' : ''" :help="gErr.owner">
                  <staff-select v-model:value="gt.owner" placeholder="选择原群主" style="width: 100%" @change="loadOwnerGroups"></staff-select>
                </a-form-item>
              </a-col>
              <a-col :span="9">
                <a-form-item label="新群主" required :validate-status="gErr.newOwner ? 'error' : ''" :help="gErr.newOwner">
                  <staff-select v-model:value="gt.newOwner" placeholder="选择新群主" style="width: 100%"></staff-select>
                </a-form-item>
              </a-col>
            </a-row>
            <a-form-item label="客户群（最多 100 个）" required :validate-status="gErr.chatIds ? 'error' : ''" :help="gErr.chatIds">
              <a-select v-model:value="gt.chatIds" mode="multiple" :options="groupOptions" :loading="ownerGroups.loading"
                  :placeholder="gt.owner ? '选择该群主的客户群' : '先选择原群主'" :disabled="!gt.owner" option-filter-prop="label" style="width: 100%"></a-select>
            </a-form-item>
            <a-button type="primary" :loading="gt.saving" @click="submitGroups">转交客户群</a-button>
            <span class="muted" style="margin-left: 12px">离职继承仅适用于群主已离职的群；同一客户群 90 天内只能继承一次。</span>
          </a-form>
          <a-table v-if="gt.result" style="margin-top: 12px" size="small" :data-source="gt.result.chats" row-key="chatId" :pagination="false"
              :columns="[{ title: '客户群', key: 'chat' }, { title: '结果', key: 'result' }]">
            <template #bodyCell="{ column, record }">
              <template v-if="column.key === 'chat'">{{ groupName(record.chatId) }}</template>
              <template v-else>
                <a-tag v-if="record.transferred" color="green">已转交</a-tag>
                <span v-else><a-tag color="red">未转交</a-tag>{{ record.reason || ('错误码 ' + record.errcode) }}</span>
              </template>
            </template>
          </a-table>
        </a-card>
        <a-empty v-else description="客户群继承由运营人员操作；如需转交，请联系运营"></a-empty>
      </a-tab-pane>
    </a-tabs>
  </div>`,
};
