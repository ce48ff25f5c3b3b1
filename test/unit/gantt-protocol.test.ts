import * as assert from 'node:assert/strict';
import {
  GANTT_PROTOCOL_VERSION, dayToIso, isoToDay, validateHostMessage, validateViewState, validateWebviewMessage, weekday,
  type GanttData, type TaskRow,
} from '../../src/protocol/gantt';

const MON = isoToDay('2026-01-05');

function row(over: Partial<Record<number, unknown>> = {}): TaskRow {
  const r: unknown[] = ['PAY-1', 'Design schema', 0, 0, 1, MON, MON + 4, MON, -1, 40, 0, 1, [], 2, 'PAY-1: schema draft', MON + 2, MON + 6];
  for (const [k, v] of Object.entries(over)) r[Number(k)] = v;
  return r as TaskRow;
}

function data(tasks: unknown[] = [row()]): GanttData {
  return {
    name: 'Checkout', today: MON + 2, start: MON, calendar: { workdays: [1, 2, 3, 4, 5], holidays: [MON + 14] },
    people: [['ana', 'Ana Souza']], groups: [['beta', 'Beta', MON + 30, MON + 32, 25, 2, 2, []]], tasks: tasks as TaskRow[], note: '',
  };
}

const init = (d: unknown = data()): unknown => ({ type: 'init', v: GANTT_PROTOCOL_VERSION, rev: 1, data: d });

describe('gantt protocol: day numbers', () => {
  it('converts ISO dates to days since 1970-01-01 and back', () => {
    assert.equal(isoToDay('1970-01-01'), 0);
    assert.equal(isoToDay('2026-01-05'), 20458);
    assert.equal(dayToIso(20458), '2026-01-05');
    assert.equal(weekday(20458), 1); // a Monday
    assert.equal(weekday(isoToDay('2026-01-04')), 0); // Sunday
    assert.equal(isoToDay('2026-1-5'), -1);
    assert.equal(isoToDay(undefined), -1);
  });
});

