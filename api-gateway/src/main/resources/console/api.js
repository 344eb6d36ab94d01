// The public API, called with the user's key. The key lives in sessionStorage: it is gone when the
// tab closes, and "Sign out" removes it at once. Nothing here knows an internal route.

const KEY = 'vtry.apiKey';
const BASE = '/api/v1';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

/** An error answer of the API: its code, message, fields at fault and when to retry. */
export class ApiError extends Error {
  constructor(status, body, headers) {
    const error = (body && body.error) || {};
    super(error.message || `The API answered ${status}`);
    this.status = status;
    this.code = error.code || `http${status}`;
    this.details = error.details || {};
    this.fields = this.details.fields || {};
    this.requestId = headers ? headers.get('X-Request-Id') : null;
    const retry = Number(headers && headers.get('Retry-After')) || this.details.retryAfterSeconds;
    this.retryAfter = status === 429 && retry ? Number(retry) : null;
  }
}

/** A new Idempotency-Key (crypto.randomUUID needs https; this works on plain http too). */
export function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'console-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One request. `json` is sent as JSON, `form` (a FormData) as multipart. Every POST, PATCH and
 * DELETE carries an Idempotency-Key, so the one retry after a dropped connection cannot run twice
 * (`retry: false` for the one request whose retry could not succeed: the key's rotation).
 */
export async function api(method, path, { json, form, query, signal, accept, retry = true } = {}) {
  const key = session.key();
  const headers = { Authorization: `Bearer ${key}`, Accept: accept || 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) {
    body = form; // the browser writes the multipart boundary
  }
  if (method !== 'GET') {
    headers['Idempotency-Key'] = idempotencyKey();
  }
  const url = BASE + path + (query ? '?' + new URLSearchParams(query) : '');
  inFlight(+1);
  let response;
  let text;
  try {
    try {
      response = await fetch(url, { method, headers, body, signal });
    } catch (e) {
      if (e.name === 'AbortError' || !retry) throw e;
      await new Promise((resolve) => setTimeout(resolve, 1000)); // same key: runs at most once
      response = await fetch(url, { method, headers, body, signal });
    }
    if (accept === 'text/event-stream' && response.ok) {
      return response; // a stream stays open: it is not "in flight"
    }
    text = await response.text();
  } finally {
    inFlight(-1);
  }
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed, response.headers);
    if (response.status === 401 && key === session.key()) { // not a request of a key replaced meanwhile
      window.dispatchEvent(new CustomEvent('vtry:unauthorized', { detail: error }));
    }
    throw error;
  }
  return parsed;
}

/** Requests under way, on the page for whoever waits for the console to settle (the browser test). */
let pending = 0;
function inFlight(delta) {
  pending += delta;
  document.documentElement.dataset.requests = String(pending);
}

export const get = (path, query) => api('GET', path, { query });
export const post = (path, json) => api('POST', path, { json });
export const postForm = (path, form) => api('POST', path, { form });
export const patch = (path, json) => api('PATCH', path, { json });
export const del = (path, query) => api('DELETE', path, { query });

/** The API's own limits for images (docs: "Accepted images"), checked before an upload. */
export const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 18_000_000, types: ['JPEG', 'PNG', 'WebP'] };

/** Answers that change rarely, read once per page load. */
const cache = new Map();
export function once(path) {
  if (!cache.has(path)) {
    cache.set(path, get(path).catch((e) => {
      cache.delete(path);
      throw e;
    }));
  }
  return cache.get(path);
}
export function forget(path) {
  cache.delete(path);
}
