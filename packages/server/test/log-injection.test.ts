/** Client-provided text reaches the log quoted and cut short: it cannot forge a line, nor flood one. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { T } from '@djust/protocol';
import { LiveView } from '../src/index.js';
import { withApp } from './fixtures/app.js';
import { httpRequest } from './fixtures/http.js';
import { recordingLogger, type RecordingLogger } from './fixtures/recording-logger.js';

const FORGED = '\n[djust] forged';

/** Its handler fails with the client's text in the message, as `No lease ${id}` would. */
class LookupView extends LiveView {
  static templateSource = '<p>lookup</p>';
  static events = ['open'];
  open(payload: { id?: string }): void {
    throw new Error(`no item ${String(payload.id)}`);
  }
}

/** Every line the logger would write: a message holding a newline is two lines. */
const writtenLines = (logger: RecordingLogger): string[] => logger.lines.flatMap((l) => l.message.split(/\r\n|\r|\n/));

test('an event name or a handler error holding a newline cannot forge a log line', async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/lookup');
      const unknown = await lv.event(`peek${FORGED}`);
      assert.equal(unknown.t === T.ERROR && unknown.code, 'unknown_event');
      const failed = await lv.event('open', { id: `7${FORGED}` });
      assert.equal(failed.t === T.ERROR && failed.code, 'handler_failed');
      const lines = writtenLines(logger);
      assert.deepEqual(lines.filter((l) => l.startsWith('[djust] forged')), [], lines.join('\n'));
      // The refusal and the failure are still logged, with the client's text quoted.
      assert.ok(lines.some((l) => l.includes('unknown_event') && l.includes(JSON.stringify(`peek${FORGED}`))), lines.join('\n'));
      assert.ok(lines.some((l) => l.includes('LookupView.open failed') && l.includes(JSON.stringify(`no item 7${FORGED}`))), lines.join('\n'));
    },
    { logger },
    { '/lookup': LookupView },
  );
});

test('long client-provided text (a message type, a Host header) is cut short in the log and the answer', async () => {
  const logger = recordingLogger();
  await withApp(
    async (r) => {
      const lv = await r.connect('/counter');
      const answer = await lv.request({ t: 'x'.repeat(20_000), ref: 50 } as never);
      assert.equal(answer.t === T.ERROR && answer.code, 'unknown_type');
      assert.ok(answer.t === T.ERROR && answer.message.length < 300, `answer of ${JSON.stringify(answer).length} characters`);
      const refused = await httpRequest(r.server.port, { path: '/counter', headers: { host: 'h'.repeat(8000) } });
      assert.equal(refused.status, 400);
      const long = logger.lines.filter((l) => l.message.length > 300).map((l) => `${l.message.slice(0, 60)}... (${l.message.length})`);
      assert.deepEqual(long, []);
      assert.ok(logger.lines.some((l) => l.message.includes('unknown_type')) && logger.lines.some((l) => l.message.includes('allowedHosts')));
    },
    { logger },
  );
});
