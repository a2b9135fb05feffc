/**
 * The v2 messages as the client sends and reads them (see @djust/protocol for the agreed
 * names). Every message about a view carries its id `v`, the container element's DOM id.
 */
import type { Tree, TreeDiff } from '@djust/protocol/tree';

export type FormValues = Record<string, string | string[]>;

export type Effect =
  | { push: string; payload: Record<string, unknown> }
  | { patch: string; token: string }
  | { title: string }
  | { flash: Record<string, string> };

export type Outgoing =
  | { t: 'join'; v: string; url: string; token?: string; nav?: string; forms?: Record<string, FormValues> }
  | { t: 'leave'; v: string }
  | { t: 'event'; v: string; name: string; payload: Record<string, unknown> }
  | { t: 'patch'; v: string; url: string }
  | { t: 'hb' };

export type Incoming =
  | { t: 'rendered'; ref?: number; v: string; tree: Tree; effects?: Effect[] }
  | { t: 'reply'; ref: number; v?: string; diff?: TreeDiff; effects?: Effect[] }
  | { t: 'diff'; v: string; diff?: TreeDiff; effects?: Effect[] }
  | { t: 'error'; ref?: number; v?: string; code: string; message: string; event?: string }
  | { t: 'redirect'; ref?: number; v?: string; to: string; kind: 'navigate' | 'redirect'; nav?: string }
  | { t: 'hb'; ref: number };