describe('gantt protocol: host -> webview', () => {
  it('accepts a well-formed init, update, editResult, focus, baseline and requestExport', () => {
    assert.equal(validateHostMessage(init()), undefined);
    assert.equal(validateHostMessage({ type: 'update', rev: 2, baseRev: 1, upsert: [row({ 5: MON + 1, 6: MON + 5 })], remove: ['PAY-9'], groups: data().groups, today: MON + 3, note: '' }, { groups: 1, people: 1 }), undefined);
    assert.equal(validateHostMessage({ type: 'editResult', reqId: 3, ok: true }), undefined);
    assert.equal(validateHostMessage({ type: 'editResult', reqId: 3, ok: false, reason: 'project.yml changed' }), undefined);
    assert.equal(validateHostMessage({ type: 'focus', id: 'beta' }), undefined);
    assert.equal(validateHostMessage({ type: 'baseline', label: 'v1.0.0', rows: [['PAY-1', MON, MON + 3]] }), undefined);
    assert.equal(validateHostMessage({ type: 'baseline', label: null, rows: [], reason: 'untrusted' }), undefined);
    assert.equal(validateHostMessage({ type: 'requestExport', format: 'png' }), undefined);
  });

  it('rejects unknown types, unknown fields and other protocol versions', () => {
    assert.equal(validateHostMessage({ type: 'explode' }), 'unknown message type "explode"');
    assert.equal(validateHostMessage(null), 'message must be an object');
    assert.equal(validateHostMessage([init()]), 'message must be an object');
    assert.equal(validateHostMessage({ ...(init() as object), html: '<b>x</b>' }), 'init: unknown field "html"');
    assert.equal(validateHostMessage({ type: 'init', v: 2, rev: 1, data: data() }), 'init: protocol 2 is not 1');
    assert.equal(validateHostMessage(init({ ...data(), extra: 1 })), 'data: unknown field "extra"');
  });

  it('rejects task rows with a wrong shape or out-of-range values', () => {
    assert.equal(validateHostMessage(init(data([row().slice(0, 14)]))), 'task: a task row has 17 fields');
    assert.equal(validateHostMessage(init(data([row({ 0: 'PAY 1' })]))), 'task: bad task id');
    assert.equal(validateHostMessage(init(data([row({ 0: '--upload-pack=x' })]))), 'task: bad task id');
    assert.equal(validateHostMessage(init(data([row({ 2: 1 })]))), 'task PAY-1: group out of range');
    assert.equal(validateHostMessage(init(data([row({ 3: 1 })]))), 'task PAY-1: assignee out of range');
    assert.equal(validateHostMessage(init(data([row({ 4: 6 })]))), 'task PAY-1: bad status');
    assert.equal(validateHostMessage(init(data([row({ 5: MON + 0.5 })]))), 'task PAY-1: bad start');
    assert.equal(validateHostMessage(init(data([row({ 6: MON - 1 })]))), 'task PAY-1: finish before start');
    assert.equal(validateHostMessage(init(data([row({ 5: -1 })]))), 'task PAY-1: finish before start');
    assert.equal(validateHostMessage(init(data([row({ 16: MON + 1 })]))), 'task PAY-1: finish before start');
    assert.equal(validateHostMessage(init(data([row({ 15: -1 })]))), 'task PAY-1: finish before start');
    assert.equal(validateHostMessage(init(data([row({ 15: 'Dec 7' })]))), 'task PAY-1: bad forecastStart');
    assert.equal(validateHostMessage(init(data([row().slice(0, 15)]))), 'task: a task row has 17 fields');
    assert.equal(validateHostMessage(init(data([row({ 9: 101 })]))), 'task PAY-1: progress must be 0..100');
    assert.equal(validateHostMessage(init(data([row({ 11: 64 })]))), 'task PAY-1: bad flags');
    assert.equal(validateHostMessage(init(data([row({ 12: ['ok', 'not ok'] })]))), 'task PAY-1: bad deps');
    assert.equal(validateHostMessage(init(data([row({ 1: 'x'.repeat(2001) })]))), 'task PAY-1: bad title');
  });

  it('rejects a bad calendar, people or groups', () => {
    assert.equal(validateHostMessage(init({ ...data(), calendar: { workdays: [7], holidays: [] } })), 'calendar: workdays must be 0..6');
    assert.equal(validateHostMessage(init({ ...data(), people: [['ana']] })), 'data: bad person row');
    assert.equal(validateHostMessage(init({ ...data(), groups: [['beta', 'Beta', MON, MON, 25, 4, 0, []]] })), 'group beta: bad health');
    assert.equal(validateHostMessage(init({ ...data(), today: -1 })), 'data: bad today');
  });

  it('rejects an update that does not fit the data the webview holds', () => {
    const upd = { type: 'update', rev: 2, baseRev: 1, upsert: [], remove: [], groups: data().groups, today: MON, note: '' };
    assert.equal(validateHostMessage({ ...upd, groups: [...data().groups, ['ga', 'GA', -1, -1, 0, 0, 0, []]] }, { groups: 1, people: 1 }), 'update: the group list changed; a full init is needed');
    assert.equal(validateHostMessage({ ...upd, upsert: [row({ 3: 4 })] }, { groups: 1, people: 1 }), 'update PAY-1: assignee out of range');
    assert.equal(validateHostMessage({ ...upd, rev: 1 }), 'update: bad rev');
    assert.equal(validateHostMessage({ ...upd, remove: ['a b'] }), 'update: bad remove list');
  });

  it('rejects a refusal without reason and inverted baseline rows', () => {
    assert.equal(validateHostMessage({ type: 'editResult', reqId: 1, ok: false }), 'editResult: a refusal needs a reason');
    assert.equal(validateHostMessage({ type: 'editResult', reqId: 1, ok: 'yes' }), 'editResult: ok must be a boolean');
    assert.equal(validateHostMessage({ type: 'baseline', label: 'v1', rows: [['PAY-1', MON, MON - 1]] }), 'baseline: bad row');
    assert.equal(validateHostMessage({ type: 'baseline', label: null, rows: [['PAY-1', MON, MON]] }), 'baseline: no label, no rows');
  });
});

