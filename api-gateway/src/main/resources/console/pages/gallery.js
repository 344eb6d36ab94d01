// Gallery: the history, a page at a time, images only or every job; a click opens a job's details.

import { get } from '../api.js';
import { h, fill, showError, img, pager, statusBadge, formatTime, jobState } from '../ui.js';
import { editBox } from './try-on.js';

const PAGE_SIZE = 20;

let shown = 0; // the newest list asked for: an older answer arriving late is dropped

export function render(main, signal) {
  const kind = h('select', { id: 'gallery-kind' },
    h('option', { value: 'images' }, 'Images: generations and edits'),
    h('option', { value: 'all' }, 'All jobs: also people and clothes'));
  const grid = h('section', { id: 'gallery', 'aria-label': 'Jobs' });
  const dialog = h('dialog', { id: 'job-dialog', 'aria-labelledby': 'job-title' });
  const show = (page) => load(grid, kind.value, page, dialog, signal);
  kind.addEventListener('change', () => show(1));
  main.append(h('div', { class: 'row' }, h('label', { for: 'gallery-kind' }, 'Show'), kind), grid, dialog);
  show(1);
  const wanted = new URLSearchParams(location.hash.split('?')[1] || '').get('job');
  if (wanted) get(`/jobs/${encodeURIComponent(wanted)}`).then((job) => details(dialog, job, signal)).catch((e) => showError(grid, e));
}

async function load(grid, kind, page, dialog, signal) {
  const mine = ++shown;
  try {
    const answer = await get('/history', { page, pageSize: PAGE_SIZE, kind });
    if (mine !== shown) return;
    if (answer.jobs.length === 0) {
      fill(grid, h('p', { class: 'muted' }, page > 1 ? 'Nothing on this page.' : 'No jobs yet: run a try-on.'));
      return;
    }
    fill(grid,
      h('ul', { class: 'gallery' }, answer.jobs.map((job) => h('li', {},
        h('button', { type: 'button', class: 'tile', dataset: { jobId: job.id, kind: job.kind, status: job.status }, onclick: () => details(dialog, job, signal) },
          job.imageUrl ? img(job.imageUrl, `${kindLabel(job.kind)} ${job.id}, ${formatTime(job.createdAt)}`)
            : h('span', { class: 'placeholder' }, jobState(job)),
          h('span', { class: 'caption' }, kindLabel(job.kind), ' ', statusBadge(job.status)))))),
      pager(answer.page, answer.totalPages, (p) => load(grid, kind, p, dialog, signal)));
  } catch (e) {
    showError(grid, e);
  }
}

function details(dialog, job, signal) {
  const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Close', onclick: () => dialog.close() }, '×');
  const rows = [
    ['Kind', kindLabel(job.kind)], ['Status', statusBadge(job.status)], ['Created', formatTime(job.createdAt)],
    ['Updated', formatTime(job.updatedAt)], ['Id', h('code', {}, job.id)],
    job.sourceUrl && ['Source', job.sourceUrl],
    job.error && ['Error', `${job.error.message} (${job.error.code})`],
    job.response && job.response.width && ['Size', `${job.response.width} x ${job.response.height}`],
  ].filter(Boolean);
  const images = (job.response && job.response.images) || (job.imageUrl ? [{ imageUrl: job.imageUrl }] : []);
  fill(dialog, close, h('h2', { id: 'job-title' }, `${kindLabel(job.kind)} ${job.id}`),
    images.map((image, i) => h('figure', { class: 'result' }, img(image.imageUrl, `Result ${i + 1} of job ${job.id}`, { loading: 'eager' }),
      h('figcaption', {}, h('a', { href: image.imageUrl, download: `${job.id}-${i + 1}.jpg`, class: 'button' }, 'Download')))),
    h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    h('details', {}, h('summary', {}, 'Parameters'), h('pre', {}, JSON.stringify(job.parameters, null, 2))),
    job.prompt && h('details', {}, h('summary', {}, 'Prompt sent to the image model'), h('pre', { class: 'wrap' }, job.prompt)),
    job.status === 'COMPLETED' && (job.kind === 'generation' || job.kind === 'edit') && editBox(job, signal));
  if (!dialog.open) dialog.showModal();
}

function kindLabel(kind) {
  return { generation: 'Try-on', edit: 'Edit', 'person-compose': 'Composite', 'clothes-upload': 'Cloth upload', 'clothes-extract': 'Cloth extraction' }[kind] || kind;
}
