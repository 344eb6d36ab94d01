// Try on: a composed person, one or more clothes and a scene make a generation; its progress shows
// live, the result appears large, and "Edit this" runs an edit of it shown before/after.

import { get, post, once } from '../api.js';
import { h, fill, busy, showError, img, select, field, MODELS, ASPECT_RATIOS, RESOLUTIONS } from '../ui.js';
import { jobPanel } from '../jobs.js';

export function render(main, signal) {
  const form = h('form', { class: 'try-on', 'aria-label': 'New try-on' });
  const result = h('section', { id: 'result', 'aria-label': 'Result' });
  main.append(h('p', { class: 'muted' }, 'Pick a composed person and the clothes, describe the scene, and generate.'), form, result);
  load(form, result, signal).catch((e) => showError(form, e));
}

async function load(form, result, signal) {
  const [persons, clothes, presets, me] = await Promise.all([
    get('/persons'), get('/clothes', { pageSize: 100 }), once('/prompt-presets'), once('/me')]);
  const paid = me.subscription.planId !== 'free';
  const errors = h('div', { id: 'try-on-error' });

  const composed = persons.persons.filter((p) => p.coverUrl);
  const personGrid = h('div', { class: 'pick-grid', role: 'radiogroup', 'aria-label': 'Person' },
    persons.persons.map((p, i) => h('label', { class: `pick${p.coverUrl ? '' : ' disabled'}` },
      h('input', { type: 'radio', name: 'person', value: p.id, disabled: !p.coverUrl, checked: p.coverUrl && p.id === (composed[0] || {}).id }),
      p.coverUrl ? img(p.coverUrl, `Composite of ${p.name}`) : h('span', { class: 'placeholder' }, 'not composed'),
      h('span', { class: 'caption' }, p.name))));
  if (persons.persons.length === 0) fill(personGrid, h('p', {}, 'No people yet: ', h('a', { href: '#/people' }, 'create one'), '.'));
  else if (composed.length === 0) personGrid.append(h('p', { class: 'muted' }, 'Compose a person on the ', h('a', { href: '#/people' }, 'People'), ' page first.'));

  const model = select('model', MODELS.map((m) => ({ value: m.value, label: m.label + (m.value === 'NanoBanana2' && !paid ? ' (your plan: free)' : '') })), 'NanoBanana');
  const clothCount = h('span', { class: 'muted small', id: 'cloth-count' });
  const clothGrid = h('div', { class: 'pick-grid small-tiles', role: 'group', 'aria-label': 'Clothes' },
    clothes.clothes.map((c, i) => h('label', { class: 'pick' },
      h('input', { type: 'checkbox', name: 'clothes', value: c.id }),
      img(c.imageUrl, `Cloth ${i + 1}${c.sourceUrl ? ' from ' + hostOf(c.sourceUrl) : ''}`),
      h('span', { class: 'caption small' }, c.id))));
  if (clothes.clothes.length === 0) fill(clothGrid, h('p', {}, 'No clothes yet: ', h('a', { href: '#/clothes' }, 'add some'), '.'));
  const maxClothes = () => MODELS.find((m) => m.value === model.value).maxClothes;
  // The model's limit is kept while picking: once it is reached, the other clothes wait.
  const updateCount = () => {
    const n = form.querySelectorAll('input[name=clothes]:checked').length;
    clothCount.textContent = `${n} of at most ${maxClothes()} selected`;
    clothCount.classList.toggle('error-text', n > maxClothes());
    for (const box of form.querySelectorAll('input[name=clothes]:not(:checked)')) {
      box.disabled = n >= maxClothes();
      box.closest('.pick').classList.toggle('disabled', box.disabled);
    }
  };
  clothGrid.addEventListener('change', updateCount);

  const preset = h('select', { id: 'preset', name: 'preset' },
    h('option', { value: '' }, 'None: describe the scene below'),
    presets.categories.map((c) => h('optgroup', { label: c.name }, c.prompts.map((p) => h('option', { value: p.id }, p.title)))));
  const scene = h('textarea', { id: 'scene', name: 'scene', rows: 2, maxlength: 1000, placeholder: 'a light-gray photo studio (the default)' });
  const extra = h('textarea', { id: 'prompt', name: 'prompt', rows: 2, maxlength: 4000, placeholder: 'optional: an extra instruction' });
  const aspect = select('aspectRatio', ASPECT_RATIOS.map((a) => ({ value: a, label: a })), 'auto');
  const resolution = select('resolution', RESOLUTIONS.map((r) => ({ value: r, label: r })), '1K');
  const resolutionField = field('Resolution', resolution, 'NanoBanana2 only');
  const presetText = h('p', { class: 'muted small preset-text' });
  preset.addEventListener('change', () => {
    const chosen = presets.presets.find((p) => p.id === preset.value);
    presetText.textContent = chosen ? chosen.text.slice(0, 280) + (chosen.text.length > 280 ? '…' : '') : '';
    scene.disabled = Boolean(chosen);
  });
  const syncModel = () => {
    resolutionField.hidden = model.value !== 'NanoBanana2';
    aspect.value = model.value === 'NanoBanana2' && aspect.value === 'auto' ? '9:16' : aspect.value;
    updateCount();
  };
  model.addEventListener('change', syncModel);

  const submit = h('button', { type: 'submit', class: 'primary', id: 'generate', disabled: composed.length === 0 || clothes.clothes.length === 0 }, 'Generate');
  fill(form,
    h('fieldset', {}, h('legend', {}, '1. Person'), personGrid),
    h('fieldset', {}, h('legend', {}, '2. Model and clothes'), field('Model', model), clothCount, clothGrid,
      clothes.total > clothes.clothes.length && h('p', { class: 'muted small' }, `Showing the newest ${clothes.clothes.length} of ${clothes.total}.`)),
    h('fieldset', {}, h('legend', {}, '3. Scene'), field('Preset from the gallery', preset), presetText,
      field('Scene', scene), field('Extra instruction', extra),
      h('div', { class: 'row' }, field('Aspect ratio', aspect), resolutionField)),
    errors, submit);
  syncModel();
  form.dataset.readyAt = String(Math.round(performance.now())); // read by the browser test

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      model: model.value,
      personId: (form.querySelector('input[name=person]:checked') || {}).value,
      clothesIds: Array.from(form.querySelectorAll('input[name=clothes]:checked'), (c) => c.value),
      aspectRatio: aspect.value,
    };
    if (preset.value) body.promptPresetId = preset.value;
    else if (scene.value.trim()) body.scene = scene.value.trim();
    if (extra.value.trim()) body.prompt = extra.value.trim();
    if (model.value === 'NanoBanana2') body.resolution = resolution.value;
    busy(submit, errors, async () => {
      const queued = await post('/generations', body);
      showRun(result, queued.requestId, signal);
      result.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  });
}

