/** The tags djust adds to Django's: what every app's engine registers, and what `djust check` compiles templates with. */
import type { CustomTagSpec } from '@djust/templates';
import { jsTag } from './js-commands.js';
import { liveRenderTag } from './nesting.js';

export const templateTags: Record<string, CustomTagSpec> = { live_render: liveRenderTag, js: jsTag };
