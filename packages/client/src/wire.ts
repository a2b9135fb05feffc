/**
 * The messages as the client sends and reads them: @djust/protocol's v2 definitions. The
 * socket numbers refs itself, so what the views hand it is a message without one.
 */
import type { ClientMessage, FormData, ServerMessage } from '@djust/protocol';

export type { Effect } from '@djust/protocol';
export type FormValues = FormData;

type WithoutRef<M> = M extends unknown ? Omit<M, 'ref'> : never;

export type Outgoing = WithoutRef<ClientMessage>;
export type Incoming = ServerMessage;
