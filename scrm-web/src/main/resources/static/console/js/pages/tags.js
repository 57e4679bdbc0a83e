// 标签库: the corp tag library by group, kept in step with WeCom both ways (docs/rules.md "Tags, two ways").
// Create / rename / reorder go to WeCom first (POST /tags, PATCH /tags/{id}, PATCH /tag-groups/{id}); deleting is
// for admins (DELETE …, cannot be undone). Tags named by a rule's actions are marked 规则管理.
import { corpApi, session, can } from '../session.js';
import { showError, fieldErrors, refreshTags } from '../components/common.js';
import { fmtNumber } from '../format.js';

const { ref, reactive, computed, onMounted, watch } = Vue;

export default {
  name: 'TagsPage',
  setup() {
    const groups = ref([]);
    const loading = ref(false);
    const error = ref(null);
    const rules = ref([]);
    const pushes = ref(null);
    const keyword = ref('');

    const load = async () => {
      loading.value = true;
      error.value = null;
      try {
        refreshTags();
        groups.value = await corpApi.get('/tags');
      } catch (e) {
        error.value = e;
      } finally {
        loading.value = false;
      }
      try {
        rules.value = await corpApi.get('/rules');
      } catch (e) {
        rules.value = [];
      }
      if (can.corpWide()) {
        try {
          pushes.value = await corpApi.get('/tag-pushes');
        } catch (e) {
          pushes.value = null;
        }
      }
    };
    onMounted(load);
    watch(() => session.corp, load);

    /** tag id → names of the rules whose actions add or remove it. */
    const ruleManaged = computed(() => {
      const out = {};
      for (const r of rules.value) {
        for (const a of r.actions || []) {
          for (const t of a.tags || []) {
            (out[t] = out[t] || []).push(`${r.name}（${a.type === 'addTags' ? '添加' : '移除'}${r.enabled ? '' : '，已停用'}）`);
          }
        }
      }
      return out;
    });

    const shown = computed(() => {
      const k = keyword.value.trim().toLowerCase();
      if (!k) {
        return groups.value;
      }
      return groups.value.map((g) => g.name.toLowerCase().includes(k) ? g
        : { ...g, tags: g.tags.filter((t) => t.name.toLowerCase().includes(k)) }).filter((g) => g.tags.length);
    });
    const tagCount = computed(() => groups.value.reduce((n, g) => n + g.tags.length, 0));
    const pending = computed(() => {
      const c = (pushes.value && pushes.value.counts) || {};
      return Object.entries(c).filter(([k]) => k !== 'FAILED' && k !== 'DONE' && k !== 'SENT')
        .reduce((n, [, v]) => n + Number(v || 0), 0);
    });
    const failed = computed(() => Number(((pushes.value && pushes.value.counts) || {}).FAILED || 0));

    // ---------------------------------------------------------------- create tags (in a group, or a new group)
    const create = reactive({ open: false, busy: false, mode: 'existing', groupId: undefined, groupName: '',
      names: [], err: {} });
    const openCreate = (group) => {
      Object.assign(create, { open: true, busy: false, mode: group ? 'existing' : 'new',
        groupId: group ? group.groupId : undefined, groupName: '', names: [], err: {} });
    };
    const submitCreate = async () => {
      create.err = {};
      const names = create.names.map((n) => String(n).trim()).filter(Boolean);
      if (create.mode === 'existing' && !create.groupId) {
        create.err.groupId = '请选择标签组';
      }
      if (create.mode === 'new' && !create.groupName.trim()) {
        create.err.groupName = '请输入标签组名称';
      }
      if (!names.length) {
        create.err.tags = '请至少输入一个标签名称（输入后按回车）';
      } else if (names.some((n) => n.length > 30)) {
        create.err.tags = '标签名称不能超过 30 个字符';
      }
      if (Object.keys(create.err).length) {
        return;
      }
      create.busy = true;
      try {
        const body = { tags: names.map((name) => ({ name })) };
        if (create.mode === 'existing') {
          body.groupId = create.groupId;
        } else {
          body.groupName = create.groupName.trim();
        }
        await corpApi.post('/tags', body);
        antd.message.success(`已创建 ${names.length} 个标签，并已同步到企业微信`);
        create.open = false;
        await load();
      } catch (e) {
        const f = fieldErrors(e);
        create.err = { groupId: f.groupId, groupName: f.groupName,
          tags: Object.entries(f).filter(([k]) => k.startsWith('tags')).map(([, v]) => v)[0] };
        if (!Object.values(create.err).some(Boolean)) {
          create.err.tags = e.detail || e.message;
        }
      } finally {
        create.busy = false;
      }
    };

    // ---------------------------------------------------------------- rename / reorder a tag or a group
    const edit = reactive({ open: false, busy: false, kind: 'tag', id: null, name: '', order: null, err: {} });
    const openEdit = (kind, item) => {
      Object.assign(edit, { open: true, busy: false, kind, id: kind === 'tag' ? item.tagId : item.groupId,
        name: item.name, order: item.order, err: {} });
    };
    const submitEdit = async () => {
      edit.err = {};
      if (!edit.name || !edit.name.trim()) {
        edit.err.name = '名称不能为空';
        return;
      }
      edit.busy = true;
      try {
        const body = { name: edit.name.trim() };
        if (edit.order !== null && edit.order !== undefined && edit.order !== '') {
          body.order = edit.order;
        }
        await corpApi.patch(edit.kind === 'tag' ? `/tags/${encodeURIComponent(edit.id)}`
          : `/tag-groups/${encodeURIComponent(edit.id)}`, body);
        antd.message.success('已保存，并已同步到企业微信');
        edit.open = false;
        await load();
      } catch (e) {
        const f = fieldErrors(e);
        edit.err = { name: f.name || (f.order ? '' : e.detail), order: f.order };
      } finally {
        edit.busy = false;
      }
    };

    // ---------------------------------------------------------------- delete (admin)
    const confirmDelete = (kind, item) => {
      const managed = kind === 'tag' ? ruleManaged.value[item.tagId] : null;
      antd.Modal.confirm({
        title: kind === 'tag' ? `删除标签“${item.name}”？` : `删除标签组“${item.name}”及其 ${item.tags.length} 个标签？`,
        content: '将同时在企业微信中删除，所有客户身上的' + (kind === 'tag' ? '该标签' : '这些标签')
          + '会一并消失，且无法撤销。' + (managed ? `该标签被规则使用：${managed.join('、')}。` : ''),
        okText: '确认删除',
        okType: 'danger',
        cancelText: '取消',
        onOk: async () => {
          try {
            await corpApi.del(kind === 'tag' ? `/tags/${encodeURIComponent(item.tagId)}`
              : `/tag-groups/${encodeURIComponent(item.groupId)}`);
            antd.message.success('已删除（企业微信中同步删除）');
            await load();
          } catch (e) {
            showError(e);
          }
        },
      });
    };

    const groupOptions = computed(() => groups.value.map((g) => ({ value: g.groupId, label: g.name })));
    return { groups, shown, loading, error, load, keyword, ruleManaged, tagCount, pushes, pending, failed, can,
      create, openCreate, submitCreate, edit, openEdit, submitEdit, confirmDelete, groupOptions, fmtNumber };
  },
  template: `
    <div>
      <page-header title="标签库" subtitle="与企业微信双向同步：此处的新建、改名、排序和删除先写入企业微信；企业微信后台或客户端里的修改也会自动同步到这里">
        <template #extra>
          <a-button data-test="tags-refresh" :loading="loading" @click="load">刷新</a-button>
          <a-button v-if="can.operate()" data-test="tags-new-group" type="primary" @click="openCreate(null)">＋ 新建标签组</a-button>
        </template>
      </page-header>

      <load-error :error="error" @retry="load"></load-error>
      <template v-if="!error">
        <div class="filters">
          <a-input-search v-model:value="keyword" placeholder="搜索标签或标签组" allow-clear style="width: 220px"></a-input-search>
          <span class="muted">共 {{ fmtNumber(groups.length) }} 个标签组、{{ fmtNumber(tagCount) }} 个标签</span>
          <template v-if="pushes">
            <a-divider type="vertical"></a-divider>
            <span class="muted">待推送到企业微信：{{ fmtNumber(pending) }}</span>
            <a-tag v-if="failed" color="red">推送失败 {{ fmtNumber(failed) }}（见“回调与同步”）</a-tag>
          </template>
          <a-divider type="vertical"></a-divider>
          <a-tag color="purple">规则管理</a-tag><span class="muted">表示该标签由自动标签规则添加或移除</span>
        </div>
        <a-spin :spinning="loading">
          <a-empty v-if="!loading && !shown.length" :description="keyword ? '没有匹配的标签' : '还没有企业标签：点击“新建标签组”创建第一个'"></a-empty>
          <div class="card-grid" style="grid-template-columns: repeat(auto-fill, minmax(320px, 1fr))">
            <a-card v-for="g in shown" :key="g.groupId" size="small" data-test="tag-group" :data-group="g.name">
              <template #title>
                <span>{{ g.name }}</span>
                <span class="muted" style="font-weight: normal; font-size: 12px; margin-left: 8px">{{ g.tags.length }} 个标签 · 排序 {{ g.order }}</span>
              </template>
              <template #extra v-if="can.operate()">
                <a-space :size="2">
                  <a-button type="link" size="small" data-test="tag-add" @click="openCreate(g)">添加标签</a-button>
                  <a-button type="link" size="small" data-test="group-edit" @click="openEdit('group', g)">编辑</a-button>
                  <a-button v-if="can.admin()" type="link" danger size="small" data-test="group-delete"
                      @click="confirmDelete('group', g)">删除</a-button>
                </a-space>
              </template>
              <div style="display: flex; flex-wrap: wrap; gap: 6px">
                <span v-for="t in g.tags" :key="t.tagId" data-test="tag-item" :data-tag="t.name" style="display: inline-flex; align-items: center">
                  <a-dropdown v-if="can.operate()" :trigger="['click']">
                    <a-tag :color="ruleManaged[t.tagId] ? 'purple' : 'blue'" style="cursor: pointer; margin: 0">
                      {{ t.name }}<span v-if="ruleManaged[t.tagId]" style="margin-left: 4px; font-size: 11px">· 规则</span> ▾
                    </a-tag>
                    <template #overlay>
                      <a-menu>
                        <a-menu-item key="edit" @click="openEdit('tag', t)">改名 / 排序</a-menu-item>
                        <a-menu-item v-if="can.admin()" key="delete" danger @click="confirmDelete('tag', t)">删除（企业微信同步删除）</a-menu-item>
                        <a-menu-item v-if="ruleManaged[t.tagId]" key="rules" disabled>规则：{{ ruleManaged[t.tagId].join('、') }}</a-menu-item>
                      </a-menu>
                    </template>
                  </a-dropdown>
                  <a-tooltip v-else :title="ruleManaged[t.tagId] ? '规则管理：' + ruleManaged[t.tagId].join('、') : ''">
                    <a-tag :color="ruleManaged[t.tagId] ? 'purple' : 'blue'" style="margin: 0">{{ t.name }}</a-tag>
                  </a-tooltip>
                </span>
                <span v-if="!g.tags.length" class="muted">（空）</span>
              </div>
            </a-card>
          </div>
        </a-spin>
      </template>

      <a-modal v-model:open="create.open" :title="create.mode === 'new' ? '新建标签组' : '添加标签'" ok-text="创建并同步到企业微信"
          cancel-text="取消" :confirm-loading="create.busy" @ok="submitCreate">
        <a-form layout="vertical">
          <a-form-item label="标签组">
            <a-radio-group v-model:value="create.mode" style="margin-bottom: 8px">
              <a-radio-button value="existing">已有标签组</a-radio-button>
              <a-radio-button value="new">新建标签组</a-radio-button>
            </a-radio-group>
          </a-form-item>
          <a-form-item v-if="create.mode === 'existing'" label="选择标签组" :validate-status="create.err.groupId ? 'error' : ''" :help="create.err.groupId">
            <a-select v-model:value="create.groupId" :options="groupOptions" show-search option-filter-prop="label" placeholder="选择标签组"></a-select>
          </a-form-item>
          <a-form-item v-else label="标签组名称" :validate-status="create.err.groupName ? 'error' : ''" :help="create.err.groupName">
            <a-input v-model:value="create.groupName" data-test="tag-group-name" :maxlength="30" placeholder="如：会员等级"></a-input>
          </a-form-item>
          <a-form-item label="标签名称" :validate-status="create.err.tags ? 'error' : ''" :help="create.err.tags || '每输入一个名称按回车；每个不超过 30 个字符，企业微信中同组不可重名'">
            <a-select v-model:value="create.names" data-test="tag-names" mode="tags" :open="false" placeholder="如：白金会员（回车）"></a-select>
          </a-form-item>
        </a-form>
      </a-modal>

      <a-modal v-model:open="edit.open" :title="edit.kind === 'tag' ? '编辑标签' : '编辑标签组'" ok-text="保存并同步到企业微信"
          cancel-text="取消" :confirm-loading="edit.busy" @ok="submitEdit">
        <a-form layout="vertical">
          <a-form-item label="名称" :validate-status="edit.err.name ? 'error' : ''" :help="edit.err.name">
            <a-input v-model:value="edit.name" data-test="tag-edit-name" :maxlength="30"></a-input>
          </a-form-item>
          <a-form-item label="排序值" :validate-status="edit.err.order ? 'error' : ''" :help="edit.err.order || '数值越大越靠前（与企业微信一致）'">
            <a-input-number v-model:value="edit.order" :min="0" :precision="0" style="width: 160px"></a-input-number>
          </a-form-item>
        </a-form>
      </a-modal>
    </div>`,
};