describe('gantt protocol: webview -> host', () => {
  it('accepts ready, each edit, reveal, export, pickBaseline, resync and state', () => {
    assert.equal(validateWebviewMessage({ type: 'ready', v: 1 }), undefined);
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'move', task: 'PAY-1', start: MON }), undefined);
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 2, op: 'estimate', task: 'PAY-1', days: 3 }), undefined);
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 3, op: 'depend', task: 'PAY-2', dependsOn: 'PAY-1' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'reveal', task: 'PAY-1' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'export', format: 'svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'export', format: 'png', data: 'data:image/png;base64,iVBORw0KGgo=' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'pickBaseline' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'resync', reason: 'gap' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'state', state: { zoom: 'month', scrollX: 10, scrollY: 0, collapsed: ['beta', ''], filterText: 'api', filterAssignee: 'ana', filterStatus: 'todo', criticalOnly: false, baseline: true } }), undefined);
  });

  it('rejects malformed edits with the reason', () => {
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'move', task: 'PAY-1', start: MON, estimate: '3d' }), 'edit: unknown field "estimate"');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'move', task: 'PAY-1', start: -1 }), 'edit: bad start day');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'move', task: 'PAY-1', start: '2026-01-05' }), 'edit: bad start day');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'estimate', task: 'PAY-1', days: 0 }), 'edit: estimate must be 1..10000 days');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'estimate', task: 'PAY-1', days: 1.5 }), 'edit: estimate must be 1..10000 days');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'depend', task: 'PAY-1', dependsOn: 'PAY-1' }), 'edit: a task cannot depend on itself');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'depend', task: 'PAY-1', dependsOn: '-x' }), 'edit: bad dependency id');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'rename', task: 'PAY-1' }), 'edit: unknown op "rename"');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: -1, op: 'move', task: 'PAY-1', start: MON }), 'edit: bad reqId');
    assert.equal(validateWebviewMessage({ type: 'edit', reqId: 1, op: 'move', task: '../etc', start: MON }), 'edit: bad task id');
  });

  it('rejects other bad messages', () => {
    assert.equal(validateWebviewMessage({ type: 'ready', v: 0 }), 'ready: protocol 0 is not 1');
    assert.equal(validateWebviewMessage({ type: 'ready', v: 1, x: 1 }), 'ready: unknown field "x"');
    assert.equal(validateWebviewMessage({ type: 'reveal', task: 'PAY 1' }), 'reveal: bad task id');
    assert.equal(validateWebviewMessage({ type: 'export', format: 'svg', data: '<script>alert(1)</script>' }), 'export: data is not an SVG document');
    assert.equal(validateWebviewMessage({ type: 'export', format: 'png', data: 'data:image/png;base64,<svg>' }), 'export: data is not a PNG data URL');
    assert.equal(validateWebviewMessage({ type: 'export', format: 'pdf', data: 'x' }), 'export: format must be svg or png');
    assert.equal(validateWebviewMessage({ type: 'state', state: { zoom: 'year' } }), 'state: bad zoom');
    assert.equal(validateWebviewMessage({ type: 'pickBaseline', ref: 'HEAD' }), 'pickBaseline: unknown field "ref"');
    assert.equal(validateWebviewMessage('ready'), 'message must be an object');
    assert.equal(validateWebviewMessage({ type: 'eval', code: '1' }), 'unknown message type "eval"');
  });

  it('checks a restored view state like a message', () => {
    const ok = { zoom: 'week', scrollX: 0, scrollY: 0, collapsed: [], filterText: '', filterAssignee: '', filterStatus: '', criticalOnly: false, baseline: false };
    assert.equal(validateViewState(ok), undefined);
    assert.equal(validateViewState({ ...ok, scrollX: -5 }), 'state: bad scroll');
    assert.equal(validateViewState({ ...ok, filterStatus: 'finished' }), 'state: bad status filter');
    assert.equal(validateViewState({ ...ok, criticalOnly: 'yes' }), 'state: flags must be booleans');
    // The pure-plan toggle: optional (states saved before it existed stay valid), a boolean when present.
    assert.equal(validateViewState({ ...ok, planOnly: true }), undefined);
    assert.equal(validateViewState({ ...ok, planOnly: 'on' }), 'state: flags must be booleans');
  });
});
