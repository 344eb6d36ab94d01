// Following a job to its end: the event stream (GET /jobs/{id}/events) where the browser can read
// it, long polling (GET /jobs/{id}?wait=30) otherwise. EventSource cannot send an API key, so the
// stream is read with fetch.

import { api, get, post } from './api.js';
import { h, jobState, fill, statusBadge } from './ui.js';

const FINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export const isFinal = (job) => FINAL.has(job.status);

/** Calls onUpdate(job) for each state; resolves with the final job. */
export async function follow(id, onUpdate, signal) {
  let last = null;
  const seen = (job) => {
    last = job;
    onUpdate(job);
    return isFinal(job);
  };
  try {
    const response = await api('GET', `/jobs/${encodeURIComponent(id)}/events`, { accept: 'text/event-stream', signal });
    if (await readEvents(response, seen)) return last;
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    if (e.status && e.status !== 429 && e.status < 500) throw e; // 404, 401: polling would say the same
  }
  // The stream broke off or could not start: poll until the end.
  for (;;) {
    const job = await api('GET', `/jobs/${encodeURIComponent(id)}`, { query: { wait: 30 }, signal });
    if (seen(job)) return job;
  }
}

/** Reads Server-Sent Events; returns true once an event said the job is final. */
async function readEvents(response, seen) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n');
      if (data && seen(JSON.parse(data))) {
        reader.cancel().catch(() => {});
        return true;
      }
    }
  }
}

/**
 * A live status panel for a job: its state, the image model's progress, a Cancel button while it
 * runs. Resolves with the final job.
 */
export function jobPanel(id, label) {
  const state = h('span', { class: 'state' }, 'Queued');
  const badge = h('span', {}, statusBadge('QUEUED'));
  const cancel = h('button', { type: 'button', class: 'small' }, 'Cancel');
  const message = h('div', {});
  const panel = h('div', { class: 'job-panel', role: 'status', 'aria-live': 'polite', dataset: { jobId: id } },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('strong', {}, label), ' ', badge, ' ', state, ' ', cancel, message);
  cancel.addEventListener('click', async () => {
    cancel.disabled = true;
    try {
      await post(`/jobs/${encodeURIComponent(id)}/cancel`);
    } catch (e) {
      if (e.code !== 'jobFinished') fill(message, h('p', { class: 'error' }, e.message));
    }
  });
  const done = follow(id, (job) => {
    panel.dataset.status = job.status;
    fill(badge, statusBadge(job.status));
    state.textContent = jobState(job);
    if (isFinal(job)) {
      cancel.remove();
      panel.classList.add('final');
      if (job.error) fill(message, h('p', { class: 'error', role: 'alert' }, `${job.error.message} (${job.error.code})`));
    }
  }).catch((e) => {
    fill(message, h('p', { class: 'error', role: 'alert' }, `Lost track of the job: ${e.message}`));
    return get(`/jobs/${encodeURIComponent(id)}`).catch(() => ({ id, status: 'FAILED', error: { code: 'unknown', message: e.message } }));
  });
  return { panel, done };
}
