// OneGrid console: shared helpers. Plain JavaScript, no build step, no external resources.
'use strict';

const Console = (() => {
  const pages = [
    { href: 'grid.html', label: '一网一表', en: 'Grid table' },
    { href: 'worklist.html', label: '核查清单', en: 'Verify once' },
    { href: 'pipeline.html', label: '数据流水线', en: 'Pipeline', role: 'operator' },
    { href: 'rejected.html', label: '拒收记录', en: 'Rejected', role: 'operator' },
  ];

  /** JSON from the console API; sends the header a changing request needs; a lost session goes back to sign-in. */
  async function api(path, options = {}) {
    const init = { credentials: 'same-origin', ...options, headers: { 'X-OneGrid-Console': '1', ...(options.headers || {}) } };
    if (init.body && typeof init.body !== 'string') {
      init.body = JSON.stringify(init.body);
      init.headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, init);
    if (response.status === 401) {
      location.href = 'index.html';
      throw new Error('not signed in');
    }
    const body = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.error || ('HTTP ' + response.status));
    }
    return body;
  }

  /** Who is signed in; draws the header with the pages their roles open. */
  async function start(current) {
    const me = await api('/api/console/me');
    const header = document.createElement('header');
    const brand = el('span', { class: 'brand' }, '一网一表 OneGrid');
    const nav = el('nav', { 'aria-label': '页面 Pages' });
    for (const page of pages) {
      if (page.role && !me.roles.includes(page.role)) continue;
      const a = el('a', { href: page.href }, page.label + ' ');
      a.append(el('span', { class: 'en' }, page.en));
      if (page.href === current) a.setAttribute('aria-current', 'page');
      nav.append(a);
    }
    const who = el('span', { class: 'who' }, me.description + ' (' + me.subscriber + ')');
    const out = el('button', { class: 'secondary', type: 'button' }, '退出 Sign out');
    out.addEventListener('click', async () => {
      await fetch('/console/session', { method: 'DELETE', credentials: 'same-origin' });
      location.href = 'index.html';
    });
    header.append(brand, nav, who, out);
    document.body.prepend(header);
    return me;
  }

  /** An element with attributes and text or children. */
  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  const genders = { '1': '男', '2': '女', '9': '未说明' };
  const columnLabels = {
    name: '姓名', idNumber: '身份证号', gender: '性别', birthDate: '出生日期', ethnicity: '民族',
    phones: '电话', address: '住址', attributes: '部门信息',
  };

  /** One table cell: the value, and a tag naming the department it came from (hover for the connector). */
  function cell(column, data) {
    const td = el('td', { 'data-column': column });
    if (column === 'attributes') {
      for (const a of data || []) {
        const line = el('div', {}, a.name + ': ' + a.value);
        if (a.department) line.append(el('span', { class: 'src', title: '来源 source: ' + a.department }, a.department));
        td.append(line);
      }
      return td;
    }
    if (!data) return td;
    const value = column === 'gender' ? (genders[data.value] || data.value) : data.value;
    td.append(el('span', { class: 'value' }, value));
    if (data.department) {
      const title = '来源 source: ' + data.department + ' (' + data.connector + ')' + (data.decided ? '，经人工核实 verified by a reviewer' : '');
      td.append(el('span', { class: 'src' + (data.decided ? ' decided' : ''), title }, data.department));
    }
    return td;
  }

  return { api, start, el, cell, columnLabels };
})();
