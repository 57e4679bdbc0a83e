// The console's frame: side menu, top bar (corp, account, logout) and the page. The login page has no frame.
import { MENU } from './router.js';
import { session, logout, switchCorp } from './session.js';

const { computed } = Vue;
const { useRoute, useRouter } = VueRouter;

export default {
  name: 'ConsoleApp',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const framed = computed(() => !route.meta.public && !!session.me);
    const menu = computed(() => MENU.filter((m) => !m.visible || m.visible())
      .map((m) => ({ ...m, children: m.children && m.children.filter((c) => !c.visible || c.visible()) })));
    const selected = computed(() => [route.meta.menu || '/' + (route.path.split('/')[1] || 'dashboard')]);
    const openKeys = computed(() => MENU.filter((m) => m.children).map((m) => m.label));
    const go = ({ key }) => router.push(key);
    const corpName = computed(() => {
      const c = session.corps.find((x) => x.corpId === session.corp);
      return c ? c.name : '';
    });
    const onCorp = (corpId) => {
      switchCorp(corpId);
      router.push('/dashboard').then(() => window.location.reload());
    };
    const doLogout = async () => {
      await logout();
      router.push('/login');
    };
    const roleLabel = computed(() => session.me ? session.me.roleLabels.join('、') : '');
    // the page's key: a corp switch or a new id renders the page afresh
    const viewKey = computed(() => session.corp + route.fullPath.split('?')[0]);
    return { framed, menu, selected, openKeys, go, session, corpName, onCorp, doLogout, roleLabel, viewKey,
      zhCN: antd.locales.zh_CN };
  },
  template: `
  <a-config-provider :locale="zhCN" :theme="{ token: { colorPrimary: '#07c160', borderRadius: 6 } }">
    <router-view v-if="!framed"></router-view>
    <a-layout v-else class="console-layout">
      <a-layout-sider width="208" theme="dark" class="console-sider">
        <div class="brand"><span class="brand-mark">W</span>WeScrm 运营控制台</div>
        <a-menu theme="dark" mode="inline" :selected-keys="selected" :open-keys="openKeys" @click="go">
          <template v-for="m in menu" :key="m.path || m.label">
            <a-sub-menu v-if="m.children" :key="m.label">
              <template #title><span class="menu-icon">{{ m.icon }}</span>{{ m.label }}</template>
              <a-menu-item v-for="c in m.children" :key="c.path" :data-path="c.path">{{ c.label }}</a-menu-item>
            </a-sub-menu>
            <a-menu-item v-else :key="m.path" :data-path="m.path"><span class="menu-icon">{{ m.icon }}</span>{{ m.label }}</a-menu-item>
          </template>
        </a-menu>
      </a-layout-sider>
      <a-layout>
        <a-layout-header class="console-header">
          <div class="header-corp">
            <span class="muted">企业：</span>
            <a-select v-if="session.corps.length > 1" :value="session.corp" style="width: 240px" @change="onCorp"
                :options="session.corps.map(c => ({ value: c.corpId, label: c.name + '（' + c.corpId + '）' }))"></a-select>
            <span v-else class="corp-name">{{ corpName }}</span>
          </div>
          <div class="header-user">
            <a-tag color="green" class="role-tag">{{ roleLabel }}</a-tag>
            <span class="username">{{ session.me.username }}</span>
            <a-button type="link" class="logout" @click="doLogout">退出登录</a-button>
          </div>
        </a-layout-header>
        <a-layout-content class="console-content">
          <a-result v-if="!session.corp" status="warning" title="当前账号未绑定任何企业" sub-title="请联系管理员为账号绑定企业后重新登录"></a-result>
          <router-view v-else v-slot="{ Component }">
            <component :is="Component" :key="viewKey"></component>
          </router-view>
        </a-layout-content>
      </a-layout>
    </a-layout>
  </a-config-provider>`,
};
