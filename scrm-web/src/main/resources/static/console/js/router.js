// Routes and the side menu: one entry per page (docs/console.md). Pages load lazily, each its own module under
// pages/, so one page's failure cannot take the console down. {@code roles} hides a page from other roles (the
// server refuses them anyway).
import { session, loadSession, can } from './session.js';
import { onUnauthorized } from './api.js';

const { createRouter, createWebHashHistory } = VueRouter;

const page = (name) => () => import(`./pages/${name}.js`);

/** The side menu: groups of entries; each entry's {@code path} is a route below. */
export const MENU = [
  { path: '/dashboard', label: '数据看板', icon: '📊' },
  { label: '客户管理', icon: '👥', children: [
    { path: '/customers', label: '客户' },
    { path: '/tags', label: '标签库' },
    { path: '/rules', label: '自动标签规则' },
  ] },
  { label: '营销触达', icon: '📣', children: [
    { path: '/campaigns', label: '群发与SOP' },
    { path: '/moments', label: '朋友圈' },
  ] },
  { label: '获客与社群', icon: '🧲', children: [
    { path: '/contact-ways', label: '渠道活码' },
    { path: '/groups', label: '客户群' },
    { path: '/join-ways', label: '群活码' },
  ] },
  { path: '/staff', label: '员工与继承', icon: '🧑‍💼' },
  { path: '/ops', label: '回调与同步', icon: '🔄', visible: () => can.corpWide() },
  { path: '/settings', label: '设置', icon: '⚙️' },
];

const routes = [
  { path: '/', redirect: '/dashboard' },
  { path: '/login', component: page('login'), meta: { public: true, title: '登录' } },
  { path: '/dashboard', component: page('dashboard'), meta: { title: '数据看板' } },
  { path: '/customers', component: page('customers'), meta: { title: '客户' } },
  { path: '/customers/:id', component: page('customer-detail'), meta: { title: '客户详情', menu: '/customers' } },
  { path: '/tags', component: page('tags'), meta: { title: '标签库' } },
  { path: '/rules', component: page('rules'), meta: { title: '自动标签规则' } },
  { path: '/rules/new', component: page('rule-edit'), meta: { title: '新建规则', menu: '/rules' } },
  { path: '/rules/:id', component: page('rule-edit'), meta: { title: '编辑规则', menu: '/rules' } },
  { path: '/campaigns', component: page('campaigns'), meta: { title: '群发与SOP' } },
  { path: '/campaigns/new', component: page('campaign-wizard'), meta: { title: '新建群发', menu: '/campaigns' } },
  { path: '/campaigns/:id/edit', component: page('campaign-wizard'), meta: { title: '编辑群发', menu: '/campaigns' } },
  { path: '/campaigns/:id', component: page('campaign-detail'), meta: { title: '群发详情', menu: '/campaigns' } },
  { path: '/moments', component: page('moments'), meta: { title: '朋友圈' } },
  { path: '/contact-ways', component: page('contact-ways'), meta: { title: '渠道活码' } },
  { path: '/groups', component: page('groups'), meta: { title: '客户群' } },
  { path: '/groups/:chatId', component: page('group-detail'), meta: { title: '客户群详情', menu: '/groups' } },
  { path: '/join-ways', component: page('join-ways'), meta: { title: '群活码' } },
  { path: '/staff', component: page('staff'), meta: { title: '员工与继承' } },
  { path: '/ops', component: page('ops'), meta: { title: '回调与同步' } },
  { path: '/settings', component: page('settings'), meta: { title: '设置' } },
  { path: '/:pathMatch(.*)*', component: page('not-found'), meta: { title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHashHistory(), routes });

router.beforeEach(async (to) => {
  if (!session.loaded) {
    await loadSession();
  }
  if (!to.meta.public && !session.me) {
    return { path: '/login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  }
  if (to.path === '/login' && session.me) {
    return { path: '/dashboard' };
  }
  return true;
});

router.afterEach((to) => {
  document.title = (to.meta.title ? to.meta.title + ' - ' : '') + 'WeScrm 运营控制台';
});

// a session that expired while the page was open: back to login, then back here
onUnauthorized(() => {
  if (session.me) {
    session.me = null;
    const here = router.currentRoute.value.fullPath;
    router.push({ path: '/login', query: { redirect: here, expired: '1' } });
  }
});
