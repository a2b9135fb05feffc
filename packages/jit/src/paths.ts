/** Phase 1: each variable's paths in a template, with the first place each is read. */
import { extractTemplateVariables, type Template } from '@djust/templates';
import type { PathInput } from './plan.js';

export function extractPaths(template: Template): Map<string, PathInput[]> {
  const map = new Map<string, PathInput[]>();
  for (const [name, list] of Object.entries(extractTemplateVariables(template, { locations: true }))) {
    map.set(
      name,
      list.map((p) => ({ path: p.path, template: p.locations[0]?.template, line: p.locations[0]?.line })),
    );
  }
  return map;
}
