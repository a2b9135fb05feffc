import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine, extractTemplateVariables } from '../../src/index.js';

const paths = (src: string, templates: Record<string, string> = {}) =>
  extractTemplateVariables(new Engine({ templates }).fromString(src));

test('loop variables map back to their iterable, nested loops compose', () => {
  const src = `{% for lease in expiring_soon %}{{ lease.property.name }} {{ lease.tenant.user.email }}
{{ lease.end_date|date:"M d, Y" }}{% for p in lease.payments %}{{ p.amount }}{% endfor %}{{ forloop.counter }}{% endfor %}`;
  assert.deepEqual(paths(src), {
    expiring_soon: ['end_date', 'payments', 'payments.amount', 'property.name', 'tenant.user.email'],
  });
});

test('with aliases, if conditions, filter arguments, cycle and firstof', () => {
  const src = `{% with t=lease.tenant %}{{ t.user.email }}{% endwith %}{% if user.is_staff and count > limit.max %}{% endif %}
{{ a|default:b.c }}{% cycle x.y "z" %}{% firstof m.n "q" %}`;
  assert.deepEqual(paths(src), {
    a: [],
    b: ['c'],
    count: [],
    lease: ['tenant', 'tenant.user.email'],
    limit: ['max'],
    m: ['n'],
    user: ['is_staff'],
    x: ['y'],
  });
});

test('regroup results map grouper and list back to the target', () => {
  const src = '{% regroup leases by property.name as groups %}{% for g in groups %}{{ g.grouper }}{% for l in g.list %}{{ l.rent }}{% endfor %}{% endfor %}';
  assert.deepEqual(paths(src), { leases: ['property.name', 'rent'] });
});

test('include (with and only) and extends are flattened; locations are kept', () => {
  const templates = {
    'base.html': '{% block content %}{{ base_only.x }}{% endblock %}{{ site.name }}',
    'row.html': '{{ lease.tenant.user.email }}{{ other.y }}',
  };
  const src = '{% extends "base.html" %}{% block content %}{% for l in leases %}{% include "row.html" with lease=l only %}{% endfor %}{% endblock %}';
  const engine = new Engine({ templates });
  const tpl = engine.fromString(src, 'page.html');
  assert.deepEqual(extractTemplateVariables(tpl), { leases: ['tenant.user.email'], site: ['name'] });
  const detailed = extractTemplateVariables(tpl, { locations: true });
  assert.deepEqual(detailed.leases[0].locations, [{ template: 'row.html', line: 1, column: 1 }]);
});

test('inside an include with `only`, names not passed in are not context variables, even in loops', () => {
  const templates = { 'rows.html': '{% for r in rows %}{{ r.name }}{{ stray.x }}{% endfor %}{{ other.y }}' };
  assert.deepEqual(paths('{% include "rows.html" with rows=leases only %}', templates), { leases: ['name'] });
});

test('paths read inside {% empty %} and inside the else of {% ifchanged %} are extracted', () => {
  const src = '{% for x in xs %}{{ x.a }}{% empty %}{{ none.msg }}{% endfor %}{% for y in ys %}{% ifchanged y.g %}{{ y.g }}{% else %}{{ other.z }}{% endifchanged %}{% endfor %}';
  assert.deepEqual(paths(src), { none: ['msg'], other: ['z'], xs: ['a'], ys: ['g'] });
});

test('{{ block.super }} inside {% empty %} or an ifchanged else reaches the parent block, whose paths are extracted', () => {
  const templates = { 'base.html': '{% block content %}{{ fallback.title }}{% endblock %}' };
  const viaEmpty = '{% extends "base.html" %}{% block content %}{% for x in items %}{{ x.name }}{% empty %}{{ block.super }}{% endfor %}{% endblock %}';
  const viaIfchangedElse =
    '{% extends "base.html" %}{% block content %}{% for x in items %}{% ifchanged x.group %}{{ x.group }}{% else %}{{ block.super }}{% endifchanged %}{% endfor %}{% endblock %}';
  const engine = new Engine({ templates });
  assert.deepEqual(extractTemplateVariables(engine.fromString(viaEmpty, 'a.html')), { fallback: ['title'], items: ['name'] });
  assert.deepEqual(extractTemplateVariables(engine.fromString(viaIfchangedElse, 'b.html')), { fallback: ['title'], items: ['group'] });
  // What the extractor promises is what renders: the parent's block body shows there.
  assert.equal(engine.fromString(viaEmpty, 'a.html').render({ items: [], fallback: { title: 'T' } }), 'T');
  const rows = [{ group: 1 }, { group: 1 }];
  assert.equal(engine.fromString(viaIfchangedElse, 'b.html').render({ items: rows, fallback: { title: 'T' } }), '1T');
});
