/** The {% js %} tag: JS commands written in a template, read back as the browser and client read them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type HTMLElement } from 'node-html-parser';
import { Engine } from '@djust/templates';
import { JsCommands, LiveView, jsTag } from '../src/index.js';
import { withApp } from './fixtures/app.js';

/** A value that would break out of a double-quoted attribute, or out of the page, if it were not escaped. */
const HOSTILE = `a" onclick="alert(1)' & </script><script>alert(2)</script>`;

class MenuView extends LiveView {
  static templateSource = [
    '<nav>',
    `<button id="all" dj-click="{% js 'push' event='menu_opened' value=payload target='#side' as opened %}{% js opened 'toggle' to='#menu' display='flex' %}">1</button>`,
    `<button id="show" dj-click="{% js 'show' to=sel display='grid' %}">2</button>`,
    `<button id="hide" dj-click="{% js 'hide' %}">3</button>`,
    `<button id="classes" dj-click="{% js 'add_class' to=sel names='open wide' as added %}{% js added 'remove_class' names='shut' %}">4</button>`,
    `<button id="transition" dj-click="{% js 'transition' names='fade' time=ms %}">5</button>`,
    `<button id="focus" dj-click="{% js 'focus' to='#q' %}">6</button>`,
    `<button id="dispatch" dj-click="{% js 'dispatch' to=sel event='picked' detail=payload %}">7</button>`,
    `<button id="hostile" dj-click="{% js 'push' event=evil value=payload %}">8</button>`,
    `{% autoescape off %}<button id="raw" dj-click="{% js 'dispatch' event=evil %}">9</button>{% endautoescape %}`,
    '</nav>',
  ].join('');
  sel = '#menu > li[data-x="1"]';
  ms = 350;
  evil = HOSTILE;
  payload = { id: 7, tags: ['x', HOSTILE] };
}

/** The commands of a button's dj-click, read as the client reads them: JSON of the decoded attribute. */
function commandsOf(page: HTMLElement, id: string): unknown {
  const el = page.querySelector('#' + id);
  assert.ok(el, `#${id} is in the page`);
  const value = el.getAttribute('dj-click') ?? '';
  assert.ok(value.startsWith('['), `#${id}'s dj-click is a command list, not ${value}`);
  return JSON.parse(value);
}

const EXPECTED: Record<string, unknown> = {
  all: [
    ['push', { event: 'menu_opened', value: { id: 7, tags: ['x', HOSTILE] }, target: '#side' }],
    ['toggle', { to: '#menu', display: 'flex' }],
  ],
  show: [['show', { to: '#menu > li[data-x="1"]', display: 'grid' }]],
  hide: [['hide', {}]],
  classes: [
    ['add_class', { to: '#menu > li[data-x="1"]', names: 'open wide' }],
    ['remove_class', { names: 'shut' }],
  ],
  transition: [['transition', { names: 'fade', time: 350 }]],
  focus: [['focus', { to: '#q' }]],
  dispatch: [['dispatch', { to: '#menu > li[data-x="1"]', event: 'picked', detail: { id: 7, tags: ['x', HOSTILE] } }]],
  hostile: [['push', { event: HOSTILE, value: { id: 7, tags: ['x', HOSTILE] } }]],
  raw: [['dispatch', { event: HOSTILE }]],
};

/** Every button holds its commands and nothing else: no value leaked out into another attribute or element. */
function assertPage(html: string): void {
  const page = parse(html);
  const nav = page.querySelector('nav');
  assert.ok(nav);
  assert.equal(page.querySelectorAll('script').length, 0, 'no value opened a <script>');
  assert.deepEqual(
    nav.childNodes.map((n) => (n as HTMLElement).id),
    Object.keys(EXPECTED),
    'the nav holds the nine buttons and nothing a value broke out into',
  );
  for (const [id, commands] of Object.entries(EXPECTED)) {
    const button = page.querySelector('#' + id)!;
    assert.deepEqual(Object.keys(button.attributes), ['id', 'dj-click'], `#${id} has no attribute a value made`);
    assert.deepEqual(commandsOf(page, id), commands, `#${id}`);
  }
}

test('the default engine has {% js %}: every command the client runs reads back from the page as written, hostile values inside their attribute', async () => {
  await withApp(
    async (r) => {
      assertPage(await (await fetch(r.server.url + '/menu')).text());
      const lv = await r.connect('/menu');
      assertPage(lv.html());
    },
    {},
    { '/menu': MenuView },
  );
});

test('an app that brings its own engine registers the exported tag and gets the same attribute', () => {
  const engine = new Engine({ tags: { js: jsTag } });
  const html = engine.fromString(MenuView.templateSource).render({ sel: '#menu > li[data-x="1"]', ms: 350, evil: HOSTILE, payload: { id: 7, tags: ['x', HOSTILE] } });
  assertPage(html);
});

test('{% js %} refuses a command the client does not run, and an argument its command does not take', () => {
  const engine = new Engine({ tags: { js: jsTag } });
  assert.throws(() => engine.fromString(`{% js 'toggel' to='#menu' %}`).render({}), /unknown command "toggel".*toggle/);
  assert.throws(() => engine.fromString(`{% js 'hide' names='x' %}`).render({}), /\{% js 'hide' %\} takes to, not names=/);
  assert.throws(() => engine.fromString(`{% js 'hide' 'show' %}`).render({}), /takes one command's name/);
});

test('a list the tag made survives being awaited, as a value async view code hands on may be', async () => {
  let made: unknown;
  const engine = new Engine({ tags: { js: { type: 'simple', fn: (args, kwargs, ctx) => (made = jsTag.fn(args, kwargs, ctx)) } } });
  engine.fromString(`{% js 'hide' to='#a' %}`).render({});
  const awaited = await Promise.resolve(made);
  assert.ok(awaited instanceof JsCommands);
  assert.deepEqual(awaited.commands, [['hide', { to: '#a' }]]);
});

test('{% js %} refuses to put a class instance (an entity, say) in the page whole: the template names its fields', () => {
  class Item {
    constructor(readonly id: number, readonly secret: string) {}
  }
  const engine = new Engine({ tags: { js: jsTag } });
  const item = new Item(3, 'hunter2');
  assert.throws(() => engine.fromString(`{% js 'push' event='pick' value=payload %}`).render({ payload: { rows: [item] } }), /value\.rows\[0\] is an instance of Item; .*item\.id rather than item/);
  const html = engine.fromString(`<b dj-click="{% js 'push' event='pick' value=item.id %}"></b>`).render({ item });
  assert.deepEqual(JSON.parse(parse(html).querySelector('b')!.getAttribute('dj-click') ?? ''), [['push', { event: 'pick', value: 3 }]]);
});
