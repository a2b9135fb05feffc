/** The built-in tag table. */
import type { TagParser } from '../parser.js';
import { cycleTag, firstOfTag, forTag, ifChangedTag, ifEqual, ifNotEqual, ifTag, resetCycleTag, withTag } from './control.js';
import { blockTag, extendsTag, includeTag } from './inheritance.js';
import {
  autoescapeTag, commentTag, csrfTokenTag, filterTag, loadTag, loremTag, nowTag, regroupTag,
  spacelessTag, templateTagTag, urlTag, verbatimTag, widthRatioTag,
} from './text.js';

export const builtinTags: Record<string, TagParser> = {
  autoescape: autoescapeTag,
  block: blockTag,
  comment: commentTag,
  csrf_token: csrfTokenTag,
  cycle: cycleTag,
  extends: extendsTag,
  filter: filterTag,
  firstof: firstOfTag,
  for: forTag,
  if: ifTag,
  ifchanged: ifChangedTag,
  ifequal: ifEqual,
  ifnotequal: ifNotEqual,
  include: includeTag,
  load: loadTag,
  lorem: loremTag,
  now: nowTag,
  regroup: regroupTag,
  resetcycle: resetCycleTag,
  spaceless: spacelessTag,
  templatetag: templateTagTag,
  url: urlTag,
  verbatim: verbatimTag,
  widthratio: widthRatioTag,
  with: withTag,
};
