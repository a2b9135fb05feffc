import nunjucks from 'nunjucks';
import { templates } from '../templates.js';
import { djangoDate, toFixed } from './format.js';
import type { BenchEngine } from './types.js';

const { page, base, sources } = templates.nunjucks;

/** An in-memory loader; nunjucks caches what it returns (noCache: false) per Environment. */
function memoryLoader(src: Record<string, string>): nunjucks.ILoader {
  return {
    getSource(name) {
      const source = src[name];
      if (source === undefined) throw new Error(`nunjucks: no template ${name}`);
      return { src: source, path: name, noCache: false };
    },
  };
}

export const nunjucksEngine: BenchEngine = {
  name: 'nunjucks',
  compile(override) {
    const env = new nunjucks.Environment(memoryLoader(override ?? sources), { autoescape: true });
    env.addFilter('floatformat', toFixed);
    env.addFilter('date', djangoDate);
    // eagerCompile=true: compile to JS now rather than on first render.
    env.getTemplate(base, true);
    const template = env.getTemplate(page, true);
    return (ctx) => template.render(ctx);
  },
};
