/** A ```django block: it compiles, and with a context above and an output below it renders to that output. */
import { Engine } from '@djust/templates';
import { jsTag, liveRenderTag } from '@djust/server';

/** The engine an App builds: the built-ins plus the server's {% live_render %} and {% js %} tags. */
function appEngine(): Engine {
  return new Engine({ autoescape: true, tags: { live_render: liveRenderTag, js: jsTag } });
}

export function compileTemplate(source: string): void {
  appEngine().fromString(source, 'sample.html');
}

export function renderTemplate(source: string, context: object): string {
  return appEngine().fromString(source, 'sample.html').render(context);
}

/** Reads `context: {...JSON...}` from an HTML comment; other comments are not contexts. */
export function parseContext(comment: string | undefined): object | undefined {
  if (comment === undefined || !comment.startsWith('context:')) return undefined;
  const json = comment.slice('context:'.length).trim();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new Error(`the <!-- context: ... --> comment is not JSON: ${(err as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('the <!-- context: ... --> comment must hold a JSON object');
  }
  return value;
}
