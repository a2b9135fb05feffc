"""Writes django-3.2.25.json: humanize's number filters as Django itself renders them.

Run with Debian's python3-django 3.2.25: python3 django-cases.py > django-3.2.25.json
Values are typed so the test can build the same value in JavaScript.
"""
import json
from decimal import Decimal

import django
from django.conf import settings

settings.configure(INSTALLED_APPS=['django.contrib.humanize'], TEMPLATES=[{'BACKEND': 'django.template.backends.django.DjangoTemplates'}])
django.setup()
from django.template import Context, Template  # noqa: E402

VALUES = [
    ('int', v) for v in [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 21, 22, 23, 101, 111, 112, 113, -1, -2, -11, -21, -112, 999, 1000, 1234,
                         12345, 123456, 999999, 1000000, 1200000, 1250000, 1290000, 1950000, -1234567, 999999999,
                         1000000000, 6500000000, 10**12, 10**15]
] + [('float', v) for v in [1234.5, 1234567.891, 0.5, -0.5, -1234.25, 1000000.5, 1e16 + 0.0, 1.5e-7]] + [
    ('str', v) for v in ['1234', '1234.50', '-1234567.5', 'abc', '', '1e6', ' 42 ', '12,345', '1_000', '<b>1000</b>']
] + [('bool', True), ('bool', False), ('none', None)] + [
    ('decimal', v) for v in ['1234567.50', '-12345', '0.001', '1E+3']
] + [('list', [1, 2])]

FILTERS = ['intcomma', 'ordinal', 'apnumber', 'intword', 'floatformat:2|intcomma', 'intcomma|floatformat:1']


def build(kind, value):
    return Decimal(value) if kind == 'decimal' else value


cases = []
for kind, value in VALUES:
    for f in FILTERS:
        out = Template('{% load humanize %}{{ v|' + f + ' }}').render(Context({'v': build(kind, value)}))
        cases.append({'filters': f, 'type': kind, 'value': value, 'out': out})
print(json.dumps(cases, indent=0))
