// 群活码: join ways (up to 5 groups behind one QR code, rooms created automatically when they are full) with their
// joins, create / edit / delete in a drawer; and the group welcome templates (入群欢迎语) in a second tab.
import { corpApi, can } from '../session.js';
import { showError, fieldErrors, useDrawerForm } from '../components/common.js';
import { fmtNumber, fmtDateTime } from '../format.js';
import { useNames, sameOriginUrl, utf8Bytes } from '../components/acq-common.js';

const { ref, reactive, computed, onMounted, nextTick } = Vue;

const STATE_PATTERN = /^[A-Za-z0-9_.:-]{1,30}$/;

function emptyWay() {
  return { name: '', state: 'jw_' + Date.now().toString(36), scene: 2, remark: '', chatIds: [], autoCreateRoom: true,
    roomBaseName: '', roomBaseId: 1, storeDeptId: undefined, channel: '' };
}

function emptyTemplate() {
  return { name: '', text: '', notifyOwners: true, linkOn: false, linkTitle: '', linkUrl: '', linkDesc: '' };
}

export default {
  name: 'JoinWaysPage',
  setup() {
    const { load: loadNames, staffName, deptName } = useNames();
    const canOperate = can.operate();
    const tab = ref('ways');

    // ---- groups to pick from (the corp's live groups; a store manager's own)
    const groups = reactive({ items: [], byId: {} });
    const loadGroups = async () => {
      try {
        const all = [];
        for (let page = 1; page <= 5; page++) {
          const p = await corpApi.get('/groups', { page, size: 200 });
          all.push(...p.items);
          if (all.length >= p.total) {
            break;
          }
        }
        groups.items = all;
        groups.byId = Object.fromEntries(all.map((g) => [g.chatId, g]));
      } catch (e) {
        showError(e);
      }
    };
    const groupOptions = computed(() => groups.items.map((g) => ({ value: g.chatId,
      label: `${g.name || '未命名群聊'}（${staffName(g.owner)}，${g.memberCount} 人）` })));
    const groupName = (id) => (groups.byId[id] ? (groups.byId[id].name || '未命名群聊') : id);

    // ---- join ways
    const ways = reactive({ items: [], loading: false, error: null });
    const includeDeleted = ref(false);
    const loadWays = async () => {
      ways.loading = true;
      ways.error = null;
      try {
        ways.items = await corpApi.get('/join-ways', { includeDeleted: includeDeleted.value });
      } catch (e) {
        ways.error = e;
        ways.items = [];
      } finally {
        ways.loading = false;
      }
    };
    const wayColumns = [
      { title: '群活码', key: 'name', width: 200 },
      { title: '客户群', key: 'chats' },
      { title: '门店 / 渠道', key: 'store', width: 160 },
      { title: '群满自动建群', key: 'auto', width: 150 },
      { title: '在群 / 累计入群', key: 'joins', width: 130, align: 'right' },
      { title: '操作', key: 'actions', width: 180 },
    ];

    const { drawer, form, err, setErr, openCreate, openEdit: openWith } = useDrawerForm(emptyWay);
    const openEdit = (w) => openWith(w, { name: w.name, state: w.state, scene: w.scene, remark: w.remark || '',
        chatIds: w.chatIds.slice(), autoCreateRoom: w.autoCreateRoom, roomBaseName: w.roomBaseName || '',
        roomBaseId: w.roomBaseId || 1, storeDeptId: w.storeDeptId === null ? undefined : w.storeDeptId,
        channel: w.channel || '' });
    const validate = () => {
      const e = {};
      if (!form.name.trim()) {
        e.name = '请填写群活码名称';
      }
      if (!drawer.editing && !STATE_PATTERN.test(form.state.trim())) {
        e.state = '渠道标识必填，最长 30 个字符，只能包含字母、数字和 _ - . :';
      }
      if (form.chatIds.length === 0) {
        e.chatIds = '至少选择一个客户群';
      } else if (form.chatIds.length > 5) {
        e.chatIds = '一个群活码最多 5 个客户群（企业微信限制）';
      }
      if (form.autoCreateRoom && !form.roomBaseName.trim()) {
        e.roomBaseName = '自动建群时需要填写新群名称前缀';
      }
      setErr(e);
      return Object.keys(e).length === 0;
    };
    const save = async () => {
      drawer.error = '';
      if (!validate()) {
        return;
      }
      const body = { name: form.name.trim(), remark: form.remark.trim(), chatIds: form.chatIds,
        autoCreateRoom: form.autoCreateRoom, roomBaseName: form.roomBaseName.trim(),
        roomBaseId: form.autoCreateRoom ? form.roomBaseId : null, storeDeptId: form.storeDeptId || null,
        channel: form.channel.trim() };
      drawer.saving = true;
      try {
        if (drawer.editing) {
          await corpApi.patch(`/join-ways/${drawer.editing.id}`, body);
          antd.message.success('群活码已保存');
        } else {
          await corpApi.post('/join-ways', { ...body, state: form.state.trim(), scene: form.scene });
          antd.message.success('群活码已创建');
        }
        drawer.open = false;
        loadWays();
      } catch (e) {
        setErr(fieldErrors(e));
        drawer.error = e && e.isApiError ? e.detail : String(e);
      } finally {
        drawer.saving = false;
      }
    };
    const removeWay = async (w) => {
      try {
        const r = await corpApi.del(`/join-ways/${w.id}`);
        antd.message.success(r && r.message ? r.message : '群活码已删除');
        loadWays();
      } catch (e) {
        showError(e);
      }
    };
    const refreshing = ref(false);
    const refreshChats = async () => {
      refreshing.value = true;
      try {
        const r = await corpApi.post('/join-ways/refresh');
        antd.message.success(`已从企业微信同步群活码的客户群（${r.changed} 个群活码有变化）`);
        loadWays();
      } catch (e) {
        showError(e);
      } finally {
        refreshing.value = false;
      }
    };
    const qr = reactive({ open: false, way: null });
    const openQr = (w) => {
      qr.way = w;
      qr.open = true;
    };

    // ---- group welcome templates
    const templates = reactive({ items: [], loading: false, error: null });
    const loadTemplates = async () => {
      templates.loading = true;
      templates.error = null;
      try {
        templates.items = await corpApi.get('/group-welcome-templates');
      } catch (e) {
        templates.error = e;
      } finally {
        templates.loading = false;
      }
    };
    const templateColumns = [
      { title: '名称', key: 'name', width: 180 },
      { title: '欢迎语', key: 'text' },
      { title: '附件', key: 'attachment', width: 160 },
      { title: '通知群主', key: 'notify', width: 100 },
      { title: '更新时间', key: 'updatedAt', width: 170 },
      { title: '操作', key: 'actions', width: 130 },
    ];
    const attachmentOf = (c) => {
      if (!c) {
        return '—';
      }
      if (c.link) {
        return '链接：' + (c.link.title || c.link.url);
      }
      if (c.image) {
        return '图片';
      }
      if (c.miniprogram) {
        return '小程序：' + (c.miniprogram.title || '');
      }
      if (c.file) {
        return '文件';
      }
      if (c.video) {
        return '视频';
      }
      return '—';
    };
    const tModal = reactive({ open: false, editing: null, saving: false, error: '' });
    const tForm = reactive(emptyTemplate());
    const tErr = reactive({});
    const tArea = ref(null);
    const openTemplate = (t) => {
      Object.assign(tForm, emptyTemplate());
      if (t) {
        const c = t.content || {};
        Object.assign(tForm, { name: t.name, text: c.text || '', notifyOwners: t.notifyOwners, linkOn: !!c.link,
          linkTitle: (c.link && c.link.title) || '', linkUrl: (c.link && c.link.url) || '',
          linkDesc: (c.link && c.link.desc) || '' });
      }
      Object.keys(tErr).forEach((k) => delete tErr[k]);
      tModal.error = '';
      tModal.editing = t || null;
      tModal.open = true;
    };
    const insertNickname = async () => {
      const el = tArea.value;
      const token = '%NICKNAME%';
      const start = el ? el.selectionStart : tForm.text.length;
      const end = el ? el.selectionEnd : tForm.text.length;
      tForm.text = tForm.text.slice(0, start) + token + tForm.text.slice(end);
      await nextTick();
      if (el) {
        el.focus();
        el.setSelectionRange(start + token.length, start + token.length);
      }
    };
    const tPreview = computed(() => tForm.text.split('%NICKNAME%').join('张小美'));
    const saveTemplate = async () => {
      Object.keys(tErr).forEach((k) => delete tErr[k]);
      tModal.error = '';
      if (!tForm.name.trim()) {
        tErr.name = '请填写名称';
      }
      if (!tForm.text.trim() && !tForm.linkOn) {
        tErr.text = '请填写欢迎语文字，或添加一个链接';
      } else if (utf8Bytes(tForm.text) > 4000) {
        tErr.text = '欢迎语文字不能超过 4000 字节';
      }
      if (tForm.linkOn && (!tForm.linkTitle.trim() || !/^https?:\/\//.test(tForm.linkUrl.trim()))) {
        tErr.link = '链接需要标题和以 http(s):// 开头的网址';
      }
      if (Object.keys(tErr).length) {
        return;
      }
      const content = { text: tForm.text };
      if (tForm.linkOn) {
        content.link = { title: tForm.linkTitle.trim(), url: tForm.linkUrl.trim(), desc: tForm.linkDesc.trim() || null };
      } else if (tModal.editing && tModal.editing.content) {
        // keep an attachment this form does not edit (image, mini program, file, video)
        const c = tModal.editing.content;
        ['image', 'miniprogram', 'file', 'video'].forEach((k) => { if (c[k]) { content[k] = c[k]; } });
      }
      const body = { name: tForm.name.trim(), content, notifyOwners: tForm.notifyOwners };
      tModal.saving = true;
      try {
        if (tModal.editing) {
          await corpApi.put(`/group-welcome-templates/${tModal.editing.id}`, body);
        } else {
          await corpApi.post('/group-welcome-templates', body);
        }
        antd.message.success('入群欢迎语已保存');
        tModal.open = false;
        loadTemplates();
      } catch (e) {
        Object.assign(tErr, fieldErrors(e));
        tModal.error = e && e.isApiError ? e.detail : String(e);
      } finally {
        tModal.saving = false;
      }
    };
    const removeTemplate = async (t) => {
      try {
        await corpApi.del(`/group-welcome-templates/${t.id}`);
        antd.message.success('入群欢迎语已删除');
        loadTemplates();
      } catch (e) {
        showError(e);
      }
    };

    onMounted(() => {
      loadNames();
      loadGroups();
      loadWays();
      loadTemplates();
    });

    return {
      canOperate, tab, groups, groupOptions, groupName, ways, includeDeleted, loadWays, wayColumns, drawer, form, err,
      openCreate, openEdit, save, removeWay, refreshing, refreshChats, qr, openQr, sameOriginUrl, staffName, deptName,
      templates, loadTemplates, templateColumns, attachmentOf, tModal, tForm, tErr, tArea, openTemplate,
      insertNickname, tPreview, saveTemplate, removeTemplate, fmtNumber, fmtDateTime,
    };
  },
  template: `
  <div>
    <page-header title="群活码" subtitle="一个二维码对应最多 5 个客户群，群满自动建新群；入群按渠道标识归因到门店和渠道">
      <template #extra>
        <template v-if="canOperate && tab === 'ways'">
          <a-button :loading="refreshing" @click="refreshChats">从企业微信同步群</a-button>
          <a-button type="primary" data-test="jw-create" @click="openCreate">＋ 新建群活码</a-button>
        </template>
        <a-button v-if="canOperate && tab === 'templates'" type="primary" data-test="gwt-create" @click="openTemplate(null)">＋ 新建入群欢迎语</a-button>
      </template>
    </page-header>

    <a-tabs v-model:activeKey="tab">
      <a-tab-pane key="ways" tab="群活码">
        <div class="filters">
          <span class="muted">显示已删除</span>
          <a-switch v-model:checked="includeDeleted" size="small" @change="loadWays"></a-switch>
          <a-button @click="loadWays">刷新</a-button>
        </div>
        <load-error v-if="ways.error" :error="ways.error" @retry="loadWays"></load-error>
        <a-table v-else :columns="wayColumns" :data-source="ways.items" :row-key="(r) => r.way.id" :loading="ways.loading"
            size="middle" :pagination="{ pageSize: 20, showTotal: (t) => '共 ' + t + ' 个群活码' }">
          <template #emptyText>
            <a-empty :description="canOperate ? '还没有群活码：点击“新建群活码”，选择最多 5 个客户群生成入群二维码' : '暂无群活码'"></a-empty>
          </template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'">
              <b>{{ record.way.name }}</b>
              <a-tag v-if="record.way.deletedAt">已删除</a-tag>
              <div><a-typography-text code style="font-size: 12px">{{ record.way.state }}</a-typography-text></div>
              <div class="muted" style="font-size: 12px">{{ record.way.scene === 1 ? '小程序' : '二维码' }} · 创建于 {{ fmtDateTime(record.way.createdAt) }}</div>
            </template>
            <template v-else-if="column.key === 'chats'">
              <div v-for="c in record.way.chatIds" :key="c">
                <router-link :to="'/groups/' + encodeURIComponent(c)">{{ groupName(c) }}</router-link>
              </div>
            </template>
            <template v-else-if="column.key === 'store'">
              <div>{{ record.way.storeDeptId ? deptName(record.way.storeDeptId) : '—' }}</div>
              <div class="muted">{{ record.way.channel || '—' }}</div>
            </template>
            <template v-else-if="column.key === 'auto'">
              <span v-if="record.way.autoCreateRoom">开启：{{ record.way.roomBaseName }}{{ record.way.roomBaseId || '' }}…</span>
              <span v-else class="muted">关闭</span>
            </template>
            <template v-else-if="column.key === 'joins'">
              <span class="num">{{ fmtNumber(record.members) }} / {{ fmtNumber(record.joined) }}</span>
            </template>
            <template v-else-if="column.key === 'actions'">
              <a-space :size="4" wrap>
                <a-button type="link" size="small" @click="openQr(record.way)">二维码</a-button>
                <template v-if="canOperate && !record.way.deletedAt">
                  <a-button type="link" size="small" @click="openEdit(record.way)">编辑</a-button>
                  <a-popconfirm title="删除后二维码失效，已入群成员的归因不变。确定删除？" ok-text="删除" cancel-text="取消" @confirm="removeWay(record.way)">
                    <a-button type="link" size="small" danger>删除</a-button>
                  </a-popconfirm>
                </template>
              </a-space>
            </template>
          </template>
        </a-table>
      </a-tab-pane>

      <a-tab-pane key="templates" tab="入群欢迎语">
        <a-alert type="info" show-icon style="margin-bottom: 12px"
            message="入群欢迎语是企业级素材：在企业微信管理后台「客户群 → 入群欢迎语」中关联到群活码或客户群后生效；%NICKNAME% 会被替换为新成员的昵称。"></a-alert>
        <load-error v-if="templates.error" :error="templates.error" @retry="loadTemplates"></load-error>
        <a-table v-else :columns="templateColumns" :data-source="templates.items" row-key="id" :loading="templates.loading"
            size="middle" :pagination="{ pageSize: 20, showTotal: (t) => '共 ' + t + ' 条' }" data-test="gwt-table">
          <template #emptyText><a-empty :description="canOperate ? '还没有入群欢迎语：点击“新建入群欢迎语”' : '暂无入群欢迎语'"></a-empty></template>
          <template #bodyCell="{ column, record }">
            <template v-if="column.key === 'name'"><b>{{ record.name }}</b></template>
            <template v-else-if="column.key === 'text'">
              <div style="white-space: pre-wrap; max-height: 66px; overflow: hidden">{{ (record.content && record.content.text) || '（仅附件）' }}</div>
            </template>
            <template v-else-if="column.key === 'attachment'">{{ attachmentOf(record.content) }}</template>
            <template v-else-if="column.key === 'notify'">{{ record.notifyOwners ? '通知' : '不通知' }}</template>
            <template v-else-if="column.key === 'updatedAt'"><date-time :value="record.updatedAt"></date-time></template>
            <template v-else-if="column.key === 'actions'">
              <a-space v-if="canOperate" :size="4">
                <a-button type="link" size="small" @click="openTemplate(record)">编辑</a-button>
                <a-popconfirm title="确定删除这条入群欢迎语？企业微信中同时删除。" ok-text="删除" cancel-text="取消" @confirm="removeTemplate(record)">
                  <a-button type="link" size="small" danger>删除</a-button>
                </a-popconfirm>
              </a-space>
              <span v-else class="muted">—</span>
            </template>
          </template>
        </a-table>
      </a-tab-pane>
    </a-tabs>

    <a-drawer :open="drawer.open" :title="drawer.editing ? '编辑群活码' : '新建群活码'" width="600" :mask-closable="false"
        @close="drawer.open = false">
      <a-alert v-if="drawer.error" type="error" :message="drawer.error" show-icon style="margin-bottom: 16px"></a-alert>
      <a-form layout="vertical">
        <a-form-item label="名称" required :validate-status="err.name ? 'error' : ''" :help="err.name">
          <a-input v-model:value="form.name" :maxlength="64" placeholder="例如：A店收银台入群码" data-test="jw-name"></a-input>
        </a-form-item>
        <a-form-item label="客户群（最多 5 个）" required :validate-status="err.chatIds ? 'error' : ''"
            :help="err.chatIds || '客户扫码进入第一个未满的群'">
          <a-select v-model:value="form.chatIds" mode="multiple" :options="groupOptions" show-search option-filter-prop="label"
              placeholder="选择客户群" :max-tag-count="5" style="width: 100%" data-test="jw-chats"></a-select>
        </a-form-item>
        <a-form-item label="群满自动建群">
          <a-switch v-model:checked="form.autoCreateRoom"></a-switch>
          <span style="margin-left: 8px">{{ form.autoCreateRoom ? '所选的群都满员后，企业微信自动创建新群并加入此群活码' : '群满后不再入群' }}</span>
        </a-form-item>
        <a-row v-if="form.autoCreateRoom" :gutter="12">
          <a-col :span="16">
            <a-form-item label="新群名称前缀" required :validate-status="err.roomBaseName ? 'error' : ''" :help="err.roomBaseName || '例如“A店福利群”，新群依次命名为 A店福利群2、A店福利群3…'">
              <a-input v-model:value="form.roomBaseName" :maxlength="40"></a-input>
            </a-form-item>
          </a-col>
          <a-col :span="8">
            <a-form-item label="起始序号" :validate-status="err.roomBaseId ? 'error' : ''" :help="err.roomBaseId">
              <a-input-number v-model:value="form.roomBaseId" :min="1" :max="100000" style="width: 100%"></a-input-number>
            </a-form-item>
          </a-col>
        </a-row>
        <a-row :gutter="12">
          <a-col :span="12">
            <a-form-item label="归属门店" :help="'入群成员计入该门店'">
              <store-select v-model:value="form.storeDeptId" placeholder="选择门店" style="width: 100%"></store-select>
            </a-form-item>
          </a-col>
          <a-col :span="12">
            <a-form-item label="渠道名称" :validate-status="err.channel ? 'error' : ''" :help="err.channel">
              <a-input v-model:value="form.channel" :maxlength="64" placeholder="例如：收银台"></a-input>
            </a-form-item>
          </a-col>
        </a-row>
        <a-form-item label="渠道标识 state" required :validate-status="err.state ? 'error' : ''"
            :help="err.state || (drawer.editing ? '创建后不能修改：已入群的成员按它归因' : '最长 30 个字符，只能包含字母、数字和 _ - . :；删除后仍保留')">
          <a-input v-model:value="form.state" :disabled="!!drawer.editing" :maxlength="30" data-test="jw-state"></a-input>
        </a-form-item>
        <a-form-item label="场景">
          <a-radio-group v-model:value="form.scene" :disabled="!!drawer.editing">
            <a-radio :value="2">二维码</a-radio>
            <a-radio :value="1">小程序插件</a-radio>
          </a-radio-group>
        </a-form-item>
        <a-form-item label="备注" :validate-status="err.remark ? 'error' : ''" :help="err.remark">
          <a-input v-model:value="form.remark" :maxlength="30" show-count></a-input>
        </a-form-item>
        <a-form-item label="入群欢迎语">
          <span class="muted">入群欢迎语在“入群欢迎语”标签页维护，并在企业微信管理后台关联到群。</span>
          <a-button type="link" size="small" @click="drawer.open = false; tab = 'templates'">去管理入群欢迎语</a-button>
        </a-form-item>
      </a-form>
      <template #footer>
        <div style="text-align: right">
          <a-button style="margin-right: 8px" @click="drawer.open = false">取消</a-button>
          <a-button type="primary" :loading="drawer.saving" data-test="jw-save" @click="save">{{ drawer.editing ? '保存' : '创建群活码' }}</a-button>
        </div>
      </template>
    </a-drawer>

    <a-modal :open="qr.open" :title="qr.way ? '群活码二维码 · ' + qr.way.name : '群活码二维码'" :footer="null" @cancel="qr.open = false" width="560px">
      <template v-if="qr.way">
        <div v-if="qr.way.qrCode">
          <div v-if="sameOriginUrl(qr.way.qrCode)" style="text-align: center; margin-bottom: 12px">
            <img :src="qr.way.qrCode" alt="群活码二维码" style="width: 200px; height: 200px">
          </div>
          <a-alert v-else type="info" show-icon style="margin-bottom: 12px"
              message="二维码图片由企业微信提供，控制台不直接加载外部图片；请点击“下载二维码”在新窗口打开后保存。"></a-alert>
          <a-typography-paragraph :copyable="{ text: qr.way.qrCode, tooltips: ['复制', '已复制'] }"
              style="word-break: break-all; background: #fafafa; padding: 8px; border-radius: 6px">{{ qr.way.qrCode }}</a-typography-paragraph>
          <a :href="qr.way.qrCode" target="_blank" rel="noopener noreferrer" class="ant-btn ant-btn-primary">下载二维码</a>
        </div>
        <a-empty v-else description="企业微信没有返回二维码（小程序插件没有二维码）"></a-empty>
      </template>
    </a-modal>

    <a-modal :open="tModal.open" :title="tModal.editing ? '编辑入群欢迎语' : '新建入群欢迎语'" width="620px" ok-text="保存"
        cancel-text="取消" :confirm-loading="tModal.saving" @ok="saveTemplate" @cancel="tModal.open = false">
      <a-alert v-if="tModal.error" type="error" :message="tModal.error" show-icon style="margin-bottom: 12px"></a-alert>
      <a-form layout="vertical">
        <a-form-item label="名称" required :validate-status="tErr.name ? 'error' : ''" :help="tErr.name">
          <a-input v-model:value="tForm.name" :maxlength="64" placeholder="例如：A店福利群欢迎语"></a-input>
        </a-form-item>
        <a-form-item label="欢迎语文字" :validate-status="tErr.text ? 'error' : ''" :help="tErr.text">
          <div style="margin-bottom: 6px"><a-button size="small" @click="insertNickname">+ 新成员昵称</a-button></div>
          <textarea ref="tArea" class="ant-input" rows="4" v-model="tForm.text" style="width: 100%; resize: vertical"
              placeholder="例如：欢迎 %NICKNAME% 加入！群内每周三有会员专属福利～"></textarea>
          <div class="muted" style="font-size: 12px; margin-top: 4px">预览：{{ tPreview || '（空）' }}</div>
        </a-form-item>
        <a-form-item label="附带链接" :validate-status="tErr.link ? 'error' : ''" :help="tErr.link">
          <a-switch v-model:checked="tForm.linkOn" size="small"></a-switch>
          <template v-if="tForm.linkOn">
            <a-input v-model:value="tForm.linkTitle" placeholder="链接标题" style="margin-top: 8px"></a-input>
            <a-input v-model:value="tForm.linkUrl" placeholder="https://…" style="margin-top: 8px"></a-input>
            <a-input v-model:value="tForm.linkDesc" placeholder="描述（可选）" style="margin-top: 8px"></a-input>
          </template>
        </a-form-item>
        <a-form-item label="通知群主">
          <a-switch v-model:checked="tForm.notifyOwners"></a-switch>
          <span style="margin-left: 8px">{{ tForm.notifyOwners ? '新建后通知群主' : '不通知' }}</span>
        </a-form-item>
      </a-form>
    </a-modal>
  </div>`,
};
