// Test plans from project.yml text.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import type { Plan } from '../../src/core/model';

/** Parses `yaml` and fails the test, naming the diagnostics, when it is not a plan. */
export function planOf(yaml: string): Plan {
  const parsed = parsePlan(yaml);
  assert.ok(parsed.plan, `plan did not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.plan;
}
