// People: create from 1-3 photos (checked in the browser with the API's own limits), compose,
// rename, delete, and manage the reference images. A change redraws only its own card, so the
// compose running on another card keeps its progress.

import { get, postForm, post, patch, del } from '../api.js';
import { h, fill, busy, showError, img, dropZone, field, select, MODELS, toast } from '../ui.js';
import { jobPanel } from '../jobs.js';

export function render(main, signal) {
  const list = h('section', { id: 'people-list', 'aria-label': 'People' });
  const cards = h('div', { class: 'cards' });
  const add = (person) => {
    fill(list, cards);
    cards.prepend(personCard(person, signal));
  };
  main.append(createForm(add), h('h2', {}, 'Your people'), list);
  get('/persons').then(({ persons }) => {
    if (persons.length === 0) fill(list, h('p', { class: 'muted' }, 'No people yet.'));
    else fill(list, fill(cards, persons.map((p) => personCard(p, signal))));
  }).catch((e) => showError(list, e));
}

function createForm(onCreated) {
  const name = h('input', { id: 'person-name', name: 'name', required: true, maxlength: 200, autocomplete: 'off', placeholder: 'e.g. alice' });
  let files = [];
  let problems = [];
  const errors = h('div', { id: 'person-error' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'create-person' }, 'Create person');
  const zone = dropZone({ id: 'person-files', label: 'Reference photos', multiple: true, max: 3,
    onChange: (f, p) => { files = f; problems = p; } });
  const form = h('form', { class: 'card', 'aria-labelledby': 'new-person' },
    h('h2', { id: 'new-person' }, 'New person'),
    h('p', { class: 'muted small' }, 'One to three photos of the same person: front, side, full body. The composite made from them is what try-ons start from.'),
    field('Name', name, 'Stored as a slug: "Zoë O\'Brien" becomes zoe-o-brien.'), zone, errors, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (problems.length > 0) {
      fill(errors, h('p', { class: 'error', role: 'alert' }, 'Fix the photos first: ' + problems.join('; ')));
      return;
    }
    if (files.length === 0) {
      fill(errors, h('p', { class: 'error', role: 'alert' }, 'Choose one to three photos.'));
      return;
    }
    const data = new FormData();
    data.append('name', name.value);
    files.forEach((file) => data.append('files', file, file.name));
    busy(submit, errors, async () => {
      const created = await postForm('/persons', data);
      toast(`Created ${created.person.name}: compose it to use it in try-ons.`);
      form.reset();
      zone.reset();
      files = [];
      onCreated({ ...created.person, coverUrl: null });
    });
  });
  return form;
}

/** Draws the person's card again from the API (its new cover or name), or removes it if it is gone. */
async function redraw(card, personId, signal, errors) {
  try {
    const { persons } = await get('/persons');
    const person = persons.find((p) => p.id === personId);
    if (person) card.replaceWith(personCard(person, signal));
    else card.remove();
  } catch (e) {
    showError(errors, e);
  }
}

function personCard(person, signal) {
  const errors = h('div', {});
  const status = h('div', {});
  const images = h('div', { class: 'ref-images' });
  const model = select(`compose-model-${person.id}`, MODELS.map((m) => ({ value: m.value, label: m.value })), 'NanoBanana');
  const compose = h('button', { type: 'button', class: 'primary compose' }, person.coverUrl ? 'Compose again' : 'Compose');
  const rename = h('button', { type: 'button' }, 'Rename');
  const remove = h('button', { type: 'button', class: 'danger' }, 'Delete');
  const showImages = h('button', { type: 'button', 'aria-expanded': 'false' }, 'Photos');
  const card = h('article', { class: 'card person', dataset: { personId: person.id, name: person.name } },
    person.coverUrl ? img(person.coverUrl, `Composite of ${person.name}: three views side by side`, { class: 'cover' })
      : h('div', { class: 'cover placeholder' }, 'Not composed yet'),
    h('h3', {}, person.name),
    h('div', { class: 'row' }, h('label', { class: 'visually-hidden', for: model.id }, `Model for the composite of ${person.name}`), model, compose),
    h('div', { class: 'row' }, showImages, rename, remove),
    status, errors, images);
  const changed = () => redraw(card, person.id, signal, errors);

  compose.addEventListener('click', () => busy(compose, errors, async () => {
    const queued = await post(`/persons/${person.id}/compose`, { model: model.value });
    const { panel, done } = jobPanel(queued.requestId, 'Composite', signal);
    fill(status, panel);
    const job = await done;
    if (job.status === 'COMPLETED') changed();
  }));
  rename.addEventListener('click', () => {
    const input = h('input', { value: person.name, 'aria-label': `New name for ${person.name}`, class: 'rename-input' });
    const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
    const form = h('form', { class: 'row' }, input, save, h('button', { type: 'button', onclick: () => form.remove() }, 'Cancel'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(save, errors, async () => {
        await patch(`/persons/${person.id}`, { name: input.value });
        changed();
      });
    });
    fill(status, form);
    input.focus();
  });
  remove.addEventListener('click', () => {
    if (!confirm(`Delete ${person.name} and its photos? Jobs made with it stay in the gallery.`)) return;
    busy(remove, errors, async () => {
      await del(`/persons/${person.id}`);
      card.remove();
    });
  });
  showImages.addEventListener('click', async () => {
    const open = showImages.getAttribute('aria-expanded') === 'true';
    showImages.setAttribute('aria-expanded', String(!open));
    if (open) {
      fill(images);
      return;
    }
    await loadImages(person, images, errors);
  });
  return card;
}

async function loadImages(person, box, errors) {
  try {
    const { images } = await get(`/persons/${person.id}/images`);
    const remaining = 3 - images.length;
    let files = [];
    let problems = [];
    const add = h('button', { type: 'button', class: 'primary' }, 'Add photos');
    const zone = remaining > 0 && dropZone({ id: `add-${person.id}`, label: 'Add photos', multiple: true, max: remaining,
      onChange: (f, p) => { files = f; problems = p; } });
    add.addEventListener('click', () => busy(add, errors, async () => {
      if (problems.length > 0 || files.length === 0) throw new Error(problems.join('; ') || 'Choose a photo first.');
      const data = new FormData();
      files.forEach((file) => data.append('files', file, file.name));
      await postForm(`/persons/${person.id}/images`, data);
      toast('Added: compose again to use the new photos.');
      await loadImages(person, box, errors);
    }));
    fill(box,
      h('div', { class: 'thumbs' }, images.map((image, i) => h('figure', {},
        img(image.url, `Reference photo ${i + 1} of ${person.name}`),
        h('button', { type: 'button', class: 'small danger', 'aria-label': `Remove reference photo ${i + 1} of ${person.name}`,
          onclick: (e) => busy(e.currentTarget, errors, async () => {
            await del(`/persons/${person.id}/images`, { key: image.key });
            await loadImages(person, box, errors);
          }) }, 'Remove')))),
      zone ? [zone, add] : h('p', { class: 'muted small' }, 'Three photos: remove one to add another.'));
  } catch (e) {
    showError(errors, e);
  }
}
