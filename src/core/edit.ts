// Edits to project.yml as minimal text edits computed from node ranges. The
// document is never re-stringified: comments, blank lines, quoting, key order,
// flow lists and CRLF outside the changed span stay byte-identical. Every
// function refuses (ok: false, with a reason) rather than guess.
import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Y } from './yamlLib';
import { PRIORITIES, TASK_STATUSES, isTask, type Milestone, type Plan, type Task, type TextEdit } from './model';
import { listItemRemoval, type ParsedPlan } from './parse';
import { documentOf, nodeOf } from './syntaxTree';
import { dependentsOf } from './dependencies';
import { ID_RE, ISSUE_RE, KNOWN_KEYS, closest, dateProblem, didYouMean, parseDuration, parseShare } from './validate';
import { clip, eolOf, findPair, keyName, lineEndAfterBreak, lineStartOf, tagSpan } from './yamlUtil';

export type EditResult =
  | { ok: true; edits: TextEdit[]; text: string; summary: string; warnings: string[] }
  | { ok: false; reason: string };

export const TASK_FIELDS = ['status', 'estimate', 'start', 'due', 'assignee', 'progress', 'priority', 'spent', 'title', 'description', 'issue'] as const;
export type TaskField = (typeof TASK_FIELDS)[number];

type Ctx = { plan: Plan; doc: Document; text: string; eol: string };

function context(p: ParsedPlan): Ctx | string {
  if (!p.syntaxOk) {
    const first = p.diagnostics.find((d) => d.severity === 'error');
    return `project.yml does not parse${first ? ` (line ${first.start.line}: ${first.message})` : ''}; fix it before Waymark edits it.`;
  }
  const doc = documentOf(p);
  if (!p.plan || !doc) return 'project.yml holds no plan Waymark can edit.';
  // Edits work line by line on LF or CRLF; a lone CR (classic Mac line endings) is read, not written.
  if (/\r(?!\n)/.test(p.text)) return 'project.yml has CR-only line endings; save it with LF or CRLF line endings before Waymark edits it.';
  return { plan: p.plan, doc, text: p.text, eol: eolOf(p.text) };
}

function refuse(reason: string): EditResult { return { ok: false, reason }; }

function done(c: Ctx, edits: TextEdit[], summary: string, warnings: string[] = []): EditResult {
  return { ok: true, edits, text: applyTextEdits(c.text, edits), summary, warnings };
}

function findTask(c: Ctx, id: string): Task | string {
  const item = c.plan.byId.get(id);
  if (isTask(item)) {
    // With a duplicate id, "the task" is ambiguous: editing the first one silently would surprise.
    let n = 0;
    for (const t of c.plan.tasks) if (t.id === id) n++;
    return n > 1 ? `The id '${clip(id)}' is used by ${n} tasks; make it unique first.` : item;
  }
  const guess = closest(id, c.plan.tasks.map((t) => t.id));
  return item ? `'${clip(id)}' is a ${item.kind}, not a task.` : `There is no task '${clip(id)}'${didYouMean(guess)}.`;
}

// ---------------------------------------------------------------- values

/** Validates and normalises a value for a task field; returns the YAML value text or a reason. */
function checkValue(c: Ctx, field: TaskField, value: string | number): { value: string | number } | { problem: string } {
  const s = String(value).trim();
  switch (field) {
    case 'status': case 'priority': {
      const values: readonly string[] = field === 'status' ? TASK_STATUSES : PRIORITIES;
      if (values.includes(s)) return { value: s };
      return { problem: `'${clip(s)}' is not a ${field}; use one of ${values.join(', ')}${didYouMean(closest(s, values))}.` };
    }
    case 'start': case 'due': {
      const pr = dateProblem(s);
      return pr ? { problem: `'${clip(s)}' is not a date: ${pr}.` } : { value: s };
    }
    case 'estimate': case 'spent': {
      const cal = c.plan.project.calendar;
      const r = parseDuration(typeof value === 'number' ? value : s, cal.hoursPerDay, cal.workdays.length, field === 'estimate' ? 'd' : 'h');
      return 'problem' in r ? { problem: `'${clip(s)}' is not a duration: ${r.problem}.` } : { value: typeof value === 'number' ? value : s };
    }
    case 'progress': {
      const r = parseShare(typeof value === 'number' ? value : s);
      return 'problem' in r ? { problem: `${r.problem}.` } : { value: typeof value === 'number' ? value : s };
    }
    case 'assignee': {
      if (c.plan.people.some((x) => x.id === s)) return { value: s };
      return { problem: `There is no person '${clip(s)}' in people${didYouMean(closest(s, c.plan.people.map((x) => x.id)))}.` };
    }
    case 'issue':
      return ISSUE_RE.test(s) ? { value: /^\d+$/.test(s) ? Number(s) : s } : { problem: `'${clip(s)}' is not an issue reference; write 123 or owner/repo#123.` };
    case 'title': case 'description':
      if (field === 'title' && s === '') return { problem: 'A task needs a title.' };
      return { value: String(value) };
  }
}

