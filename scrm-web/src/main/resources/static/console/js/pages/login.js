// 登录: username and password → session cookie (+ CSRF cookie); back to where the user was going.
import { login } from '../session.js';

const { reactive, ref } = Vue;
const { useRoute, useRouter } = VueRouter;

export default {
  name: 'LoginPage',
  setup() {
    const route = useRoute();
    const router = useRouter();
    const form = reactive({ username: '', password: '' });
    const error = ref(route.query.expired ? '登录已过期，请重新登录' : '');
    const busy = ref(false);
    // where to go after login: read once, before the route changes
    const redirect = typeof route.query.redirect === 'string' && route.query.redirect.startsWith('/')
      ? route.query.redirect : '/dashboard';
    const submit = async () => {
      if (busy.value) {
        return;
      }
      if (!form.username || !form.password) {
        error.value = '请输入用户名和密码';
        return;
      }
      busy.value = true;
      error.value = '';
      try {
        await login(form.username.trim(), form.password);
        router.replace(redirect);
      } catch (e) {
        error.value = e && e.isApiError ? e.detail : '登录失败，请稍后重试';
      } finally {
        busy.value = false;
      }
    };
    return { form, error, busy, submit };
  },
  template: `
    <div class="login-page">
      <div class="login-card">
        <div class="login-brand"><span class="brand-mark">W</span>WeScrm 运营控制台</div>
        <div class="login-sub">企业微信私域客户运营</div>
        <a-alert v-if="error" type="error" :message="error" show-icon class="login-error"></a-alert>
        <a-form layout="vertical">
          <a-form-item label="用户名">
            <a-input id="login-username" v-model:value="form.username" autocomplete="username" placeholder="请输入用户名" size="large" @pressEnter="submit"></a-input>
          </a-form-item>
          <a-form-item label="密码">
            <a-input-password id="login-password" v-model:value="form.password" autocomplete="current-password" placeholder="请输入密码" size="large" @pressEnter="submit"></a-input-password>
          </a-form-item>
          <a-button id="login-submit" type="primary" block size="large" :loading="busy" @click="submit">登录</a-button>
        </a-form>
        <div class="login-foot">连续输错密码会被暂时锁定；忘记密码请联系管理员重置。</div>
      </div>
    </div>`,
};
