// Following a job to its end: the event stream (GET /jobs/{id}/events) where the browser can read
// it, long polling (GET /jobs/{id}?wait=30) otherwise. EventSource cannot send an API key, so the
// stream is read with fetch. Every follow stops when its page is left (the page's AbortSignal).

import { api, post } from './api.js';
import { h, jobState, fill, statusBadge } from './ui.js';

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export const isFinal = (job) => FINAL.has(job.status);

const path = (id) => `/jobs/${encodeURIComponent(id)}`;
const pause = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => {
    clearTimeout(timer);
    reject(signal.reason);
  }, { once: true });
});

/**
 * Calls onUpdate(job, transport) for each state ('events' or 'polling'); resolves with the final job.
 * Rejects with an AbortError when `signal` aborts.
 */
export async function follow(id, onUpdate, signal) {
  let transport = 'events';
  let last = null;
  const seen = (job) => {
    last = job;
    onUpdate(job, transport);
    return isFinal(job);
  };
  try {
    const response = await api('GET', `${path(id)}/events`, { accept: 'text/event-stream', signal });
    if (await readEvents(response, seen, signal)) return last;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    if (e.status && e.status !== 429 && e.status < 500) throw e; // 404, 401: polling would say the same
  }
  // The stream broke off or could not start: poll until the end, waiting out limits and outages.
  transport = 'polling';
  for (;;) {
    try {
      const job = await api('GET', path(id), { query: { wait: 30 }, signal });
      if (seen(job)) return job;
    } catch (e) {
      if (e.name === 'AbortError' || !(e.status === 429 || e.status >= 500)) throw e;
      await pause((e.retryAfter || 2) * 1000, signal);
    }
  }
}

/** Reads Server-Sent Events; returns true once an event said the job is final. */
async function readEvents(response, seen, signal) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal?.addEventListener('abort', stop, { once: true });
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return false;
      // Lines end in \n, \r\n or \r; a \r at a chunk's end waits for the next chunk's \n.
      buffer += value;
      const held = buffer.endsWith('\r') ? '\r' : '';
      let text = (held ? buffer.slice(0, -1) : buffer).replace(/\r\n?/g, '\n');
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5)).join('\n');
        if (data && seen(JSON.parse(data))) {
          stop();
          return true;
        }
      }
      buffer = text + held;
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

/**
 * A live status panel for a job: its state, the image model's progress, a Cancel button while it
 * runs. `done` resolves with the final job (or never, once the page is left).
 */
export function jobPanel(id, label, signal) {
  const state = h('span', { class: 'state', role: 'status' }, 'Queued');
  const badge = h('span', {}, statusBadge('QUEUED'));
  const cancel = h('button', { type: 'button', class: 'small' }, 'Cancel');
  const message = h('div', {});
  const panel = h('div', { class: 'job-panel', dataset: { jobId: id } },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('strong', {}, label), ' ', badge, ' ', state, ' ', cancel, message);
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      await post(`${path(id)}/cancel`);
    } catch (e) {
      if (e.code !== 'jobFinished') fill(message, h('p', { class: 'error' }, e.message));
    }
  });
  const done = follow(id, (job, transport) => {
    panel.dataset.status = job.status;
    panel.dataset.transport = transport;
    fill(badge, statusBadge(job.status));
    state.textContent = jobState(job);
    if (isFinal(job)) {
      cancel.remove();
      panel.classList.add('final');
      if (job.error) fill(message, h('p', { class: 'error', role: 'alert' }, `${job.error.message} (${job.error.code})`));
    }
  }, signal).catch((e) => {
    if (e.name === 'AbortError') return new Promise(() => {}); // the page is gone: nothing more to show
    fill(message, h('p', { class: 'error', role: 'alert' }, `Lost track of the job: ${e.message}`));
    return { id, status: 'UNKNOWN', error: { code: e.code || 'unknown', message: e.message } };
  });
  return { panel, done };
}
