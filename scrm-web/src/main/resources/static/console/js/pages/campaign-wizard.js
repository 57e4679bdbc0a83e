// 新建群发 / 编辑群发: a five-step wizard — 受众 (the rules' condition builder + store/staff scope, live count),
// 内容 (text with variables inserted at the cursor, link/image/mini-program attachments, a per-customer preview),
// 渠道 (what WeCom does with each), 时间 (立即 / 定时 / 周期 with presets, quiet hours, caps, control group),
// 确认 (a readable summary; save as draft, save and send / schedule). The server validates (POST /campaigns/preview
// while editing, POST|PUT /campaigns on save); its field errors are shown next to their fields and steps.
import { corpApi, can } from '../session.js';
import { showError, tagGroups, departments, staffList, LIFECYCLE_STAGES } from '../components/common.js';
import {
  ConditionBuilder, describeCondition, isConditionComplete, ruleFields,
} from '../components/condition-builder.js';
import {
  CHANNELS, CHANNEL_HELP, VARIABLES, channelLabel, cronTime, scheduleSummary,
} from '../components/campaign-common.js';
import { fmtNumber, fmtDateTime } from '../format.js';

const { ref, reactive, computed, watch, onMounted, onBeforeUnmount } = Vue;
const { useRoute, useRouter } = VueRouter;

/** Which wizard step shows the server's error of a JSON path. */
function stepOf(field) {
  if (!field) {
    return 4;
  }
  if (field === 'name' || field.startsWith('audience')) {
    return 0;
  }
  if (field.startsWith('content')) {
    return 1;
  }
  if (field === 'channel') {
    return 2;
  }
  if (field.startsWith('schedule') || field.startsWith('limits') || field.startsWith('controlGroupPercent')
      || field.startsWith('goal')) {
    return 3;
  }
  return 4;
}

function emptyForm() {
  return {
    name: '',
    channel: 'AUTO',
    include: null,
    exclude: null,
    useExclude: false,
    stores: [],
    staff: [],
    text: '',
    attachments: [],
    scheduleType: 'manual',
    onceAt: null,
    preset: 'MONTHLY_FIRST_MONDAY',
    cron: '',
    time: '10:00',
    perDay: null,
    perWeek: null,
    perMonth: null,
    confirmHours: 24,
    remindAfterMinutes: 120,
    maxReminders: 3,
    controlGroupPercent: 0,
    goalTags: [],
    goalStage: undefined,
    goalDays: 30,
  };
}

