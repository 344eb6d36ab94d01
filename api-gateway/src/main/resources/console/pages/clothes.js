// Clothes: upload a file, import an image URL, or list a product page's pictures and pick one;
// each kept as it is (direct) or cut out as a packshot by an image model (extract).

import { get, post, postForm, del, once } from '../api.js';
import { h, fill, busy, showError, img, dropZone, field, select, pager, MODELS, toast } from '../ui.js';
import { jobPanel } from '../jobs.js';

const PAGE_SIZE = 24;

export function render(main, signal) {
  const list = h('section', { id: 'clothes-list', 'aria-label': 'Clothes' });
  const jobs = h('div', { id: 'clothes-jobs' });
  const reload = () => refresh(list, 1);
  main.append(addForm(jobs, reload, signal), jobs, h('h2', {}, 'Your clothes'), list);
  reload();
}

/** Mode, model and prompt, shared by the three ways of adding. */
function modeControls(paid) {
  const mode = select('cloth-mode', [{ value: 'direct', label: 'Direct: keep the image as it is' }, { value: 'extract', label: 'Extract: a clean packshot made by the image model' }], 'direct');
  const model = select('cloth-model', MODELS.map((m) => ({ value: m.value, label: m.value + (m.value === 'NanoBanana2' && !paid ? ' (paid plans)' : '') })), 'NanoBanana');
  const prompt = h('input', { id: 'cloth-prompt', maxlength: 1000, placeholder: 'e.g. the black leather jacket' });
  const extractOnly = h('div', { class: 'row' }, field('Model', model), field('What to extract', prompt));
  const sync = () => { extractOnly.hidden = mode.value !== 'extract'; };
  mode.addEventListener('change', sync);
  sync();
  return {
    element: h('div', {}, field('Mode', mode), extractOnly),
    fill(data) {
      data.append('mode', mode.value);
      if (mode.value === 'extract') {
        data.append('model', model.value);
        if (prompt.value.trim()) data.append('prompt', prompt.value.trim());
      }
      return data;
    },
  };
}

function addForm(jobs, reload, signal) {
  const box = h('section', { class: 'card', 'aria-labelledby': 'add-cloth' }, h('h2', { id: 'add-cloth' }, 'Add clothes'));
  once('/me').then((me) => {
    const controls = modeControls(me.subscription.planId !== 'free');
    const errors = h('div', { id: 'cloth-error' });
    const queue = async (data) => {
      const queued = await postForm('/clothes', controls.fill(data));
      const { panel, done } = jobPanel(queued.requestId, 'Cloth', signal);
      jobs.prepend(panel);
      done.then((job) => {
        if (job.status === 'COMPLETED') {
          toast('The cloth is in your library.');
          reload();
        }
      });
    };

    let file = null;
    let problems = [];
    const upload = h('button', { type: 'button', class: 'primary', id: 'upload-cloth' }, 'Upload');
    const zone = dropZone({ id: 'cloth-file', label: 'An image file', multiple: false, max: 1, onChange: (f, p) => { file = f[0]; problems = p; } });
    upload.addEventListener('click', () => busy(upload, errors, async () => {
      if (problems.length > 0 || !file) throw new Error(problems.join('; ') || 'Choose an image first.');
      const data = new FormData();
      data.append('file', file, file.name);
      await queue(data);
      zone.reset();
      file = null;
    }));

    const imageUrl = h('input', { id: 'cloth-image-url', type: 'url', placeholder: 'https://shop.example.com/img/jacket.jpg' });
    const importButton = h('button', { type: 'button', class: 'primary', id: 'import-cloth' }, 'Import');
    importButton.addEventListener('click', () => busy(importButton, errors, async () => {
      const data = new FormData();
      data.append('imageUrl', imageUrl.value.trim());
      await queue(data);
      imageUrl.value = '';
    }));

    const pageUrl = h('input', { id: 'cloth-page-url', type: 'url', placeholder: 'https://shop.example.com/products/linen-blazer' });
    const find = h('button', { type: 'button', id: 'find-images' }, 'Find images');
    const found = h('div', { id: 'found-images' });
    find.addEventListener('click', () => busy(find, errors, async () => {
      const answer = await post('/clothes/source-images', { url: pageUrl.value.trim(), limit: 20 });
      fill(found, answer.pageTitle && h('p', { class: 'muted small' }, answer.pageTitle),
        answer.images.length === 0 ? h('p', {}, 'No usable pictures on that page.')
          : h('div', { class: 'pick-grid small-tiles' }, answer.images.map((image) => {
            const pick = h('button', { type: 'button', class: 'small primary' }, 'Add this');
            pick.addEventListener('click', () => busy(pick, errors, async () => {
              const data = new FormData();
              data.append('imageUrl', image.imageUrl);
              data.append('sourcePageUrl', image.sourcePageUrl);
              await queue(data);
            }));
            return h('figure', { class: 'found' }, img(image.imageUrl, image.title || `Picture ${image.position} of the page`),
              h('figcaption', { class: 'small' }, image.width && image.height ? `${image.width} x ${image.height}` : 'size unknown', ' ', pick));
          })));
    }));

    box.append(controls.element,
      h('div', { class: 'ways' },
        h('div', {}, h('h3', {}, 'Upload'), zone, upload),
        h('div', {}, h('h3', {}, 'From an image URL'), field('Image URL', imageUrl), importButton),
        h('div', {}, h('h3', {}, 'From a product page'), field('Page URL', pageUrl), find)),
      found, errors);
  }).catch((e) => showError(box, e));
  return box;
}

async function refresh(list, page) {
  try {
    const answer = await get('/clothes', { page, pageSize: PAGE_SIZE });
    if (answer.total === 0) {
      fill(list, h('p', { class: 'muted' }, 'No clothes yet.'));
      return;
    }
    const errors = h('div', {});
    fill(list, errors,
      h('div', { class: 'cards clothes' }, answer.clothes.map((cloth, i) => h('article', { class: 'card cloth', dataset: { clothId: cloth.id } },
        img(cloth.imageUrl, `Cloth ${(page - 1) * PAGE_SIZE + i + 1}${cloth.sourceUrl ? ' from ' + cloth.sourceUrl : ''}`),
        h('p', { class: 'small muted' }, cloth.id),
        cloth.sourceUrl && h('p', { class: 'small ellipsis' }, h('a', { href: cloth.sourceUrl, rel: 'noopener noreferrer', target: '_blank' }, 'source')),
        h('button', { type: 'button', class: 'small danger', onclick: (e) => {
          if (!confirm('Delete this cloth? Jobs that used it stay in the gallery.')) return;
          busy(e.currentTarget, errors, async () => {
            await del(`/clothes/${cloth.id}`);
            refresh(list, page);
          });
        } }, 'Delete')))),
      pager(answer.page, answer.totalPages, (p) => refresh(list, p)));
  } catch (e) {
    showError(list, e);
  }
}
