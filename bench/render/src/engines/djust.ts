import { Engine } from '@djust/templates';
import { templates } from '../templates.js';
import type { BenchEngine } from './types.js';

const { page, base, sources } = templates.djust;

export const djust: BenchEngine = {
  name: 'djust',
  compile(override) {
    const engine = new Engine({ templates: override ?? sources, autoescape: true });
    // {% extends %} resolves its parent at render time; compile it now so the cold-compile
    // time covers both templates, as it does for the other engines.
    engine.getTemplate(base);
    const template = engine.getTemplate(page);
    return (ctx) => template.render(ctx);
  },
};
