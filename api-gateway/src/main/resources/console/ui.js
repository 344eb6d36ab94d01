// Small DOM helpers shared by the pages: an element builder, readable API errors, image checks.

import { ApiError, IMAGE_LIMITS } from './api.js';

/** h('button', {class: 'primary', onclick}, 'Save'): attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A readable message for any failure, naming the fields at fault and when to retry. */
export function errorBox(error) {
  if (!(error instanceof ApiError)) {
    return h('div', { class: 'error', role: 'alert' }, error && error.message ? error.message : String(error));
  }
  const fields = Object.entries(error.fields);
  return h('div', { class: 'error', role: 'alert', dataset: { code: error.code } },
    h('strong', {}, error.message),
    fields.length > 0 && h('ul', {}, fields.map(([field, messages]) =>
      h('li', {}, h('code', {}, field), ': ', [].concat(messages).join('; ')))),
    error.retryAfter && h('p', {}, `Try again in ${error.retryAfter} s.`),
    h('p', { class: 'muted small' }, `${error.status} ${error.code}`,
      error.requestId ? ` · request ${error.requestId}` : ''));
}

/** Shows the failure in `slot` (replacing what was there); returns the error for chaining. */
export function showError(slot, error) {
  fill(slot, errorBox(error));
  if (!(error instanceof ApiError)) console.warn(error);
  return error;
}

/** Runs `work` with the button disabled and a busy label; errors go to `slot`. */
export async function busy(button, slot, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  if (slot) fill(slot);
  try {
    return await work();
  } catch (e) {
    if (slot) showError(slot, e);
    else toast(e.message, 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const note = h('div', { class: `toast ${kind}` }, message);
  box.append(note);
  setTimeout(() => note.remove(), 5000);
}

export function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** A label for a job's state: "Queued (3rd in line)", "Running", "Completed"... */
export function jobState(job) {
  const progress = job.progress;
  if (job.status === 'PROCESSING' && progress && progress.stage === 'queued') {
    return progress.queuePosition != null ? `Waiting at the image model (position ${progress.queuePosition})` : 'Waiting at the image model';
  }
  return { QUEUED: 'Queued', PROCESSING: 'Working', COMPLETED: 'Completed', FAILED: 'Failed', CANCELLED: 'Cancelled' }[job.status] || job.status;
}

export function statusBadge(status) {
  return h('span', { class: `badge ${String(status).toLowerCase()}` }, status);
}

/** An image with alt text that tells what it shows; lazy below the fold. */
export function img(src, alt, attrs = {}) {
  return h('img', { src, alt, loading: 'lazy', decoding: 'async', ...attrs });
}

/**
 * The API's checks of an image, made before the upload: JPEG, PNG or WebP by content, at most 10 MB
 * and 18 megapixels, and it decodes. Returns null when fine, else a message naming the file.
 */
export async function checkImage(file) {
  const name = file.name || 'the file';
  if (file.size > IMAGE_LIMITS.maxBytes) return `${name} is ${formatBytes(file.size)}: at most 10 MB is accepted`;
  const head = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const type = sniff(head);
  if (!type) return `${name} is not a JPEG, PNG or WebP image`;
  try {
    const bitmap = await createImageBitmap(file);
    const pixels = bitmap.width * bitmap.height;
    bitmap.close();
    if (pixels > IMAGE_LIMITS.maxPixels) return `${name} has ${(pixels / 1e6).toFixed(1)} megapixels: at most 18 are accepted`;
  } catch {
    return `${name} is damaged or cut short: it does not decode`;
  }
  return null;
}

function sniff(b) {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'PNG';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50) return 'WebP';
  return null;
}

/**
 * A drop zone with a file input and previews. `onChange(files, problems)` gets the files and a
 * message per file the API would refuse.
 */
export function dropZone({ id, label, multiple, max, onChange }) {
  const input = h('input', { type: 'file', id, accept: 'image/jpeg,image/png,image/webp', multiple, class: 'visually-hidden' });
  const previews = h('div', { class: 'previews' });
  const problems = h('div', { class: 'problems' });
  let files = [];
  let picks = 0; // the newest pick: checks of an older one that end later are dropped
  const zone = h('label', { class: 'drop', for: id },
    h('span', {}, label), h('span', { class: 'muted small' }, `Drop or choose ${multiple ? `up to ${max} images` : 'an image'}: JPEG, PNG or WebP, at most 10 MB and 18 megapixels`));
  async function take(list) {
    const mine = ++picks;
    const chosen = Array.from(list).slice(0, multiple ? 99 : 1);
    const messages = [];
    if (multiple && chosen.length > max) messages.push(`${chosen.length} files chosen: at most ${max} are accepted`);
    for (const file of chosen) {
      const problem = await checkImage(file);
      if (problem) messages.push(problem);
    }
    if (mine !== picks) return;
    files = chosen;
    fill(previews, files.map((file) => {
      const url = URL.createObjectURL(file);
      return h('figure', {}, img(url, `Preview of ${file.name}`, { onload: () => URL.revokeObjectURL(url) }),
        h('figcaption', { class: 'small' }, `${file.name} · ${formatBytes(file.size)}`));
    }));
    fill(problems, messages.map((m) => h('p', { class: 'error', role: 'alert' }, m)));
    onChange(files, messages);
  }
  input.addEventListener('change', () => take(input.files));
  zone.addEventListener('dragover', (e) => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    take(e.dataTransfer.files);
  });
  const root = h('div', { class: 'dropzone' }, input, zone, previews, problems);
  root.reset = () => { input.value = ''; files = []; fill(previews); fill(problems); };
  return root;
}

/** A select of options [{value, label}]. */
export function select(id, options, value) {
  return h('select', { id, name: id }, options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)));
}

export function field(label, control, hint) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hint && h('p', { class: 'muted small' }, hint));
}

/** Previous and next for a paged list; null when there is one page. */
export function pager(page, totalPages, go) {
  if (totalPages <= 1) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, 'Previous'),
    h('span', {}, `Page ${page} of ${totalPages}`),
    h('button', { type: 'button', disabled: page >= totalPages, onclick: () => go(page + 1) }, 'Next'));
}

export const MODELS = [
  { value: 'NanoBanana', label: 'NanoBanana (up to 2 clothes)', maxClothes: 2 },
  { value: 'NanoBanana2', label: 'NanoBanana2 (up to 7 clothes, paid plans)', maxClothes: 7 },
];
export const ASPECT_RATIOS = ['auto', '21:9', '16:9', '3:2', '4:3', '5:4', '1:1', '4:5', '3:4', '2:3', '9:16'];
export const RESOLUTIONS = ['1K', '2K', '4K'];
