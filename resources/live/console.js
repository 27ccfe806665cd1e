// CORS Studio live test console: composes fetch() calls to the live server's API origin, runs them
// in this browser, shows what the browser let the page see, and reports each outcome to the
// server (POST /outcome on this page's own origin), which answers with CORS Studio's prediction
// for the same fetch in this browser. Plain JavaScript, no dependencies.
//
// Replay: a link ending in #plan=<base64url of a JSON array of fetches> runs those fetches one
// after another as soon as the page loads ("Copy link to replay" makes one). Each fetch is
// {"method", "path" (or "url"), "headers": [[name, value]...], "credentials", "mode", "body"}.
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const state = {
    config: null,
    api: '',
    session: randomId(),
    sequence: 0,
    sent: [],      // the fetches sent, for "Copy link to replay"
    busy: false,
  };

  function randomId() {
    // crypto.randomUUID() exists only in secure contexts; a non-loopback http:// page is not one.
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function browserName() {
    const ua = navigator.userAgent;
    const firefox = ua.match(/Firefox\/([\d.]+)/);
    if (firefox) return 'Firefox ' + firefox[1];
    const chrome = ua.match(/(?:HeadlessChrome|Chrome|Chromium)\/([\d.]+)/);
    if (chrome) return 'Chromium ' + chrome[1];
    return 'an unmodelled browser';
  }

  async function post(path, body) {
    return fetch(path, {method: 'POST', body: JSON.stringify(body), cache: 'no-store'});
  }

  // --- The composer -------------------------------------------------------------------------

  function addHeaderRow(name = '', value = '') {
    const nameInput = el('input', {placeholder: 'Name', spellcheck: 'false', 'aria-label': 'Header name'});
    const valueInput = el('input', {placeholder: 'Value', spellcheck: 'false', 'aria-label': 'Header value'});
    nameInput.value = name;
    valueInput.value = value;
    const remove = el('button', {type: 'button', class: 'remove', title: 'Remove this header', text: '×'});
    const row = el('div', {class: 'header-row'}, nameInput, valueInput, remove);
    remove.addEventListener('click', () => { row.remove(); updateCode(); });
    nameInput.addEventListener('input', updateCode);
    valueInput.addEventListener('input', updateCode);
    $('headers').append(row);
    updateCode();
    return row;
  }

  function composedHeaders() {
    const headers = [];
    for (const row of $('headers').querySelectorAll('.header-row')) {
      const [name, value] = row.querySelectorAll('input');
      if (name.value !== '') headers.push([name.value, value.value]);
    }
    return headers;
  }

  function composedPath() {
    let path = $('path').value.trim() || '/';
    if (!path.startsWith('/')) path = '/' + path;
    const tenant = $('tenant').value;
    if (tenant) {
      const url = new URL(path, 'http://placeholder');
      url.searchParams.set('tenant', tenant);
      path = url.pathname + url.search;
    }
    return path;
  }

  function bodyAllowed(method) {
    const upper = method.toUpperCase();
    return upper !== 'GET' && upper !== 'HEAD';
  }

  function composed() {
    const method = $('method').value;
    const spec = {
      method,
      path: composedPath(),
      headers: composedHeaders(),
      credentials: $('credentials').value,
      mode: $('mode').value,
    };
    if (bodyAllowed(method) && $('body').value !== '') spec.body = $('body').value;
    return spec;
  }

  function specUrl(spec) {
    return spec.url ? new URL(spec.url, state.api).href : state.api + (spec.path || '/');
  }

  function codeFor(spec) {
    const init = {method: spec.method};
    if (spec.headers.length) init.headers = spec.headers;
    if (spec.credentials !== 'same-origin') init.credentials = spec.credentials;
    if (spec.mode !== 'cors') init.mode = spec.mode;
    if (spec.body !== undefined) init.body = spec.body;
    return `const response = await fetch(${JSON.stringify(specUrl(spec))}, ${JSON.stringify(init, null, 2)});`;
  }

  function updateCode() {
    const method = $('method').value;
    const allowed = bodyAllowed(method);
    $('body').disabled = !allowed;
    $('body-hint').hidden = allowed;
    if (state.api) $('code').textContent = codeFor(composed());
  }

  function describeTenant() {
    const config = state.config;
    if (!config) return;
    const name = $('tenant').value || config.activeTenant;
    const tenant = config.tenants.find(t => t.name === name);
    const info = $('tenant-info');
    info.textContent = '';
    if (!tenant) {
      info.textContent = config.tenants.length === 1 ? '' :
        'Without a tenant the server needs ?tenant=NAME or a boomi_auth parameter in the path.';
      return;
    }
    const parts = [`Profile ${tenant.profile}`, `API type ${tenant.apiType}`];
    if (tenant.authentication === 'basic') parts.push('normal requests need HTTP Basic credentials (Authorization: Basic …, or boomi_auth)');
    else if (tenant.authentication === 'token') parts.push(`normal requests need a token in ${tenant.tokenHeader}`);
    else parts.push('no authentication');
    info.textContent = parts.join(' · ') + '.';
    const chips = $('header-chips');
    chips.querySelector('[data-token]')?.remove();
    if (tenant.authentication === 'token') {
      const chip = el('button', {type: 'button', class: 'chip', 'data-token': '', 'data-name': tenant.tokenHeader,
                                 'data-value': '', text: tenant.tokenHeader});
      chips.prepend(chip);
    }
  }

  // --- Running a fetch and showing what happened ----------------------------------------------

  async function runFetch(spec) {
    const sequence = ++state.sequence;
    const url = specUrl(spec);
    // No "cache" option: fetch()'s default is what CORS Studio models, and Chromium skips its
    // preflight cache for cache: 'no-store' or 'reload'.
    const init = {method: spec.method, headers: spec.headers, credentials: spec.credentials, mode: spec.mode};
    if (spec.body !== undefined) init.body = spec.body;
    const card = renderPending(sequence, spec, url);
    // Tell the server a fetch starts, so that it can tell which requests are this fetch's.
    await post('/begin', {session: state.session, sequence}).catch(() => {});
    let result;
    try {
      const response = await fetch(url, init);
      let body = '';
      try { body = (await response.text()).slice(0, 1024); } catch (e) { body = ''; }
      result = {resolved: true, type: response.type, status: response.status,
                headers: Array.from(response.headers.entries()), body};
    } catch (error) {
      result = {resolved: false, name: error.name, message: error.message};
    }
    const report = {
      session: state.session,
      sequence,
      fetch: {pageOrigin: location.origin, pageUrl: location.href, url, method: spec.method,
              headers: spec.headers, credentials: spec.credentials, mode: spec.mode},
      body: spec.body === undefined ? null : spec.body,
      result,
    };
    let reply = null;
    let replyError = '';
    try {
      const answer = await post('/outcome', report);
      if (answer.ok) reply = await answer.json();
      else replyError = await answer.text();
    } catch (error) {
      replyError = `The report did not reach CORS Studio: ${error.message}`;
    }
    renderResult(card, spec, url, result, reply, replyError);
    state.sent.push(spec);
    return reply;
  }

  function renderPending(sequence, spec, url) {
    $('empty').hidden = true;
    const card = el('li', {class: 'card result', 'data-sequence': sequence});
    card.append(el('div', {class: 'result-head'},
      el('span', {class: 'seq', text: '#' + sequence}),
      el('span', {class: 'request', text: `${spec.method} ${url}`}),
      el('span', {class: 'badge', text: 'running…'})));
    $('results').prepend(card);
    return card;
  }

  function verdictBadge(verdict, prefix = '') {
    return el('span', {class: 'badge ' + verdict, text: prefix + verdict});
  }

  function keyValueTable(pairs) {
    const table = el('table', {class: 'kv'});
    for (const [name, value] of pairs) table.append(el('tr', {}, el('td', {text: name}), el('td', {text: value})));
    return table;
  }

  function traceList(trace) {
    const list = el('ol', {class: 'trace'});
    for (const step of trace || []) {
      list.append(el('li', {class: step.ok ? 'ok' : 'fail'}, el('span', {class: 'step', text: step.step + ' '}),
                     step.detail));
    }
    return list;
  }

  function browserColumn(result) {
    const column = el('div', {class: 'column'}, el('h3', {text: 'What ' + browserName() + ' did'}));
    if (result.resolved) {
      const verdict = result.type === 'opaque' ? 'opaque' : 'allowed';
      column.append(el('p', {}, verdictBadge(verdict), ` Response type ${result.type}, status ${result.status}`));
      if (result.type === 'opaque') {
        column.append(el('p', {class: 'hint', text: 'A no-cors response: script sees status 0, no headers, no body.'}));
      } else {
        column.append(el('p', {text: result.headers.length ? 'Headers script can read:' : 'Script can read no headers.'}));
        if (result.headers.length) column.append(keyValueTable(result.headers));
        if (result.body) column.append(el('p', {}, 'Body: ', el('span', {class: 'message', text: result.body})));
      }
    } else {
      column.append(el('p', {}, verdictBadge('blocked'), ' fetch() rejected:'));
      column.append(el('p', {class: 'message', text: `${result.name}: ${result.message}`}));
      column.append(el('p', {class: 'hint',
        text: 'A page learns nothing more; the reason is in the browser console (F12). The prediction beside it quotes what the browser printed there.'}));
    }
    return column;
  }

  function predictionColumn(reply, replyError) {
    const column = el('div', {class: 'column'});
    if (!reply) {
      column.append(el('h3', {text: 'CORS Studio'}), el('p', {class: 'message', text: replyError || 'No answer.'}));
      return column;
    }
    const browser = reply.browser ? reply.browser[0].toUpperCase() + reply.browser.slice(1) : '';
    column.append(el('h3', {text: 'CORS Studio predicts' + (browser ? ` (${browser})` : '')}));
    const prediction = reply.prediction;
    if (!prediction) {
      column.append(el('p', {text: reply.predictionNote}));
      return column;
    }
    const line = el('p', {}, verdictBadge(prediction.verdict));
    if (prediction.verdict === 'allowed') line.append(` status ${prediction.status}`);
    const preflight = prediction.preflight ? 'a preflight was sent' : 'no preflight';
    line.append(` · ${preflight}`);
    column.append(line);
    if (prediction.error) {
      column.append(el('p', {}, el('strong', {text: prediction.error.code})));
      column.append(el('p', {class: 'message', text: prediction.error.message}));
    } else if (prediction.verdict === 'allowed') {
      column.append(el('p', {text: 'Readable headers: ' + (prediction.exposedHeaders.join(', ') || 'none')}));
    }
    return column;
  }

  function wireDetails(exchanges) {
    const details = el('details', {}, el('summary', {text: `Requests the API received (${exchanges.length})`}));
    const list = el('ul', {class: 'wire'});
    for (const exchange of exchanges) {
      const item = el('li', {class: exchange.allowed === false ? 'fail' : 'ok'});
      const rule = exchange.rule ? ` · rule ${exchange.rule}` : '';
      item.append(el('p', {}, el('strong', {text: `${exchange.method} ${exchange.kind}`}),
                     ` → ${exchange.status}${exchange.tenant ? ' · tenant ' + exchange.tenant : ''}${rule}`));
      item.append(el('p', {class: 'hint', text: exchange.tenantDetail}));
      if (exchange.responseHeaders.length) item.append(keyValueTable(exchange.responseHeaders));
      item.append(traceList(exchange.trace));
      list.append(item);
    }
    details.append(el('div', {}, exchanges.length ? list : el('p', {text: 'None: the browser sent nothing to the API.'})));
    return details;
  }

  function renderResult(card, spec, url, result, reply, replyError) {
    const head = card.querySelector('.result-head');
    head.querySelector('.badge').remove();
    const observed = result.resolved ? (result.type === 'opaque' ? 'opaque' : 'allowed') : 'blocked';
    head.append(verdictBadge(observed));
    if (reply && reply.prediction) {
      head.append(reply.agrees ? el('span', {class: 'badge agrees', text: '✓ as predicted'})
                               : el('span', {class: 'badge differs', text: '✗ differs from the prediction'}));
    } else {
      head.append(el('span', {class: 'badge unknown', text: 'no prediction'}));
    }
    card.append(el('div', {class: 'columns'}, browserColumn(result), predictionColumn(reply, replyError)));
    if (reply && reply.differences && reply.differences.length) {
      const list = el('ul', {class: 'differences'});
      for (const difference of reply.differences) list.append(el('li', {text: difference}));
      card.append(list);
    }
    if (reply && reply.exchanges) card.append(wireDetails(reply.exchanges));
    if (reply && reply.prediction) {
      card.append(el('details', {}, el('summary', {text: 'How CORS Studio got its prediction'}),
                     el('div', {}, traceList(reply.prediction.trace))));
    }
    card.append(el('details', {}, el('summary', {text: 'The fetch() call'}),
                   el('div', {}, el('pre', {class: 'code', text: codeFor(spec)}))));
    card.dataset.done = 'true';
  }

  // --- Replay links ---------------------------------------------------------------------------

  function encodePlan(plan) {
    const bytes = new TextEncoder().encode(JSON.stringify(plan));
    let binary = '';
    for (const byte of bytes) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function decodePlan(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - base64.length % 4) % 4));
    const bytes = Uint8Array.from(binary, c => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  function normalized(spec) {
    return {
      method: spec.method || 'GET',
      path: spec.path,
      url: spec.url,
      headers: Array.isArray(spec.headers) ? spec.headers : [],
      credentials: spec.credentials || 'same-origin',
      mode: spec.mode || 'cors',
      body: spec.body === null ? undefined : spec.body,
    };
  }

  async function runPlan(plan) {
    setBusy(true);
    setStatus(`Replaying ${plan.length} fetch() calls…`);
    for (const spec of plan) await runFetch(normalized(spec));
    setStatus(`Replayed ${plan.length} fetch() calls.`);
    document.documentElement.dataset.plan = 'done';
    setBusy(false);
  }

  // --- Wiring ---------------------------------------------------------------------------------

  function setBusy(busy) {
    state.busy = busy;
    $('send').disabled = busy;
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  async function start() {
    $('page-origin').textContent = location.origin;
    $('browser-name').textContent = browserName();
    let config;
    try {
      const response = await fetch('/config', {cache: 'no-store'});
      config = await response.json();
    } catch (error) {
      setStatus('The live server does not answer: ' + error.message);
      return;
    }
    state.config = config;
    state.api = config.api;
    $('api-origin').textContent = config.api;
    $('url-prefix').textContent = config.api;

    const select = $('tenant');
    select.append(el('option', {value: '', text: config.activeTenant ? `${config.activeTenant} (active)` :
                                                 'No ?tenant= parameter'}));
    for (const tenant of config.tenants) select.append(el('option', {value: tenant.name, text: tenant.name}));
    if (!/Firefox\/|Chrome\/|Chromium\//.test(navigator.userAgent)) {
      const banner = $('banner');
      banner.textContent = 'CORS Studio models Chromium and Firefox. This browser is neither, so its outcomes have no prediction beside them.';
      banner.hidden = false;
    }

    for (const id of ['method', 'path', 'credentials', 'mode', 'body']) $(id).addEventListener('input', updateCode);
    select.addEventListener('change', () => { describeTenant(); updateCode(); });
    $('header-chips').addEventListener('click', event => {
      const chip = event.target.closest('.chip');
      if (chip) addHeaderRow(chip.dataset.name, chip.dataset.value).querySelector('input').focus();
    });
    $('composer').addEventListener('submit', async event => {
      event.preventDefault();
      if (state.busy) return;
      setBusy(true);
      setStatus('Fetching…');
      await runFetch(composed());
      setStatus(`${state.sequence} fetch() call${state.sequence === 1 ? '' : 's'} sent.`);
      setBusy(false);
    });
    $('copy-code').addEventListener('click', () => copy($('code').textContent, 'The fetch() call is on the clipboard.'));
    $('share').addEventListener('click', () => {
      if (!state.sent.length) { setStatus('Send a fetch() first.'); return; }
      const link = location.origin + location.pathname + '#plan=' + encodePlan(state.sent);
      copy(link, 'A link that replays these fetch() calls is on the clipboard.');
    });
    $('clear').addEventListener('click', () => {
      $('results').textContent = '';
      $('empty').hidden = false;
      state.sent = [];
    });
    describeTenant();
    updateCode();
    setStatus(`Connected to CORS Studio. ${config.tenants.length} tenant${config.tenants.length === 1 ? '' : 's'}.`);

    const match = location.hash.match(/^#plan=([A-Za-z0-9_-]+)$/);
    if (match) {
      // Without the plan in the address, so that the page's URL (which some console messages
      // quote) is the console's own.
      history.replaceState(null, '', location.pathname + location.search);
      let plan;
      try {
        plan = decodePlan(match[1]);
      } catch (error) {
        setStatus('The replay link is damaged: ' + error.message);
        return;
      }
      if (Array.isArray(plan)) await runPlan(plan);
    }
  }

  async function copy(text, done) {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(done);
    } catch (error) {
      // No clipboard on an insecure origin: show it instead.
      window.prompt('Copy this:', text);
    }
  }

  start();
})();