/**
 * A scalar as YAML text: plain when yaml reads it back as the same string,
 * else in the quoting style given (or double quotes for anything multi-line).
 */
export function formatScalar(value: string | number, options: { flow?: boolean; quote?: 'single' | 'double' } = {}): string {
  if (typeof value === 'number') return String(value);
  const s = value;
  const single = `'${s.replace(/'/g, "''")}'`;
  const double = JSON.stringify(s); // JSON escapes are valid in YAML double-quoted scalars
  // eslint-disable-next-line no-control-regex -- control characters must be escaped
  if (/[\u0000-\u001f\u007f]/.test(s)) return double;
  if (options.quote === 'single') return single;
  if (options.quote === 'double') return double;
  if (s !== '' && s.trim() === s && !(options.flow && /[,[\]{}]/.test(s)) && !/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/: |\s#/.test(s) && !s.endsWith(':')) {
    try { if (Y().parse(s) === s) return s; } catch { /* fall through to quotes */ }
  }
  return s.includes("'") && !s.includes('"') ? double : single;
}

function quoteOf(node: unknown): 'single' | 'double' | undefined {
  if (!Y().isScalar(node)) return undefined;
  return node.type === Y().Scalar.QUOTE_SINGLE ? 'single' : node.type === Y().Scalar.QUOTE_DOUBLE ? 'double' : undefined;
}

// ---------------------------------------------------------------- text geometry

/** End of the text that a node's value occupies, extended to the end of its last line. */
function endOfLines(text: string, end: number): number {
  return end > 0 && text[end - 1] === '\n' ? end : lineEndAfterBreak(text, end);
}

function columnOf(text: string, offset: number): number { return offset - lineStartOf(text, offset); }

