// Account: the plan, each limit with what is left, the API key (rotate: the new key is shown once),
// webhook endpoints and the usage of the last 30 days.

import { api, get, post, del, forget, session } from '../api.js';
import { h, fill, busy, showError, field, formatTime, toast } from '../ui.js';

export function render(main) {
  const plan = h('section', { class: 'card', id: 'plan', 'aria-labelledby': 'plan-title' }, h('h2', { id: 'plan-title' }, 'Plan and limits'));
  const key = h('section', { class: 'card', id: 'api-key-card', 'aria-labelledby': 'key-title' }, h('h2', { id: 'key-title' }, 'API key'));
  const hooks = h('section', { class: 'card', id: 'webhooks', 'aria-labelledby': 'hooks-title' }, h('h2', { id: 'hooks-title' }, 'Webhooks'));
  const usage = h('section', { class: 'card', id: 'usage', 'aria-labelledby': 'usage-title' }, h('h2', { id: 'usage-title' }, 'Usage, last 30 days'));
  main.append(h('div', { class: 'cards wide' }, plan, key, hooks, usage));
  showPlan(plan);
  showKey(key);
  showWebhooks(hooks);
  showUsage(usage);
}

async function showPlan(box) {
  const body = h('div', {});
  box.append(body);
  try {
    forget('/me');
    const me = await get('/me');
    fill(body,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Plan'), h('dd', { id: 'plan-name' }, me.subscription.planLabel),
        h('dt', {}, 'User'), h('dd', {}, me.user.email),
        h('dt', {}, 'Workspace'), h('dd', {}, me.workspace.isWorkspaceOwner ? 'yours' : 'a member of another account\'s')),
      h('table', { class: 'limits' },
        h('caption', { class: 'muted small' }, 'Requests a minute per category, as they stand now'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Limit'), h('th', { scope: 'col' }, 'Left'), h('th', { scope: 'col' }, 'Of'), h('th', { scope: 'col' }, 'Resets in'))),
        h('tbody', {},
          Object.entries(me.limits).map(([name, l]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, meter(l.remaining, l.limit)), h('td', {}, l.limit), h('td', {}, l.resetSeconds ? `${l.resetSeconds} s` : '—'))),
          h('tr', {}, h('th', { scope: 'row' }, 'running generations'), h('td', {}, meter(me.concurrency.remaining, me.concurrency.limit)), h('td', {}, me.concurrency.limit), h('td', {}, `${me.concurrency.active} running`)))));
  } catch (e) {
    showError(body, e);
  }
}

function meter(left, of) {
  return h('span', { class: 'meter-cell' }, h('meter', { min: 0, max: of, value: left, 'aria-label': `${left} of ${of} left` }), ` ${left}`);
}

function showKey(box) {
  const errors = h('div', {});
  const shown = h('div', { id: 'new-key' });
  const rotate = h('button', { type: 'button', class: 'danger', id: 'rotate-key' }, 'Rotate the key');
  rotate.addEventListener('click', () => {
    if (!confirm('Rotate the API key? The current key stops working at once, everywhere it is used.')) return;
    busy(rotate, errors, async () => {
      let answer;
      try {
        answer = await api('POST', '/me/api-key/rotate', { retry: false }); // a retry would carry the old key
      } catch (e) {
        if (e.status) throw e;
        throw new Error('The connection broke off: the key may have been rotated. If this page stops working, ask your operator for a new key (./vtry key rotate).');
      }
      session.signIn(answer.apiKey); // this tab goes on with the new key
      const value = h('input', { id: 'new-key-value', readonly: true, value: answer.apiKey, 'aria-label': 'The new API key', class: 'mono' });
      const copy = h('button', { type: 'button', onclick: async () => {
        try {
          await navigator.clipboard.writeText(answer.apiKey);
          toast('Copied.');
        } catch {
          value.select();
        }
      } }, 'Copy');
      fill(shown, h('p', { class: 'warning', role: 'alert' }, 'Your new key, shown this once: keep it on your server now.'),
        h('div', { class: 'row' }, value, copy));
    });
  });
  box.append(h('p', {}, 'One key per user. It is shown once, when it is made; rotating makes a new one and revokes the old one at once.'),
    h('p', { class: 'muted small' }, 'This console keeps the key in this tab only and signs in again by itself with a rotated key.'),
    rotate, errors, shown);
}

async function showWebhooks(box) {
  const list = h('div', {});
  const errors = h('div', {});
  const url = h('input', { id: 'webhook-url', type: 'url', placeholder: 'https://api.example.com/vtry/events' });
  const description = h('input', { id: 'webhook-description', maxlength: 500, placeholder: 'optional' });
  const add = h('button', { type: 'submit', class: 'primary' }, 'Add endpoint');
  const secret = h('div', {});
  const form = h('form', {}, field('Endpoint URL', url, 'Receives job.completed, job.failed and job.cancelled, signed (Standard Webhooks).'), field('Description', description), add);
  const reload = async () => {
    try {
      const { webhooks } = await get('/webhooks');
      fill(list, webhooks.length === 0 ? h('p', { class: 'muted' }, 'No endpoints.')
        : h('ul', { class: 'plain' }, webhooks.map((w) => h('li', {}, h('code', { class: 'ellipsis' }, w.url), ' ',
          h('span', { class: `badge ${w.enabled ? 'completed' : 'cancelled'}` }, w.enabled ? 'enabled' : 'disabled'),
          w.description && h('span', { class: 'muted small' }, ` ${w.description}`), ' ',
          h('button', { type: 'button', class: 'small danger', onclick: (e) => {
            if (!confirm(`Delete the endpoint ${w.url}?`)) return;
            busy(e.currentTarget, errors, async () => {
              await del(`/webhooks/${w.id}`);
              reload();
            });
          } }, 'Delete')))));
    } catch (e) {
      showError(list, e);
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    busy(add, errors, async () => {
      const body = { url: url.value.trim(), events: ['*'] };
      if (description.value.trim()) body.description = description.value.trim();
      const created = await post('/webhooks', body);
      fill(secret, h('p', { class: 'warning', role: 'alert' }, 'Its signing secret, shown this once: ', h('code', {}, created.secret)));
      form.reset();
      reload();
    });
  });
  box.append(list, form, errors, secret);
  reload();
}

async function showUsage(box) {
  const body = h('div', {});
  box.append(body);
  try {
    const usage = await get('/usage', { groupBy: 'kind' });
    const row = (key, g) => h('tr', {}, h('th', { scope: 'row' }, key || 'other'), h('td', {}, g.jobs.completed), h('td', {}, g.jobs.failed + g.jobs.cancelled),
      h('td', {}, g.images), h('td', {}, g.providerSeconds.toFixed(1)));
    fill(body, h('p', { class: 'muted small' }, `${formatTime(usage.from)} to ${formatTime(usage.to)}`),
      h('table', {},
        h('thead', {}, h('tr', {}, ['Kind', 'Completed', 'Failed or cancelled', 'Images', 'Model seconds'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, usage.groups.map((g) => row(g.key, g)), row('total', usage.total))));
  } catch (e) {
    showError(body, e);
  }
}
