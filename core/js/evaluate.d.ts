// Types of the runner's evaluation (evaluate.mjs): not part of the engine the extension loads.
import type { Engine, KnownVersion, Report } from './storyprint';

export interface EvaluationInput {
  known: KnownVersion[];
  pages: Array<Record<string, unknown>>;
  spans?: Array<{ id: string; spans: [number, number, string][] }>;
  cv?: number;
  predictions?: boolean;
}

/** Same measures and JSON as `storyprint eval --json` (result); predictions: one Report per page. */
export function evaluate(engine: Engine, input: EvaluationInput): { result: Record<string, unknown>; predictions: Report[] };
/** evaluate() as the core's JSON text: {"result": ..., "predictions": [...]}. */
export function evaluateJson(engine: Engine, input: EvaluationInput): string;