/** True when only spaces (and `- ` dashes) precede `offset` on its line: it starts a line's content. */
function firstOnLine(text: string, offset: number): boolean {
  return /^[ ]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/**
 * The lines of list item `item` (a block sequence entry), including comment
 * lines directly above it that belong to it. [start, end) are whole lines.
 */
function itemLines(text: string, seq: YAMLSeq, index: number): { start: number; end: number; dashCol: number } | undefined {
  const node = seq.items[index] as { range?: [number, number, number] | null };
  if (!node?.range || seq.flow) return undefined;
  const lineStart = lineStartOf(text, node.range[0]);
  const dash = text.indexOf('-', lineStart);
  const dashCol = dash - lineStart;
  let start = lineStart;
  // Own comments: comment lines right above, indented at least like the dash.
  while (start > 0) {
    const prevStart = lineStartOf(text, start - 1);
    const line = text.slice(prevStart, start);
    const m = /^([ ]*)#/.exec(line);
    if (!m || m[1].length < dashCol) break;
    // A comment that follows a previous sibling's deeper content belongs to us only when at our indent.
    if (m[1].length !== dashCol) break;
    start = prevStart;
  }
  let end = endOfLines(text, node.range[1]);
  // Trailing blank lines inside a block scalar range are kept with the item already; stop before the next item.
  const next = seq.items[index + 1] as { range?: [number, number, number] | null } | undefined;
  if (next?.range) end = Math.min(end, lineStartOf(text, next.range[0]));
  return { start, end, dashCol };
}

/** Re-indents whole lines by `delta` columns (negative removes up to that many leading spaces). */
function reindent(block: string, delta: number): string {
  if (delta === 0) return block;
  const lines = block.split('\n');
  return lines.map((line, i) => {
    if (i === lines.length - 1 && line === '') return line;
    if (line.trim() === '' ) return line;
    if (delta > 0) return ' '.repeat(delta) + line;
    const lead = /^[ ]*/.exec(line)![0].length;
    return line.slice(Math.min(lead, -delta));
  }).join('\n');
}

interface Insertion { offset: number; newText: string }

/**
 * Where a new `key: value` goes in a block mapping: after the last key that
 * comes before it in the canonical order, else after the last key. Returns the
 * insertion of `key: <valueText>` (valueText may start with a line break for nested blocks).
 */
function insertKey(c: Ctx, map: YAMLMap, key: string, valueText: string, order: readonly string[]): Insertion {
  const pairs = map.items as Pair[];
  if (map.flow) {
    const last = pairs[pairs.length - 1];
    const lastEnd = last ? ((last.value as { range?: number[] } | null)?.range?.[1] ?? (last.key as { range: number[] }).range[1]) : undefined;
    if (lastEnd === undefined) {
      const open = c.text.indexOf('{', map.range![0]);
      return { offset: open + 1, newText: ` ${key}: ${valueText} ` };
    }
    return { offset: lastEnd, newText: `, ${key}: ${valueText}` };
  }
  const rank = (k: string | undefined) => (k === undefined ? -1 : order.indexOf(k));
  const want = rank(key);
  let after: Pair | undefined = pairs[pairs.length - 1];
  if (want >= 0) {
    let best: Pair | undefined;
    for (const p of pairs) if (rank(keyName(p)) >= 0 && rank(keyName(p)) < want) best = p;
    if (best) after = best;
  }
  const firstKey = (pairs[0].key as { range: number[] }).range[0];
  const indent = ' '.repeat(columnOf(c.text, firstKey));
  const afterEnd = pairEnd(after);
  const offset = endOfLines(c.text, afterEnd);
  const line = `${indent}${key}: ${valueText}`.replace(/: (\r?\n)/, ':$1');
  if (offset === c.text.length && !c.text.endsWith('\n')) return { offset, newText: `${c.eol}${line}` };
  return { offset, newText: `${line}${c.eol}` };
}

function pairEnd(p: Pair): number {
  const v = p.value as { range?: number[] } | null;
  return v?.range?.[1] ?? (p.key as { range: number[] }).range[1];
}

// ---------------------------------------------------------------- set field

export function setStatus(p: ParsedPlan, taskId: string, status: string): EditResult {
  return setTaskField(p, taskId, 'status', status);
}

export function setTaskField(p: ParsedPlan, taskId: string, field: TaskField, value: string | number | null): EditResult {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  if (!(TASK_FIELDS as readonly string[]).includes(field)) return refuse(`'${clip(String(field))}' is not a task field Waymark can set; it sets ${TASK_FIELDS.join(', ')}.`);
  const task = findTask(c, taskId);
  if (typeof task === 'string') return refuse(task);
  const map = nodeOf(task, c.doc);
  if (!map) return refuse(`Task '${taskId}' has no editable mapping in the file.`);
  const pair = findPair(map, field);
  const before = describeOld(task, field);
  if (value === null) {
    if (field === 'title') return refuse('A task needs a title; it cannot be removed.');
    if (!pair) return refuse(`Task '${taskId}' has no \`${field}\` to remove.`);
    return done(c, [removePairEdit(c, map, pair)], `${taskId}: ${field} removed (was ${before})`);
  }
  const checked = checkValue(c, field, value);
  if ('problem' in checked) return refuse(checked.problem);
  const current = pair ? (pair.value as unknown) : undefined;
  const flow = Boolean(map.flow);
  const text = formatScalar(checked.value, { flow, quote: quoteOf(current) });
  const after = String(checked.value);
  // Same value written the same way (quotes included): nothing to change.
  if (pair && Y().isScalar(current) && current.value !== null && String(current.value) === after && c.text.slice(current.range![0], current.range![1]) === text) {
    return done(c, [], `${taskId}: ${field} is already ${after}`);
  }
  let edit: TextEdit;
  if (pair) {
    edit = replaceValueEdit(c, pair, text);
  } else {
    const ins = insertKey(c, map, field, text, KNOWN_KEYS.task);
    edit = { offset: ins.offset, length: 0, newText: ins.newText };
  }
  return done(c, [edit], `${taskId}: ${before} -> ${after}`);
}

function describeOld(task: Task, field: TaskField): string {
  const v = (task as unknown as Record<string, unknown>)[field];
  if (field === 'status') return task.status;
  if (field === 'progress' && typeof v === 'number') return `${Math.round(v * 100)}%`;
  if (field === 'issue' && task.issue) return task.issue.owner ? `${task.issue.owner}/${task.issue.repo}#${task.issue.number}` : String(task.issue.number);
  return v === undefined ? '(none)' : String(v);
}

/** Replaces a pair's value; an empty value (`due:`) gets the text after its colon. */
function replaceValueEdit(c: Ctx, pair: Pair, text: string): TextEdit {
  const v = pair.value as Scalar | YAMLMap | YAMLSeq | null;
  const keyEnd = (pair.key as { range: number[] }).range[1];
  if (!v || !v.range || (Y().isScalar(v) && v.value === null && v.range[0] === v.range[1])) {
    const colon = c.text.indexOf(':', keyEnd);
    const at = v?.range ? Math.max(colon + 1, v.range[0]) : colon + 1;
    return { offset: colon + 1, length: at - (colon + 1), newText: ` ${text}` };
  }
  let end = v.range[1];
  // Block scalars own their trailing line breaks: keep one so the next key stays on its line.
  if (Y().isScalar(v) && (v.type === Y().Scalar.BLOCK_LITERAL || v.type === Y().Scalar.BLOCK_FOLDED)) {
    const body = c.text.slice(v.range[0], end);
    const trail = /(\r?\n)*$/.exec(body)![0];
    end -= trail.length;
  }
  // An explicit tag (an error in the file) goes with the old value, so it cannot give the new one its type; an anchor stays.
  const tag = tagSpan(c.text, v.range[0]);
  if (tag) return { offset: tag.start, length: end - tag.start, newText: `${c.text.slice(tag.end, v.range[0]).trimStart()}${text}` };
  return { offset: v.range[0], length: end - v.range[0], newText: text };
}

/** Removes a `key: value` pair: its whole lines in a block mapping, the entry and a comma in a flow mapping. */
function removePairEdit(c: Ctx, map: YAMLMap, pair: Pair): TextEdit {
  const pairs = map.items as Pair[];
  const i = pairs.indexOf(pair);
  const keyStart = (pair.key as { range: number[] }).range[0];
  if (map.flow) {
    if (pairs.length === 1) return { offset: keyStart, length: pairEnd(pair) - keyStart, newText: '' };
    if (i < pairs.length - 1) {
      const nextStart = (pairs[i + 1].key as { range: number[] }).range[0];
      return { offset: keyStart, length: nextStart - keyStart, newText: '' };
    }
    const prevEnd = pairEnd(pairs[i - 1]);
    return { offset: prevEnd, length: pairEnd(pair) - prevEnd, newText: '' };
  }
  const end = endOfLines(c.text, pairEnd(pair));
  if (firstOnLine(c.text, keyStart)) {
    const start = lineStartOf(c.text, keyStart);
    return { offset: start, length: end - start, newText: '' };
  }
  // The first key shares its line with the list dash (`- status: x`): pull the next key up.
  const next = pairs[i + 1];
  if (next) {
    const nextStart = (next.key as { range: number[] }).range[0];
    return { offset: keyStart, length: nextStart - keyStart, newText: '' };
  }
  return { offset: keyStart, length: end - keyStart - (c.text.slice(0, end).endsWith('\r\n') ? 2 : c.text.slice(0, end).endsWith('\n') ? 1 : 0), newText: '{}' };
}

// ---------------------------------------------------------------- tasks lists

interface ListTarget {
  /** The `tasks` / `backlog` sequence when present and non-empty-ish. */
  seq?: YAMLSeq;
  /** The pair holding it (absent: the key must be created). */
  pair?: Pair;
  /** The mapping that would receive a new key (a milestone), or undefined for the top level. */
  owner?: YAMLMap;
  label: string;
}

function listTarget(c: Ctx, milestoneId: string | null): ListTarget | string {
  if (milestoneId === null) {
    const top = c.doc.contents as YAMLMap;
    if (top.flow) return 'project.yml is written as one flow mapping { ... }; Waymark edits block-style files only.';
    const pair = findPair(top, 'backlog');
    const seq = pair && Y().isSeq(pair.value) ? (pair.value as YAMLSeq) : undefined;
    if (pair && !seq && !(Y().isScalar(pair.value) && pair.value.value === null)) return '`backlog` is not a list; fix it first.';
    return { seq, pair, owner: top, label: 'the backlog' };
  }
  const m = c.plan.byId.get(milestoneId);
  if (!m || m.kind !== 'milestone') {
    return `There is no milestone '${clip(milestoneId)}'${didYouMean(closest(milestoneId, c.plan.milestones.map((x) => x.id)))}.`;
  }
  const map = nodeOf(m, c.doc);
  if (!map) return `Milestone '${milestoneId}' has no editable mapping in the file.`;
  const pair = findPair(map, 'tasks');
  const seq = pair && Y().isSeq(pair.value) ? (pair.value as YAMLSeq) : undefined;
  if (pair && !seq && !(Y().isScalar(pair.value) && pair.value.value === null)) return `\`tasks\` of milestone '${milestoneId}' is not a list; fix it first.`;
  return { seq, pair, owner: map, label: `milestone '${milestoneId}'` };
}

/**
 * The edit that appends a list entry. `block` is the entry as block lines
 * (first line starts with `- `, indented relative to column 0); `flow` the entry as a flow item.
 */
function appendItem(c: Ctx, t: ListTarget, block: (dashCol: number) => string, flow: string): TextEdit {
  const seq = t.seq;
  if (seq && seq.flow) {
    const items = seq.items as { range?: number[] | null }[];
    const last = items[items.length - 1];
    if (last?.range) return { offset: last.range[1], length: 0, newText: `, ${flow}` };
    // `[]`: write the entry inside the brackets.
    const open = c.text.indexOf('[', seq.range![0]);
    const close = c.text.indexOf(']', open);
    return { offset: open + 1, length: close - open - 1, newText: flow };
  }
  if (seq && seq.items.length > 0) {
    const lastIndex = seq.items.length - 1;
    const lines = itemLines(c.text, seq, lastIndex)!;
    const body = block(lines.dashCol);
    return { offset: lines.end, length: 0, newText: withEol(c, lines.end, body) };
  }
  if (t.pair) {
    // `tasks:` with nothing after it: entries go on the following lines.
    const keyStart = (t.pair.key as { range: number[] }).range[0];
    const dashCol = columnOf(c.text, keyStart) + 2;
    const v = t.pair.value as { range?: number[] } | null;
    const colon = c.text.indexOf(':', (t.pair.key as { range: number[] }).range[1]);
    const from = colon + 1;
    const to = v?.range ? Math.max(from, v.range[1]) : from;
    return { offset: from, length: to - from, newText: `${c.eol}${block(dashCol).replace(/\r?\n$/, '')}` };
  }
  // No key at all: `tasks:` inside the milestone, or `backlog:` at the end of the file.
  if (t.owner && t.owner !== c.doc.contents) {
    // A milestone written as `{ id: x, title: y }` can only take a flow list.
    if (t.owner.flow) {
      const ins = insertKey(c, t.owner, 'tasks', `[${flow}]`, KNOWN_KEYS.milestone);
      return { offset: ins.offset, length: 0, newText: ins.newText };
    }
    const pairs = t.owner.items as Pair[];
    const keyCol = columnOf(c.text, (pairs[0].key as { range: number[] }).range[0]);
    const ins = insertKey(c, t.owner, 'tasks', `${c.eol}${block(keyCol + 2).replace(/\r?\n$/, '')}`, KNOWN_KEYS.milestone);
    return { offset: ins.offset, length: 0, newText: ins.newText };
  }
  const lead = c.text.length === 0 || c.text.endsWith('\n') ? '' : c.eol;
  return { offset: c.text.length, length: 0, newText: `${lead}backlog:${c.eol}${block(2)}` };
}

function withEol(c: Ctx, offset: number, body: string): string {
  return offset === c.text.length && !c.text.endsWith('\n') ? `${c.eol}${body.replace(/\r?\n$/, '')}` : body;
}

// ---------------------------------------------------------------- add task

export interface NewTaskFields { title: string; id?: string; [k: string]: unknown }

export function addTask(p: ParsedPlan, milestoneId: string | null, fields: NewTaskFields): EditResult & { id?: string } {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  const t = listTarget(c, milestoneId);
  if (typeof t === 'string') return refuse(t);
  if (typeof fields.title !== 'string' || fields.title.trim() === '') return refuse('A new task needs a title.');
  const id = fields.id ?? nextTaskId(c.plan);
  if (!ID_RE.test(id)) return refuse(`'${clip(id)}' is not a valid id: use letters, digits, '.', '_' and '-'.`);
  if (c.plan.byId.has(id)) return refuse(`The id '${id}' is already used by a ${c.plan.byId.get(id)!.kind}.`);
  const entries: [string, string][] = [['id', formatScalar(id)]];
  for (const key of KNOWN_KEYS.task) {
    if (key === 'id') continue;
    const v = fields[key];
    if (v === undefined || v === null) continue;
    if (key === 'depends' || key === 'tags') {
      const list = Array.isArray(v) ? v.map(String) : [String(v)];
      if (key === 'depends') for (const d of list) if (!c.plan.byId.has(d)) return refuse(`Cannot depend on '${clip(d)}': there is no such task or milestone.`);
      entries.push([key, `[${list.map((x) => formatScalar(x, { flow: true })).join(', ')}]`]);
      continue;
    }
    if (!(TASK_FIELDS as readonly string[]).includes(key)) continue;
    if (typeof v !== 'string' && typeof v !== 'number') return refuse(`\`${key}\` must be text or a number.`);
    const checked = checkValue(c, key as TaskField, v);
    if ('problem' in checked) return refuse(checked.problem);
    entries.push([key, formatScalar(checked.value)]);
  }
  for (const key of Object.keys(fields)) {
    if (!(KNOWN_KEYS.task as readonly string[]).includes(key)) return refuse(`'${clip(key)}' is not a task field.`);
  }
  const styleFlow = isFlowStyle(t.seq);
  const flowText = `{ ${entries.map(([k, v]) => `${k}: ${flowSafe(v)}`).join(', ')} }`;
  const block = (dashCol: number) => {
    if (styleFlow) return `${' '.repeat(dashCol)}- ${flowText}${c.eol}`;
    const keyIndent = ' '.repeat(dashCol + 2);
    return entries.map(([k, v], i) => `${i === 0 ? `${' '.repeat(dashCol)}- ` : keyIndent}${k}: ${v}${c.eol}`).join('');
  };
  const edit = appendItem(c, t, block, flowText);
  const r = done(c, [edit], `${id}: added to ${t.label}`);
  return r.ok ? { ...r, id } : r;
}

/** Entries of an existing list written as flow maps (`- { id: X, title: Y }`) keep that style. */
function isFlowStyle(seq: YAMLSeq | undefined): boolean {
  if (!seq || seq.items.length === 0) return false;
  const last = seq.items[seq.items.length - 1];
  return Y().isMap(last) && Boolean((last as YAMLMap).flow);
}

function flowSafe(v: string): string {
  // A plain scalar in a flow map cannot hold , [ ] { }: re-quote those.
  if (/^['"[]/.test(v) || !/[,[\]{}]/.test(v)) return v;
  return JSON.stringify(v);
}

/** KEY-<max+1> over every id of that form; without a key, the most common `PREFIX-n` prefix. */
export function nextTaskId(plan: Pick<Plan, 'project' | 'tasks' | 'byId'>): string {
  let prefix = plan.project.key;
  if (!prefix) {
    const counts = new Map<string, number>();
    for (const t of plan.tasks) {
      const m = /^(.+)-\d+$/.exec(t.id);
      if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    }
    let best = 0;
    for (const [k, n] of counts) if (n > best) { best = n; prefix = k; }
  }
  prefix ??= 'T';
  let max = 0;
  const re = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)$`, 'i');
  for (const id of plan.byId.keys()) {
    const m = re.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${prefix}-${max + 1}`;
}

// ---------------------------------------------------------------- remove / move

/** Where a task sits: its list and index, so its text can be cut. */
function locate(c: Ctx, task: Task): { seq: YAMLSeq; index: number } | undefined {
  const map = nodeOf(task, c.doc);
  if (!map) return undefined;
  let owner: YAMLMap | undefined;
  let key = 'tasks';
  if (task.milestone !== undefined) {
    const m = c.plan.byId.get(task.milestone) as Milestone | undefined;
    owner = m ? nodeOf(m, c.doc) : undefined;
  } else {
    owner = c.doc.contents as YAMLMap;
    key = 'backlog';
  }
  const seq = owner ? findPair(owner, key)?.value : undefined;
  if (!Y().isSeq(seq)) return undefined;
  const index = (seq as YAMLSeq).items.indexOf(map);
  return index >= 0 ? { seq: seq as YAMLSeq, index } : undefined;
}

/** The edit that cuts a task out of its list, and the cut text (whole lines for block lists). */
function cutTask(c: Ctx, task: Task): { edit: TextEdit; lines?: { text: string; dashCol: number }; flowText: string } | string {
  const at = locate(c, task);
  if (!at) return `Task '${task.id}' could not be located in the file.`;
  const node = at.seq.items[at.index] as YAMLMap;
  const flowText = c.text.slice(node.range![0], node.range![1]);
  if (at.seq.flow) {
    const removal = listItemRemoval(c.text, at.seq, at.index)!;
    return { edit: removal, flowText };
  }
  const lines = itemLines(c.text, at.seq, at.index)!;
  return {
    edit: { offset: lines.start, length: lines.end - lines.start, newText: '' },
    lines: { text: c.text.slice(lines.start, lines.end), dashCol: lines.dashCol },
    flowText,
  };
}

export function removeTask(p: ParsedPlan, taskId: string): EditResult {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  const task = findTask(c, taskId);
  if (typeof task === 'string') return refuse(task);
  const cut = cutTask(c, task);
  if (typeof cut === 'string') return refuse(cut);
  const refs = dependentsOf(c.plan, taskId);
  const warnings = refs.length ? [`${refs.join(', ')} still refer${refs.length === 1 ? 's' : ''} to ${taskId}; those references are now unknown.`] : [];
  return done(c, [cut.edit], `${taskId}: removed`, warnings);
}

export function moveTask(p: ParsedPlan, taskId: string, milestoneId: string | null): EditResult {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  const task = findTask(c, taskId);
  if (typeof task === 'string') return refuse(task);
  if ((task.milestone ?? null) === milestoneId) return refuse(`${taskId} is already in ${milestoneId === null ? 'the backlog' : `milestone '${milestoneId}'`}.`);
  const found = listTarget(c, milestoneId);
  if (typeof found === 'string') return refuse(found);
  let t = found;
  const cut = cutTask(c, task);
  if (typeof cut === 'string') return refuse(cut);
  const block = (dashCol: number): string => {
    if (!cut.lines) return `${' '.repeat(dashCol)}- ${cut.flowText}${c.eol}`;
    let body = reindent(cut.lines.text, dashCol - cut.lines.dashCol);
    if (!body.endsWith('\n')) body += c.eol;
    return body;
  };
  if (cut.lines === undefined && /\n/.test(cut.flowText)) return refuse(`${taskId} spans several lines inside a flow list; move it by hand.`);
  if (cut.lines && !nodeOf(task, c.doc)!.flow) {
    // Block lines cannot go inside flow syntax; an empty `[]` in a block mapping becomes a block list.
    const where = milestoneId === null ? 'The backlog' : `Milestone '${milestoneId}'`;
    if (t.owner?.flow) return refuse(`${where} is written in flow style { ... }; a multi-line task cannot go there. Move it by hand.`);
    if (t.seq?.flow) {
      if (t.seq.items.length === 0) t = { ...t, seq: undefined };
      else return refuse(`${where} lists its tasks in a flow list [...]; a multi-line task cannot go there. Move it by hand.`);
    }
  }
  const insert = appendItem(c, t, block, cut.flowText);
  const target = milestoneId === null ? 'the backlog' : milestoneId;
  // A task inherits its milestone's dependencies: moving can close a cycle. Say so (the user may fix it next).
  const warnings: string[] = [];
  const m = milestoneId === null ? undefined : (c.plan.byId.get(milestoneId) as Milestone);
  for (const d of m?.depends ?? []) {
    const path = dependencyPath(c.plan, d, taskId, { task: taskId, from: task.milestone, to: milestoneId ?? undefined });
    if (path) { warnings.push(`Moving ${taskId} into ${milestoneId} makes a dependency cycle: ${[taskId, ...path].join(' -> ')}.`); break; }
  }
  return done(c, [cut.edit, insert], `${taskId}: ${task.milestone ?? 'backlog'} -> ${target}`, warnings);
}

// ---------------------------------------------------------------- dependencies

export function addDependency(p: ParsedPlan, taskId: string, dependsOn: string): EditResult {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  const task = findTask(c, taskId);
  if (typeof task === 'string') return refuse(task);
  const target = c.plan.byId.get(dependsOn);
  if (!target || (target.kind !== 'task' && target.kind !== 'milestone')) {
    const pool = [...c.plan.milestones.map((m) => m.id), ...c.plan.tasks.map((x) => x.id)];
    return refuse(`There is no task or milestone '${clip(dependsOn)}'${didYouMean(closest(dependsOn, pool))}.`);
  }
  if (dependsOn === taskId) return refuse(`${taskId} cannot depend on itself.`);
  if (task.depends.includes(dependsOn)) return done(c, [], `${taskId} already depends on ${dependsOn}`);
  const path = dependencyPath(c.plan, dependsOn, taskId);
  if (path) return refuse(`That would make a cycle: ${[taskId, ...path].join(' -> ')}.`);
  const map = nodeOf(task, c.doc)!;
  const pair = findPair(map, 'depends');
  const item = formatScalar(dependsOn, { flow: true });
  let edit: TextEdit;
  if (!pair) {
    const ins = insertKey(c, map, 'depends', `[${item}]`, KNOWN_KEYS.task);
    edit = { offset: ins.offset, length: 0, newText: ins.newText };
  } else if (Y().isSeq(pair.value)) {
    const seq = pair.value as YAMLSeq;
    edit = appendItem(c, { seq, pair, label: '' }, (dashCol) => `${' '.repeat(dashCol)}- ${formatScalar(dependsOn)}${c.eol}`, item);
  } else if (Y().isScalar(pair.value) && pair.value.value !== null) {
    const v = pair.value;
    const old = c.text.slice(v.range![0], v.range![1]);
    edit = { offset: v.range![0], length: v.range![1] - v.range![0], newText: `[${old}, ${item}]` };
  } else {
    edit = replaceValueEdit(c, pair, `[${item}]`);
  }
  return done(c, [edit], `${taskId}: now depends on ${dependsOn}`);
}

/** A path from `from` to `to` along depends (task -> dependency), or undefined. BFS, iterative. */
function dependencyPath(plan: Plan, from: string, to: string, moved?: { task: string; from?: string; to?: string }): string[] | undefined {
  const deps = new Map<string, readonly string[]>();
  const msDeps = new Map<string, readonly string[]>();
  for (const m of plan.milestones) {
    msDeps.set(m.id, m.depends);
    let tasks = m.tasks.map((t) => t.id);
    if (moved && m.id === moved.from) tasks = tasks.filter((id) => id !== moved.task);
    if (moved && m.id === moved.to) tasks = [...tasks, moved.task];
    deps.set(m.id, [...m.depends, ...tasks]);
  }
  // A task also waits for its milestone's dependencies.
  for (const t of plan.tasks) {
    const home = moved && t.id === moved.task ? moved.to : t.milestone;
    deps.set(t.id, [...t.depends, ...(home !== undefined ? msDeps.get(home) ?? [] : [])]);
  }
  const parent = new Map<string, string>([[from, from]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i];
    if (v === to) {
      const path = [v];
      while (path[path.length - 1] !== from) path.push(parent.get(path[path.length - 1])!);
      return path.reverse();
    }
    for (const w of deps.get(v) ?? []) if (!parent.has(w)) { parent.set(w, v); queue.push(w); }
  }
  return undefined;
}

// ---------------------------------------------------------------- applying

/** Applies non-overlapping edits (any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.offset < pos) throw new Error('overlapping text edits');
    out += text.slice(pos, e.offset) + e.newText;
    pos = e.offset + e.length;
  }
  return out + text.slice(pos);
}

// ---------------------------------------------------------------- appending whole entries (merge)

/** A list entry as text: `block` at dash column 0 (`- id: X` lines, `\n` breaks), `flow` as one flow item. */
export interface EntryText { block: string; flow: string }

/**
 * The one edit that appends entries to a task list (a milestone's `tasks`, or
 * the backlog for null) or to a given sequence, in the style the list already
 * has. Used by the merge driver to bring in items the other branch added.
 */
export function appendEntries(p: ParsedPlan, where: { milestone: string | null } | { seq: YAMLSeq }, entries: readonly EntryText[]): TextEdit | string {
  const c = context(p);
  if (typeof c === 'string') return c;
  let t = 'seq' in where ? { seq: where.seq, label: 'the list' } : listTarget(c, where.milestone);
  if (typeof t === 'string') return t;
  // An empty `[]` under a key becomes a block list when the entries are block text (as moveTask does).
  if (t.seq?.flow && t.seq.items.length === 0 && 'pair' in t && t.pair && !t.owner?.flow && entries.some((e) => !e.block.startsWith('- {'))) t = { ...t, seq: undefined };
  const intoFlow = Boolean(t.seq?.flow && t.seq.items.length > 0) || Boolean(t.owner?.flow);
  if (intoFlow && entries.some((e) => e.flow.includes('\n'))) return `${t.label} is written in flow style; a multi-line entry cannot go there.`;
  const block = (dashCol: number) => entries.map((e) => reindent(e.block, dashCol).replace(/\r?\n/g, c.eol)).join('');
  return appendItem(c, t, block, entries.map((e) => e.flow).join(', '));
}

// ---------------------------------------------------------------- removing a dependency

/** Removes `dependsOn` from a task's `depends`; the key goes when it was the last entry. */
export function removeDependency(p: ParsedPlan, taskId: string, dependsOn: string): EditResult {
  const c = context(p);
  if (typeof c === 'string') return refuse(c);
  const task = findTask(c, taskId);
  if (typeof task === 'string') return refuse(task);
  if (!task.depends.includes(dependsOn)) return done(c, [], `${taskId} does not depend on ${dependsOn}`);
  const map = nodeOf(task, c.doc)!;
  const pair = findPair(map, 'depends')!;
  const v = pair.value;
  const index = Y().isSeq(v) ? v.items.findIndex((x) => Y().isScalar(x) && String(x.value) === dependsOn) : -1;
  const last = !Y().isSeq(v) || v.items.length === 1;
  const edit = last ? removePairEdit(c, map, pair) : listItemRemoval(c.text, v as YAMLSeq, index);
  if (!edit) return refuse(`The dependency of ${taskId} on ${dependsOn} could not be located in the file.`);
  return done(c, [edit], `${taskId}: no longer depends on ${dependsOn}`);
}
