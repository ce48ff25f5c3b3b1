// The JSON Schema subset the agent tools declare their inputs in, and a strict
// checker for it. The same schema objects are sent to MCP clients and written
// into package.json (languageModelTools), so what an agent is told is what is
// enforced here: unknown properties, wrong types, values outside an enum or
// pattern are refused with a message naming the property. No dependency: the
// extension bundle must stay small.

export type JsonSchema = ObjectSchema | StringSchema | NumberSchema | ArraySchema;

export interface ObjectSchema {
  type: 'object';
  description?: string;
  properties: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties: false;
}
export interface StringSchema {
  /** `['string', 'null']`: null removes the field. */
  type: 'string' | ['string', 'null'];
  description?: string;
  enum?: readonly string[];
  pattern?: string;
  maxLength?: number;
}
export interface NumberSchema {
  type: 'integer' | 'number';
  description?: string;
  minimum?: number;
  maximum?: number;
}
export interface ArraySchema {
  type: 'array';
  description?: string;
  items: StringSchema;
  maxItems?: number;
}

/** Thrown for input that does not fit a tool's schema; the message is for the agent. */
export class AgentInputError extends Error {}

const patterns = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = patterns.get(p);
  if (!r) patterns.set(p, (r = new RegExp(p)));
  return r;
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * Checks `value` against `schema` and throws AgentInputError on the first
 * mismatch. Every string is also refused when it starts with `-` (it reads
 * like a command-line option) or holds control characters: agent text is data.
 */
export function checkInput(schema: JsonSchema, value: unknown, at = 'input'): void {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new AgentInputError(`${at} must be an object, not ${typeName(value)}.`);
      const obj = value as Record<string, unknown>;
      for (const key of Object.keys(obj)) {
        if (!Object.prototype.hasOwnProperty.call(schema.properties, key)) {
          const known = Object.keys(schema.properties);
          throw new AgentInputError(`${at} has an unknown property ${show(key)}; ${known.length ? `known: ${known.join(', ')}` : 'it takes none'}.`);
        }
      }
      for (const key of schema.required ?? []) {
        if (obj[key] === undefined) throw new AgentInputError(`${at} needs the property '${key}'.`);
      }
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (obj[key] !== undefined) checkInput(sub, obj[key], `${at}.${key}`);
      }
      return;
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new AgentInputError(`${at} must be a number, not ${typeName(value)}.`);
      if (schema.type === 'integer' && !Number.isInteger(value)) throw new AgentInputError(`${at} must be a whole number.`);
      if (schema.minimum !== undefined && value < schema.minimum) throw new AgentInputError(`${at} must be at least ${schema.minimum}.`);
      if (schema.maximum !== undefined && value > schema.maximum) throw new AgentInputError(`${at} must be at most ${schema.maximum}.`);
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) throw new AgentInputError(`${at} must be an array, not ${typeName(value)}.`);
      if (schema.maxItems !== undefined && value.length > schema.maxItems) throw new AgentInputError(`${at} holds more than ${schema.maxItems} items.`);
      value.forEach((v, i) => checkInput(schema.items, v, `${at}[${i}]`));
      return;
    }
    default: {
      if (value === null && Array.isArray(schema.type)) return;
      if (typeof value !== 'string') throw new AgentInputError(`${at} must be a string, not ${typeName(value)}.`);
      if (schema.maxLength !== undefined && value.length > schema.maxLength) throw new AgentInputError(`${at} is longer than ${schema.maxLength} characters.`);
      if (value.startsWith('-')) throw new AgentInputError(`${at} ${show(value)} looks like a command-line option; it is refused.`);
      // eslint-disable-next-line no-control-regex
      if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) throw new AgentInputError(`${at} holds control characters.`);
      if (schema.enum && !schema.enum.includes(value)) throw new AgentInputError(`${at} ${show(value)} is not one of ${schema.enum.join(', ')}.`);
      if (schema.pattern && !regex(schema.pattern).test(value)) throw new AgentInputError(`${at} ${show(value)} is not valid${schema.description ? ` (${schema.description})` : ''}.`);
    }
  }
}
