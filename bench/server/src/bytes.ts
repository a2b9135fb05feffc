/** Bytes on the wire per update: the JSON frame the client receives for one event. */
import { T } from '@djust/protocol';
import { COUNTER_PATH, TABLE_PATH } from './app.js';
import { TABLE_ROWS } from './views.js';
import { WireClient, type Frame } from './wire.js';

export interface UpdateSize {
  /** The HTML page of the first (HTTP) render. */
  pageBytes: number;
  /** The join reply: the full rendered tree. */
  joinBytes: number;
  /** The event's reply frame. */
  replyBytes: number;
  /** The reply itself, to show what was sent. */
  replyText: string;
}

export interface BytesResult {
  counter: UpdateSize;
  table: UpdateSize;
}

function checkedReply(f: Frame, mustContain: string): Frame {
  const text = JSON.stringify(f.msg);
  // A reply that did not carry the change would make a small number meaningless.
  if (f.msg.t !== T.REPLY || !text.includes(mustContain)) throw new Error(`unexpected reply: ${text.slice(0, 300)}`);
  return f;
}

async function sizeOf(base: string, path: string, send: (c: WireClient) => Promise<Frame>): Promise<UpdateSize> {
  const client = await WireClient.connect(base, path);
  try {
    const reply = await send(client);
    return { pageBytes: client.page.pageBytes, joinBytes: client.joinFrame?.bytes ?? 0, replyBytes: reply.bytes, replyText: JSON.stringify(reply.msg) };
  } finally {
    await client.close();
  }
}

export async function measureBytes(base: string): Promise<BytesResult> {
  const counter = await sizeOf(base, COUNTER_PATH, async (c) => checkedReply(await c.event('increment'), '"1"'));
  // Row 500 of 1000, so neither end of the list is special; its qty goes from 499 % 50 = 49 to 50.
  const id = TABLE_ROWS / 2;
  const table = await sizeOf(base, TABLE_PATH, async (c) => checkedReply(await c.event('bump', { id }), '"50"'));
  return { counter, table };
}
