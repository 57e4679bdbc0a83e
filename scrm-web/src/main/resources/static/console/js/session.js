// Who is logged in and which corp the console works on (GET /api/auth/me, GET /api/corps).
import { api } from './api.js';

const { reactive } = Vue;

const CORP_KEY = 'wescrm.corp';

export const session = reactive({
  me: null,        // {username, roles, roleLabels, corps, stores, authenticatedBy}
  corps: [],       // [{corpId, name}]
  corp: null,      // the current corp id
  loaded: false,
});

export async function loadSession() {
  try {
    const [me, corps] = await Promise.all([api.get('/api/auth/me'), api.get('/api/corps')]);
    session.me = me;
    session.corps = corps;
    const saved = localStorage.getItem(CORP_KEY);
    const ids = session.corps.map((c) => c.corpId);
    session.corp = ids.includes(saved) ? saved : (ids[0] || null);
  } catch (e) {
    session.me = null;
    session.corps = [];
    session.corp = null;
    if (!(e && e.status === 401)) {
      throw e;
    }
  } finally {
    session.loaded = true;
  }
}

export async function login(username, password) {
  await api.post('/api/auth/login', { username, password });
  await loadSession();
}

export async function logout() {
  try {
    await api.post('/api/auth/logout');
  } finally {
    session.me = null;
  }
}

export function switchCorp(corpId) {
  session.corp = corpId;
  localStorage.setItem(CORP_KEY, corpId);
}

export function role() {
  return session.me && session.me.roles[0];
}

/** Role checks mirroring the server's role table (web/security/RoleRules): the server decides, the UI only hides. */
export const can = {
  admin: () => role() === 'ADMIN',
  operate: () => role() === 'ADMIN' || role() === 'OPERATOR',
  storeManager: () => role() === 'STORE_MANAGER',
  viewer: () => role() === 'VIEWER',
  /** Corp-wide operations (inbox, sync runs, reconciliation): every role but the store manager. */
  corpWide: () => role() !== 'STORE_MANAGER',
  seeWholeMobiles: () => role() === 'ADMIN' || role() === 'OPERATOR',
};

/** The path of a corp's API: corpPath('/customers') → /api/corps/{corp}/customers. */
export function corpPath(path) {
  return `/api/corps/${encodeURIComponent(session.corp)}${path}`;
}

/** api.get/post/… on the current corp. */
export const corpApi = {
  get: (path, params, opts) => api.get(corpPath(path), params, opts),
  post: (path, body, params) => api.post(corpPath(path), body, params),
  put: (path, body) => api.put(corpPath(path), body),
  patch: (path, body) => api.patch(corpPath(path), body),
  del: (path, params) => api.del(corpPath(path), params),
  upload: (path, form) => api.upload(corpPath(path), form),
};
