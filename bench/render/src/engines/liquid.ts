import { Liquid } from 'liquidjs';
import { templates } from '../templates.js';
import { strftime, toFixed } from './format.js';
import type { BenchEngine } from './types.js';

const { page, base, sources } = templates.liquid;

export const liquid: BenchEngine = {
  name: 'liquid',
  compile(override) {
    const engine = new Liquid({
      templates: override ?? sources,
      // Parsed templates (the layout included) are kept, as a server would keep them.
      cache: true,
      outputEscape: 'escape',
      // djust formats naive Dates in UTC (Django's TIME_ZONE='UTC'); the built-in date filter must too.
      timezoneOffset: 0,
      // The default hides prototype members, and get_full_name is a method on the prototype.
      ownPropertyOnly: false,
    });
    engine.registerFilter('floatformat', toFixed);
    // Set BENCH_LIQUID_BUILTIN_DATE=1 to time LiquidJS's own (Intl-based, far slower) `date` instead.
    if (!process.env.BENCH_LIQUID_BUILTIN_DATE) engine.registerFilter('date', strftime);
    engine.parseFileSync(base);
    const template = engine.parseFileSync(page);
    return (ctx) => engine.renderSync(template, ctx) as string;
  },
};