export default {
  name: 'CampaignWizardPage',
  components: { ConditionBuilder },
  setup() {
    const route = useRoute();
    const router = useRouter();
    const editId = computed(() => route.params.id || null);
    const step = ref(0);
    const form = reactive(emptyForm());
    const options = ref(null);
    const loading = ref(true);
    const loadErr = ref(null);
    const kind = ref('BROADCAST');
    const saving = ref(false);
    const errors = ref([]);          // the server's [{field, message}] of the last save or preview
    const submitted = ref(false);
    const preview = ref(null);
    const previewing = ref(false);
    const previewErrors = ref([]);
    const sampleIndex = ref(0);
    const names = reactive({ tags: {}, stores: {}, staff: {} });
    const fields = ref(null);

    const load = async () => {
      loading.value = true;
      loadErr.value = null;
      try {
        const [opts, groups, depts, staff, rf] = await Promise.all([corpApi.get('/campaign-options'), tagGroups(),
          departments(), staffList(), ruleFields()]);
        options.value = opts;
        fields.value = rf.fields;
        groups.forEach((g) => g.tags.forEach((t) => { names.tags[t.tagId] = t.name; }));
        depts.forEach((d) => { names.stores[d.id] = d.name; });
        staff.forEach((s) => { names.staff[s.userid] = s.name; });
        if (editId.value) {
          const c = await corpApi.get(`/campaigns/${editId.value}`);
          kind.value = c.kind;
          fill(c.definition);
        }
      } catch (e) {
        loadErr.value = e;
      } finally {
        loading.value = false;
      }
      schedulePreview();
    };

    /** The form from a stored definition (editing). */
    const fill = (d) => {
      const a = d.audience || {};
      Object.assign(form, emptyForm(), {
        name: d.name || '',
        channel: d.channel || 'AUTO',
        include: a.include || null,
        exclude: a.exclude || null,
        useExclude: !!a.exclude,
        stores: a.stores || [],
        staff: a.staff || [],
        text: (d.content && d.content.text) || '',
        attachments: ((d.content && d.content.attachments) || []).map((x) => ({ ...x })),
        controlGroupPercent: d.controlGroupPercent || 0,
      });
      const s = d.schedule || { type: 'manual' };
      if (s.type === 'once') {
        form.scheduleType = 'once';
        form.onceAt = dayjs(s.at);
      } else if (s.type === 'recurring') {
        form.scheduleType = 'recurring';
        form.preset = s.preset || '__cron';
        form.cron = s.cron || '';
        form.time = cronTime(s.cron) || '10:00';
      }
      const l = d.limits || {};
      ['perDay', 'perWeek', 'perMonth'].forEach((k) => { form[k] = l[k] === undefined ? null : l[k]; });
      form.confirmHours = l.confirmHours || 24;
      form.remindAfterMinutes = l.remindAfterMinutes || 120;
      form.maxReminders = l.maxReminders === undefined || l.maxReminders === null ? 3 : l.maxReminders;
      if (d.goal) {
        form.goalTags = d.goal.tags || [];
        form.goalStage = d.goal.stage || undefined;
        form.goalDays = d.goal.days || 30;
      }
    };

    const schedule = () => {
      if (form.scheduleType === 'once') {
        return { type: 'once', at: form.onceAt ? dayjs(form.onceAt).format('YYYY-MM-DDTHH:mm:ssZ') : null };
      }
      if (form.scheduleType === 'recurring') {
        return form.preset === '__cron' ? { type: 'recurring', cron: form.cron, zone: 'Asia/Shanghai' }
          : { type: 'recurring', preset: form.preset, time: form.time || '10:00' };
      }
      return { type: 'manual' };
    };

    const optInt = (v) => (v === null || v === undefined || v === '' ? null : v);

    /** The request body exactly as the API takes it (docs/campaigns.md "A campaign"). */
    const body = (forPreview) => {
      const out = {
        name: forPreview ? (form.name.trim() || '预览') : form.name.trim(),
        kind: 'BROADCAST',
        channel: form.channel,
        audience: { include: form.include, exclude: form.useExclude ? form.exclude : null, stores: form.stores,
          staff: form.staff },
        // an empty text still previews the audience (the text's own error shows once the user is on that step)
        content: { text: forPreview && !form.text.trim() ? '…' : form.text,
          attachments: form.attachments.map(cleanAttachment) },
        schedule: forPreview && step.value < 3 ? { type: 'manual' } : schedule(),
        limits: { perDay: optInt(form.perDay), perWeek: optInt(form.perWeek), perMonth: optInt(form.perMonth),
          confirmHours: form.confirmHours, remindAfterMinutes: form.remindAfterMinutes,
          maxReminders: form.maxReminders },
        controlGroupPercent: form.controlGroupPercent || 0,
      };
      if ((form.goalTags && form.goalTags.length) || form.goalStage) {
        out.goal = { tags: form.goalTags || [], stage: form.goalStage || null, days: form.goalDays || 30 };
      }
      return out;
    };

    const cleanAttachment = (a) => {
      const out = {};
      Object.entries(a).forEach(([k, v]) => {
        if (v !== null && v !== undefined && v !== '' && !k.startsWith('_')) {
          out[k] = v;
        }
      });
      return out;
    };

    // ---------------------------------------------------------------- live preview (debounced)
    let timer = null;
    let previewSeq = 0;
    const schedulePreview = () => {
      clearTimeout(timer);
      timer = setTimeout(runPreview, 500);
    };
    const runPreview = async () => {
      if (loading.value || loadErr.value || kind.value === 'SOP') {
        return;
      }
      // an unfinished condition is explained by the builder itself; preview once it can be sent
      if ((form.include && !isConditionComplete(form.include, fields.value || [], 'audience.include'))
          || (form.useExclude && form.exclude
            && !isConditionComplete(form.exclude, fields.value || [], 'audience.exclude'))) {
        return;
      }
      const mine = ++previewSeq;
      previewing.value = true;
      try {
        const p = await corpApi.post('/campaigns/preview', body(true), { sample: 10 });
        if (mine === previewSeq) {
          preview.value = p;
          previewErrors.value = [];
          if (sampleIndex.value >= (p.sample || []).length) {
            sampleIndex.value = 0;
          }
        }
      } catch (e) {
        if (mine === previewSeq && e && e.status === 429) {
          // the server runs one preview of a corp at a time: ask again in a moment, quietly
          clearTimeout(timer);
          timer = setTimeout(runPreview, 1000);
        } else if (mine === previewSeq) {
          previewErrors.value = e && e.isApiError ? e.errors : [];
          if (!(e && e.isApiError && e.status === 400)) {
            showError(e);
          }
        }
      } finally {
        if (mine === previewSeq) {
          previewing.value = false;
        }
      }
    };
    watch(() => [form.include, form.exclude, form.useExclude, form.stores, form.staff, form.text, form.channel,
      form.attachments, form.scheduleType, form.onceAt, form.preset, form.time, form.cron, step.value >= 3],
    schedulePreview, { deep: true });
    onBeforeUnmount(() => clearTimeout(timer));

    // ---------------------------------------------------------------- errors next to fields
    const allErrors = computed(() => {
      const seen = new Set();
      // the preview's errors of the steps reached so far (not yet a complaint about a step the user has not seen)
      const live = previewErrors.value.filter((e) => e.field !== 'name' && stepOf(e.field) <= step.value);
      return [...errors.value, ...live].filter((e) => {
        const k = e.field + '|' + e.message;
        if (seen.has(k)) {
          return false;
        }
        seen.add(k);
        return true;
      });
    });
    /** Messages of a path and below it, joined. */
    const err = (prefix) => {
      const list = allErrors.value.filter((e) => e.field === prefix || (e.field || '').startsWith(prefix + '.')
        || (e.field || '').startsWith(prefix + '['));
      return list.length ? [...new Set(list.map((e) => e.message))].join('；') : '';
    };
    const stepHasError = (i) => allErrors.value.some((e) => stepOf(e.field) === i);
    const otherErrors = computed(() => allErrors.value.filter((e) => stepOf(e.field) === 4));

    // ---------------------------------------------------------------- content: variables at the cursor
    const variableButtons = computed(() => {
      const o = options.value;
      if (!o) {
        return [];
      }
      const list = form.channel === 'GROUP' ? o.groupVariables : o.variables;
      const out = list.map((v) => ({ key: v, label: (VARIABLES[v] && VARIABLES[v].label) || v,
        insert: (VARIABLES[v] && VARIABLES[v].insert) || `{{${v}}}` }));
      if (form.channel !== 'GROUP') {
        (o.tagGroups || []).forEach((g) => out.push({ key: 'tag:' + g, label: '标签·' + g, insert: `{{tag:${g}|无}}` }));
        (o.attributes || []).forEach((a) => out.push({ key: 'attr:' + a, label: '属性·' + a,
          insert: `{{attr:${a}|无}}` }));
      }
      return out;
    });
    const insertVariable = (text) => {
      const el = document.getElementById('campaign-text');
      const value = form.text || '';
      const start = el && typeof el.selectionStart === 'number' ? el.selectionStart : value.length;
      const end = el && typeof el.selectionEnd === 'number' ? el.selectionEnd : value.length;
      form.text = value.slice(0, start) + text + value.slice(end);
      const caret = start + text.length;
      setTimeout(() => {
        const again = document.getElementById('campaign-text');
        if (again) {
          again.focus();
          again.setSelectionRange(caret, caret);
        }
      }, 0);
    };
    const textBytes = computed(() => new TextEncoder().encode(form.text || '').length);

    // attachments
    const addAttachment = (type) => {
      if (form.attachments.length >= 9) {
        antd.message.warning('最多 9 个附件');
        return;
      }
      const blank = { link: { type: 'link', title: '', url: '', desc: '', picUrl: '' },
        image: { type: 'image', assetId: null, _name: '' },
        miniprogram: { type: 'miniprogram', title: '', appId: '', page: '', picAssetId: null, _name: '' } }[type];
      form.attachments.push(blank);
    };
    const removeAttachment = (i) => form.attachments.splice(i, 1);
    const uploading = ref(false);
    const upload = async (a, field, file) => {
      const data = new FormData();
      data.append('file', file);
      data.append('kind', 'image');
      uploading.value = true;
      try {
        const json = await corpApi.upload('/campaign-assets', data);
        a[field] = json.assetId;
        a._name = file.name;
        antd.message.success('图片已上传');
      } catch (e) {
        showError(e);
      } finally {
        uploading.value = false;
      }
      return false;
    };
    const pickFile = (a, field) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = 'image/png,image/jpeg';
      input.onchange = () => input.files && input.files[0] && upload(a, field, input.files[0]);
      input.click();
    };

    // ---------------------------------------------------------------- preview of one customer
    const samples = computed(() => (preview.value && preview.value.sample) || []);
    const sampleOptions = computed(() => samples.value.map((s, i) => ({ value: i,
      label: `${s.name || s.target}（${s.staffName || s.sender}${s.storeName ? ' · ' + s.storeName : ''}）` })));
    const currentSample = computed(() => samples.value[sampleIndex.value] || null);
    const byStore = computed(() => ((preview.value && preview.value.byStore) || []).map((r) => ({
      ...r, storeName: r.storeName || r.storename || names.stores[r.storeId] || ('门店 ' + r.storeId) })));
    const channelInfo = computed(() => preview.value && {
      label: channelLabel(preview.value.channel), reason: preview.value.channelReason });

    // ---------------------------------------------------------------- schedule
    const presetOptions = computed(() => [...((options.value && options.value.presets) || []).map((p) => ({
      value: p.preset, label: p.label })), { value: '__cron', label: '自定义（cron 表达式）' }]);
    const quietHours = computed(() => options.value && options.value.quietHours);
    const stageOptions = LIFECYCLE_STAGES.map((s) => ({ value: s.value, label: s.label }));
    const disabledPast = (d) => d && d.isBefore(dayjs().startOf('day'));

    // ---------------------------------------------------------------- summary
    const audienceText = computed(() => {
      const parts = [];
      parts.push(form.include ? describeCondition(form.include, fields.value || [], names) : '全部客户');
      if (form.useExclude && form.exclude) {
        parts.push('排除：' + describeCondition(form.exclude, fields.value || [], names));
      }
      if (form.stores.length) {
        parts.push('门店：' + form.stores.map((s) => names.stores[s] || s).join('、'));
      }
      if (form.staff.length) {
        parts.push('员工：' + form.staff.map((s) => names.staff[s] || s).join('、'));
      }
      return parts.join('；');
    });
    const scheduleText = computed(() => {
      if (form.scheduleType === 'once') {
        return form.onceAt ? '定时 ' + fmtDateTime(dayjs(form.onceAt).toDate()) : '定时（未选择时间）';
      }
      if (form.scheduleType === 'recurring') {
        if (form.preset === '__cron') {
          return `自定义周期（${form.cron || '未填写'}）`;
        }
        const p = presetOptions.value.find((x) => x.value === form.preset);
        return `${p ? p.label : form.preset} ${form.time || ''}`;
      }
      return '保存后立即发送（也可稍后在详情页手动发送）';
    });
    const capText = (v) => (v === null || v === undefined || v === '' ? '企业默认' : (v === 0 ? '不限' : `${v} 条`));

    // ---------------------------------------------------------------- navigation and save
    const next = () => {
      submitted.value = true;
      if (step.value === 0 && !form.name.trim()) {
        errors.value = [...errors.value.filter((e) => e.field !== 'name'), { field: 'name', message: '请填写活动名称' }];
        return;
      }
      errors.value = errors.value.filter((e) => !(e.field === 'name' && form.name.trim()));
      step.value = Math.min(4, step.value + 1);
    };
    const prev = () => { step.value = Math.max(0, step.value - 1); };
    const goTo = (i) => { step.value = i; };

    /** mode: 'draft' (a scheduled one paused) | 'keep' (an edit, its state kept) | 'go' (send now or schedule). */
    const save = async (mode) => {
      if (saving.value) {
        return;
      }
      saving.value = true;
      errors.value = [];
      let saved = null;
      try {
        const b = body(false);
        // saving counts the audience, which the server runs one at a time per corp with the live preview: let the
        // preview finish first, and ask again after a 429
        clearTimeout(timer);
        for (let i = 0; i < 50 && previewing.value; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        for (let attempt = 1; ; attempt++) {
          try {
            saved = editId.value ? await corpApi.put(`/campaigns/${editId.value}`, b)
              : await corpApi.post('/campaigns', b);
            break;
          } catch (e) {
            if (!(e && e.status === 429) || attempt >= 5) {
              throw e;
            }
            await new Promise((r) => setTimeout(r, 1000));
          }
        }
      } catch (e) {
        saving.value = false;
        if (e && e.isApiError && e.errors.length) {
          errors.value = e.errors;
          step.value = Math.min(...e.errors.map((x) => stepOf(x.field)));
          antd.message.error(e.detail);
        } else {
          showError(e);
        }
        return;
      }
      // saved: whatever follows, the campaign's page (never a second save that would create it twice)
      const scheduled = form.scheduleType !== 'manual';
      try {
        if (mode === 'draft' && scheduled && saved.status !== 'PAUSED') {
          await corpApi.post(`/campaigns/${saved.id}/pause`);
        }
        if (mode === 'go' && scheduled && saved.status === 'PAUSED') {
          await corpApi.post(`/campaigns/${saved.id}/resume`);
        }
        if (mode === 'go' && !scheduled) {
          await corpApi.post(`/campaigns/${saved.id}/run`);
          antd.message.success('已保存，开始发送');
        } else {
          antd.message.success(mode === 'draft' ? '已保存为草稿'
            : (mode === 'keep' ? '已保存，新版本已生效' : (scheduled ? '已保存并排期' : '已保存')));
        }
      } catch (e) {
        antd.message.error('已保存，但' + (mode === 'go' && !scheduled ? '发送' : '设置状态') + '失败：'
          + (e && e.isApiError ? e.detail : String(e)));
      } finally {
        saving.value = false;
      }
      router.push(`/campaigns/${saved.id}`);
    };

    onMounted(load);

    return { allErrors, editId, step, form, options, loading, loadErr, kind, saving, preview, previewing, sampleIndex,
      sampleOptions, currentSample, byStore, channelInfo, names, fields, variableButtons, insertVariable,
      textBytes, addAttachment, removeAttachment, pickFile, uploading, presetOptions, quietHours, stageOptions,
      disabledPast, audienceText, scheduleText, capText, next, prev, goTo, save, err, stepHasError, otherErrors,
      submitted, load, can, CHANNELS, CHANNEL_HELP, fmtNumber, channelLabel, scheduleSummary,
      channelKeys: ['AUTO', 'SINGLE', 'STAFF_TASK', 'GROUP'] };
  },
  template: `
    <div class="campaign-wizard">
      <page-header :title="editId ? '编辑群发' : '新建群发'" subtitle="选择受众、编写内容、选择渠道与时间，确认后保存">
        <template #extra><a-button @click="$router.push(editId ? '/campaigns/' + editId : '/campaigns')">返回</a-button></template>
      </page-header>
      <load-error v-if="loadErr" :error="loadErr" @retry="load"></load-error>
      <a-spin v-else-if="loading" tip="加载中…"><div style="height: 240px"></div></a-spin>
      <a-result v-else-if="kind === 'SOP'" status="info" title="SOP 序列暂不支持在向导中编辑"
          sub-title="SOP 的步骤与触发条件可通过 API 修改（docs/campaigns.md），详情页可查看入组客户与效果。">
        <template #extra><a-button @click="$router.push('/campaigns/' + editId)">查看详情</a-button></template>
      </a-result>
      <a-result v-else-if="!can.operate()" status="403" title="无权编辑" sub-title="只有运营和管理员可以创建或修改群发"></a-result>
      <template v-else>
        <a-card class="section" :body-style="{ padding: '16px 24px' }">
          <a-steps :current="step" size="small" @change="goTo" data-test="wizard-steps">
            <a-step title="受众" :status="stepHasError(0) ? 'error' : undefined" description="发给谁"></a-step>
            <a-step title="内容" :status="stepHasError(1) ? 'error' : undefined" description="发什么"></a-step>
            <a-step title="渠道" :status="stepHasError(2) ? 'error' : undefined" description="怎么发"></a-step>
            <a-step title="时间" :status="stepHasError(3) ? 'error' : undefined" description="何时发、发多少"></a-step>
            <a-step title="确认" description="检查并保存"></a-step>
          </a-steps>
        </a-card>
        <div class="wizard-body">
          <a-card class="wizard-main">
            <!-- 1 受众 -->
            <a-form v-show="step === 0" layout="vertical">
              <a-form-item label="活动名称" required :validate-status="err('name') ? 'error' : ''" :help="err('name')">
                <a-input id="campaign-name" v-model:value="form.name" :maxlength="128" show-count placeholder="例如：12 月会员日邀请"></a-input>
              </a-form-item>
              <a-form-item label="筛选条件（满足以下条件的客户）" :validate-status="err('audience.include') ? 'error' : ''"
                  :help="err('audience.include') ? '条件有误，请查看下方标红处' : '不添加条件即为全部客户'">
                <condition-builder v-model:value="form.include" :fields="fields" :errors="allErrors"
                    path="audience.include" :show-validation="submitted" data-test="audience-include"></condition-builder>
              </a-form-item>
              <a-form-item>
                <a-checkbox v-model:checked="form.useExclude" data-test="use-exclude">排除部分客户</a-checkbox>
              </a-form-item>
              <a-form-item v-if="form.useExclude" label="排除满足以下条件的客户" :validate-status="err('audience.exclude') ? 'error' : ''"
                  :help="err('audience.exclude') ? '条件有误，请查看下方标红处' : ''">
                <condition-builder v-model:value="form.exclude" :fields="fields" :errors="allErrors" path="audience.exclude"
                    :show-validation="submitted"></condition-builder>
              </a-form-item>
              <a-row :gutter="16">
                <a-col :span="12">
                  <a-form-item label="发送门店（由这些门店的员工发送）" :validate-status="err('audience.stores') ? 'error' : ''" :help="err('audience.stores')">
                    <store-select v-model:value="form.stores" multiple placeholder="全部门店" style="width: 100%"></store-select>
                  </a-form-item>
                </a-col>
                <a-col :span="12">
                  <a-form-item label="发送员工" :validate-status="err('audience.staff') ? 'error' : ''" :help="err('audience.staff')">
                    <staff-select v-model:value="form.staff" multiple placeholder="全部员工" style="width: 100%"></staff-select>
                  </a-form-item>
                </a-col>
              </a-row>
              <a-alert v-if="err('audience') && !err('audience.include') && !err('audience.exclude')" type="error" show-icon :message="err('audience')"></a-alert>
              <div class="muted">每位客户每次只收到一条：由其最早添加的、在发送范围内的员工（专属导购）发送。</div>
            </a-form>

            <!-- 2 内容 -->
            <a-form v-show="step === 1" layout="vertical">
              <a-form-item label="消息内容" required :validate-status="err('content.text') ? 'error' : ''" :help="err('content.text')">
                <div class="var-bar">
                  <span class="muted">插入变量：</span>
                  <a-button v-for="v in variableButtons" :key="v.key" size="small" :data-test="'var-' + v.key"
                      @mousedown.prevent @click="insertVariable(v.insert)">{{ v.label }}</a-button>
                </div>
                <a-textarea id="campaign-text" v-model:value="form.text" :rows="6" :maxlength="4000"
                    placeholder="例如：{{customer_name}}您好，{{store_name|门店}}本周会员日，{{staff_name}}在店里等您"></a-textarea>
                <div class="muted" style="margin-top: 4px">
                  已输入 {{ fmtNumber(textBytes) }} 字节；可能为空的变量会带默认值（竖线后的文字），可自行修改。
                  <span v-if="preview">替换变量后最长约 {{ fmtNumber(preview.maxRenderedBytes) }} 字节（企业微信上限 4,000）。</span>
                </div>
              </a-form-item>
              <a-form-item label="附件（可选，最多 9 个）" :validate-status="err('content.attachments') ? 'error' : ''" :help="err('content.attachments')">
                <div v-for="(a, i) in form.attachments" :key="i" class="attachment-edit">
                  <a-tag>{{ a.type === 'link' ? '链接' : (a.type === 'image' ? '图片' : (a.type === 'miniprogram' ? '小程序' : a.type)) }}</a-tag>
                  <template v-if="a.type === 'link'">
                    <a-input v-model:value="a.title" placeholder="标题" style="width: 180px"></a-input>
                    <a-input v-model:value="a.url" placeholder="链接地址 https://…" style="width: 240px"></a-input>
                    <a-input v-model:value="a.desc" placeholder="描述（可选）" style="width: 180px"></a-input>
                  </template>
                  <template v-else-if="a.type === 'image'">
                    <a-button :loading="uploading" @click="pickFile(a, 'assetId')">{{ a.assetId ? '更换图片' : '上传图片' }}</a-button>
                    <span class="muted">{{ a._name || (a.assetId ? '素材 #' + a.assetId : (a.picUrl || '未上传')) }}</span>
                  </template>
                  <template v-else-if="a.type === 'miniprogram'">
                    <a-input v-model:value="a.title" placeholder="标题" style="width: 160px"></a-input>
                    <a-input v-model:value="a.appId" placeholder="小程序 AppID" style="width: 160px"></a-input>
                    <a-input v-model:value="a.page" placeholder="页面路径" style="width: 160px"></a-input>
                    <a-button :loading="uploading" @click="pickFile(a, 'picAssetId')">{{ a.picAssetId ? '更换封面' : '上传封面' }}</a-button>
                  </template>
                  <span v-else class="muted">{{ a.title || a.assetId || a.mediaId }}</span>
                  <a-button type="text" danger size="small" @click="removeAttachment(i)">删除</a-button>
                  <div v-if="err('content.attachments[' + i + ']')" class="field-error">{{ err('content.attachments[' + i + ']') }}</div>
                </div>
                <a-space>
                  <a-button size="small" @click="addAttachment('link')">＋ 链接</a-button>
                  <a-button size="small" @click="addAttachment('image')">＋ 图片</a-button>
                  <a-button size="small" @click="addAttachment('miniprogram')">＋ 小程序</a-button>
                </a-space>
              </a-form-item>
            </a-form>

            <!-- 3 渠道 -->
            <div v-show="step === 2">
              <a-radio-group v-model:value="form.channel" class="channel-cards">
                <label v-for="c in channelKeys" :key="c" :class="['channel-card', form.channel === c ? 'active' : '']" :data-test="'channel-' + c">
                  <a-radio :value="c"><b>{{ CHANNELS[c].label }}</b><span v-if="c === 'AUTO'" class="muted">（推荐）</span></a-radio>
                  <div class="channel-help">{{ CHANNEL_HELP[c] }}</div>
                </label>
              </a-radio-group>
              <div v-if="err('channel')" class="field-error">{{ err('channel') }}</div>
              <a-alert v-if="channelInfo" style="margin-top: 12px" type="info" show-icon
                  :message="'本次将使用：' + channelInfo.label" :description="channelInfo.reason"></a-alert>
            </div>

            <!-- 4 时间 -->
            <a-form v-show="step === 3" layout="vertical">
              <a-form-item label="发送时间" :validate-status="err('schedule') ? 'error' : ''" :help="err('schedule')">
                <a-radio-group v-model:value="form.scheduleType" button-style="solid" data-test="schedule-type">
                  <a-radio-button value="manual" data-test="schedule-manual">立即发送</a-radio-button>
                  <a-radio-button value="once" data-test="schedule-once">定时发送</a-radio-button>
                  <a-radio-button value="recurring" data-test="schedule-recurring">周期发送</a-radio-button>
                </a-radio-group>
                <div v-if="form.scheduleType === 'once'" style="margin-top: 8px">
                  <a-date-picker v-model:value="form.onceAt" show-time :show-now="false" format="YYYY-MM-DD HH:mm"
                      :disabled-date="disabledPast" placeholder="选择发送时间"></a-date-picker>
                </div>
                <div v-if="form.scheduleType === 'recurring'" style="margin-top: 8px; display: flex; gap: 8px; flex-wrap: wrap">
                  <a-select v-model:value="form.preset" :options="presetOptions" style="width: 220px" data-test="schedule-preset"></a-select>
                  <a-time-picker v-if="form.preset !== '__cron'" v-model:value="form.time" value-format="HH:mm" format="HH:mm"
                      :minute-step="5" :allow-clear="false" placeholder="时间"></a-time-picker>
                  <a-input v-else v-model:value="form.cron" placeholder="Quartz cron，例如 0 0 10 ? * MON#1" style="width: 260px"></a-input>
                </div>
                <div v-if="form.scheduleType === 'manual'" class="muted" style="margin-top: 6px">保存后立即发送一次；之后可在详情页随时再次发送。</div>
              </a-form-item>
              <a-form-item v-if="preview && preview.nextFires && preview.nextFires.length && form.scheduleType !== 'manual'" label="接下来的发送时间">
                <a-tag v-for="t in preview.nextFires" :key="t" color="blue">{{ new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) }}</a-tag>
              </a-form-item>
              <a-alert type="info" show-icon class="section"
                  :message="quietHours ? '免打扰时段 ' + quietHours + '（北京时间）：此时段内不会创建群发任务，到时段结束后再发送，不会丢弃。' : '未设置免打扰时段：任何时间都可发送。'"></a-alert>
              <a-row :gutter="16">
                <a-col :span="8">
                  <a-form-item label="每位客户每天最多收到" :validate-status="err('limits.perDay') ? 'error' : ''" :help="err('limits.perDay') || '所有群发合计；留空用企业默认，0 为不限'">
                    <a-input-number v-model:value="form.perDay" :min="0" :max="1000" :precision="0" addon-after="条" placeholder="企业默认" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
                <a-col :span="8">
                  <a-form-item label="每周最多" :validate-status="err('limits.perWeek') ? 'error' : ''" :help="err('limits.perWeek')">
                    <a-input-number v-model:value="form.perWeek" :min="0" :max="1000" :precision="0" addon-after="条" placeholder="企业默认" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
                <a-col :span="8">
                  <a-form-item label="每月最多" :validate-status="err('limits.perMonth') ? 'error' : ''" :help="err('limits.perMonth') || '企业微信规则：每位客户每月最多 4 条'">
                    <a-input-number v-model:value="form.perMonth" :min="0" :max="1000" :precision="0" addon-after="条" placeholder="企业默认" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
              </a-row>
              <a-row :gutter="16">
                <a-col :span="8">
                  <a-form-item label="员工确认期限" :validate-status="err('limits.confirmHours') ? 'error' : ''" :help="err('limits.confirmHours') || '超时未确认的任务会被取消'">
                    <a-input-number v-model:value="form.confirmHours" :min="1" :max="168" :precision="0" addon-after="小时" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
                <a-col :span="8">
                  <a-form-item label="未确认时提醒间隔" :validate-status="err('limits.remindAfterMinutes') ? 'error' : ''" :help="err('limits.remindAfterMinutes')">
                    <a-input-number v-model:value="form.remindAfterMinutes" :min="1" :max="1440" :precision="0" addon-after="分钟" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
                <a-col :span="8">
                  <a-form-item label="最多提醒次数" :validate-status="err('limits.maxReminders') ? 'error' : ''" :help="err('limits.maxReminders') || '企业微信 24 小时内最多提醒 3 次'">
                    <a-input-number v-model:value="form.maxReminders" :min="0" :max="3" :precision="0" addon-after="次" style="width: 100%"></a-input-number>
                  </a-form-item>
                </a-col>
              </a-row>
              <a-form-item label="对照组（不发送，用于评估效果）" :validate-status="err('controlGroupPercent') ? 'error' : ''"
                  :help="err('controlGroupPercent') || '随机留出这部分客户不发送，详情页对比发送与未发送客户的留存和目标达成'">
                <a-slider v-model:value="form.controlGroupPercent" :min="0" :max="50" :marks="{ 0: '不设', 10: '10%', 20: '20%', 50: '50%' }" style="max-width: 420px"></a-slider>
              </a-form-item>
              <a-form-item v-if="form.controlGroupPercent > 0" label="效果目标（可选）" :validate-status="err('goal') ? 'error' : ''" :help="err('goal')">
                <a-space wrap>
                  <span>发送后</span>
                  <a-input-number v-model:value="form.goalDays" :min="1" :max="365" :precision="0" addon-after="天内" style="width: 130px"></a-input-number>
                  <tag-select v-model:value="form.goalTags" placeholder="被打上这些标签"></tag-select>
                  <span>或进入</span>
                  <a-select v-model:value="form.goalStage" :options="stageOptions" allow-clear placeholder="生命周期阶段" style="width: 140px"></a-select>
                </a-space>
              </a-form-item>
            </a-form>

            <!-- 5 确认 -->
            <div v-show="step === 4" data-test="wizard-review">
              <a-descriptions bordered :column="1" size="small">
                <a-descriptions-item label="活动名称">{{ form.name || '（未填写）' }}</a-descriptions-item>
                <a-descriptions-item label="受众">{{ audienceText }}</a-descriptions-item>
                <a-descriptions-item label="当前人数">
                  <span v-if="preview" class="num">{{ fmtNumber(preview.count) }} 位客户</span><span v-else>—</span>
                </a-descriptions-item>
                <a-descriptions-item label="内容"><div class="pre-wrap">{{ form.text || '（未填写）' }}</div>
                  <div v-if="form.attachments.length" class="muted">附件 {{ form.attachments.length }} 个</div></a-descriptions-item>
                <a-descriptions-item label="渠道">{{ CHANNELS[form.channel].label }}<span v-if="channelInfo && form.channel === 'AUTO'" class="muted">（本次：{{ channelInfo.label }}）</span></a-descriptions-item>
                <a-descriptions-item label="发送时间">{{ scheduleText }}</a-descriptions-item>
                <a-descriptions-item label="频次上限">每天 {{ capText(form.perDay) }}、每周 {{ capText(form.perWeek) }}、每月 {{ capText(form.perMonth) }}</a-descriptions-item>
                <a-descriptions-item label="员工确认">{{ form.confirmHours }} 小时内；未确认每 {{ form.remindAfterMinutes }} 分钟提醒，最多 {{ form.maxReminders }} 次</a-descriptions-item>
                <a-descriptions-item label="对照组">{{ form.controlGroupPercent ? form.controlGroupPercent + '%' : '不设' }}</a-descriptions-item>
              </a-descriptions>
              <a-alert v-for="e in otherErrors" :key="e.field + e.message" type="error" show-icon :message="e.message" style="margin-top: 8px"></a-alert>
            </div>

            <div class="wizard-actions">
              <a-button v-if="step > 0" @click="prev" data-test="wizard-prev">上一步</a-button>
              <a-button v-if="step < 4" type="primary" @click="next" data-test="wizard-next">下一步</a-button>
              <template v-if="step === 4">
                <a-button v-if="editId" :loading="saving" @click="save('keep')" data-test="save-keep">保存修改</a-button>
                <a-button v-else :loading="saving" @click="save('draft')" data-test="save-draft">保存为草稿</a-button>
                <a-button type="primary" :loading="saving" @click="save('go')" data-test="save-go">
                  {{ form.scheduleType === 'manual' ? '保存并立即发送' : '保存并排期' }}</a-button>
              </template>
            </div>
          </a-card>

          <!-- the live side panel: audience count and a personalised preview -->
          <div class="wizard-side">
            <a-card size="small" title="受众预览" class="section">
              <template #extra><a-tooltip title="按门店：跟进客户的员工所在门店；一位客户被多个门店的员工添加时在每个门店都计入，实际只由一位员工发送一次"><span class="muted">ⓘ</span></a-tooltip></template>
              <a-spin :spinning="previewing">
                <a-statistic title="当前符合条件的客户" :value="preview ? preview.count : '—'" :formatter="(v) => preview ? fmtNumber(v.value) : '—'" suffix="人" data-test="audience-count"></a-statistic>
                <div v-if="byStore.length" class="store-split">
                  <div v-for="s in byStore.slice(0, 6)" :key="s.storeId" class="store-row"><span>{{ s.storeName }}</span><span class="num">{{ fmtNumber(s.count) }}</span></div>
                </div>
              </a-spin>
            </a-card>
            <a-card size="small" title="消息预览（按客户）">
              <div v-if="sampleOptions.length && form.text.trim()">
                <a-select v-model:value="sampleIndex" :options="sampleOptions" style="width: 100%" data-test="preview-customer"></a-select>
                <div class="phone" data-test="preview-message">
                  <div class="phone-who">{{ currentSample.staffName || currentSample.sender }} → {{ currentSample.name || currentSample.target }}</div>
                  <div class="bubble">{{ currentSample.text || '（内容为空）' }}</div>
                  <div v-for="(a, i) in form.attachments" :key="i" class="bubble bubble-card">
                    {{ a.type === 'link' ? '🔗 ' + (a.title || '链接') : (a.type === 'image' ? '🖼 图片' : (a.type === 'miniprogram' ? '🧩 小程序：' + (a.title || '') : a.type)) }}
                  </div>
                </div>
              </div>
              <a-empty v-else :description="!form.text.trim() ? '填写内容后，这里显示每位客户收到的消息' : (preview ? '没有符合条件的客户，请调整受众' : '正在生成预览…')"></a-empty>
            </a-card>
          </div>
        </div>
      </template>
    </div>`,
};