/** The generation's progress, then its image with download and "Edit this". */
function showRun(result, jobId, signal) {
  const { panel, done } = jobPanel(jobId, 'Try-on', signal);
  fill(result, h('h2', {}, 'Result'), panel);
  done.then((job) => {
    if (job.status !== 'COMPLETED') return;
    const image = img(job.imageUrl, 'The try-on result: the person wearing the selected clothes', { id: 'result-image', loading: 'eager' });
    result.append(h('figure', { class: 'result' }, image,
      h('figcaption', {}, h('a', { href: job.imageUrl, download: `${job.id}.jpg`, class: 'button', id: 'download' }, 'Download'),
        ' ', h('a', { href: `#/gallery?job=${job.id}`, class: 'muted small' }, job.id))),
      editBox(job, signal));
  });
}

/** An instruction box that edits the result and shows before and after side by side. */
export function editBox(job, signal) {
  const instruction = h('textarea', { id: 'edit-prompt', rows: 2, maxlength: 4000, required: true, placeholder: 'e.g. make the jacket navy, same person and pose' });
  const errors = h('div', { id: 'edit-error' });
  const out = h('div', { class: 'edit-out' });
  const run = h('button', { type: 'submit', class: 'primary', id: 'run-edit' }, 'Run the edit');
  const form = h('form', { class: 'card edit', 'aria-label': 'Edit this image' },
    h('h3', {}, 'Edit this'), field('Instruction', instruction), errors, run, out);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(run, errors, async () => {
      const queued = await post('/edits', { jobId: job.id, prompt: instruction.value.trim() });
      const { panel, done } = jobPanel(queued.requestId, 'Edit', signal);
      fill(out, panel);
      const edited = await done;
      if (edited.status === 'COMPLETED') {
        out.append(h('div', { class: 'before-after' },
          h('figure', {}, img(job.imageUrl, 'Before the edit'), h('figcaption', {}, 'Before')),
          h('figure', {}, img(edited.imageUrl, `After the edit: ${instruction.value.trim()}`, { id: 'edit-image', loading: 'eager' }),
            h('figcaption', {}, 'After · ', h('a', { href: edited.imageUrl, download: `${edited.id}.jpg` }, 'Download')))));
      }
    });
  });
  return form;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
