// The console's one HTTP client: JSON in and out, the session cookie with its CSRF token (cookie XSRF-TOKEN →
// header X-XSRF-TOKEN), problems (RFC 9457, docs/api.md) turned into ApiError with the server's Chinese message.

/** An API problem: {@code detail} is the Chinese message, {@code errors} the field errors [{field, code, message}]. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `请求失败（HTTP ${status}）`);
    this.isApiError = true;
    this.status = status;
    this.code = problem && problem.code;
    this.detail = this.message;
    this.errors = (problem && Array.isArray(problem.errors)) ? problem.errors : [];
    this.problem = problem;
  }

  /** The message for one form field (the server's {@code errors[].field}), or undefined. */
  fieldMessage(field) {
    const e = this.errors.find((x) => x.field === field || (x.field && x.field.startsWith(field + '.')));
    return e && e.message;
  }
}

let unauthorizedHandler = () => {};

/** Called on a 401 from any call but the login itself (the session expired): the router sends the user to login. */
export function onUnauthorized(handler) {
  unauthorizedHandler = handler;
}

function csrfToken() {
  const m = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Query string of {@code params}: null, undefined and '' are left out, arrays repeat the name. */
export function query(params) {
  if (!params) {
    return '';
  }
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === '') {
      continue;
    }
    if (Array.isArray(v)) {
      v.filter((x) => x !== null && x !== undefined && x !== '').forEach((x) => q.append(k, x));
    } else {
      q.append(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * The server runs one heavy preview per corp at a time and answers the next with 429 too_many_previews and
 * Retry-After (docs/api.md): a preview is a read, so the console waits as told and asks again (three times at most)
 * instead of showing the user an error because another of its own previews was still running.
 */
const PREVIEW_RETRIES = 3;

async function request(method, path, options = {}) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestOnce(method, path, options);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 429 || e.code !== 'too_many_previews'
          || attempt >= PREVIEW_RETRIES || (options.signal && options.signal.aborted)) {
        throw e;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5, e.retryAfter || 1) * 1000));
    }
  }
}

async function requestOnce(method, path, { params, body, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET') {
    const token = csrfToken();
    if (token) {
      headers['X-XSRF-TOKEN'] = token;
    }
  }
  let res;
  try {
    res = await fetch(path + query(params), {
      method, headers, credentials: 'same-origin', signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e;
    }
    throw new ApiError(0, { detail: '无法连接服务器，请检查网络后重试' });
  }
  if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me') {
    unauthorizedHandler();
  }
  const type = res.headers.get('Content-Type') || '';
  if (!res.ok) {
    let problem = null;
    if (type.includes('json')) {
      try {
        problem = await res.json();
      } catch (ignored) {
        problem = null;
      }
    }
    const error = new ApiError(res.status, problem || { detail: `请求失败（HTTP ${res.status}）` });
    error.retryAfter = Number(res.headers.get('Retry-After')) || 0;
    throw error;
  }
  if (res.status === 204) {
    return null;
  }
  return type.includes('json') ? res.json() : res.text();
}

/** A multipart upload (a FormData body: files, e.g. campaign assets) with the CSRF header; JSON answer or ApiError. */
async function upload(path, form) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const token = csrfToken();
  if (token) {
    headers['X-XSRF-TOKEN'] = token;
  }
  let res;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: form });
  } catch (e) {
    throw new ApiError(0, { detail: '无法连接服务器，请检查网络后重试' });
  }
  if (res.status === 401) {
    unauthorizedHandler();
  }
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    throw new ApiError(res.status, body || { detail: res.status === 413 ? '文件过大' : `上传失败（HTTP ${res.status}）` });
  }
  return body;
}

export const api = {
  get: (path, params, opts) => request('GET', path, { ...opts, params }),
  post: (path, body, params) => request('POST', path, { body: body === undefined ? {} : body, params }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path, params) => request('DELETE', path, { params }),
  upload,
};
