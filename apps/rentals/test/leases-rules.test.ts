/** The lease rules on their own: what each rule says about the form's text, whatever it holds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLease, leaseValues, visibleErrors, type LeaseValues } from '../src/lease-rules.js';
import { parseAmount, parseDay, parseId } from '../src/parse.js';

const GOOD: LeaseValues = { property: '3', tenant: '7', start_date: '2031-01-01', end_date: '2031-12-31', monthly_rent: '1450', deposit: '2900.50', status: 'pending' };

test('a well-formed lease gives a draft with numbers and no message', () => {
  const { errors, draft } = checkLease(GOOD);
  assert.deepEqual(errors, {});
  assert.deepEqual(draft, { propertyId: 3, tenantId: 7, startDate: '2031-01-01', endDate: '2031-12-31', monthlyRent: 1450, deposit: 2900.5, status: 'pending' });
});

test('each rule has its own message on its own field', () => {
  const cases: [Partial<LeaseValues>, keyof LeaseValues, RegExp][] = [
    [{ property: '' }, 'property', /Choose a property/],
    [{ tenant: '0' }, 'tenant', /does not exist/],
    [{ start_date: '2031-02-30' }, 'start_date', /real date/],
    [{ end_date: '2030-12-31' }, 'end_date', /after the start date/],
    [{ end_date: '2031-01-01' }, 'end_date', /after the start date/],
    [{ monthly_rent: '0' }, 'monthly_rent', /more than 0/],
    [{ monthly_rent: '-12' }, 'monthly_rent', /more than 0/],
    [{ monthly_rent: 'lots' }, 'monthly_rent', /amount such as/],
    [{ monthly_rent: '10.005' }, 'monthly_rent', /two decimals/],
    [{ deposit: '-1' }, 'deposit', /cannot be negative/],
    [{ deposit: '' }, 'deposit', /0 if there is none/],
    [{ status: 'evicted' }, 'status', /pending, active or ended/],
  ];
  for (const [change, field, message] of cases) {
    const { errors, draft } = checkLease({ ...GOOD, ...change });
    assert.match(errors[field] ?? '', message, `${JSON.stringify(change)} -> ${field}`);
    assert.deepEqual(Object.keys(errors), [field], `${JSON.stringify(change)} breaks only ${field}`);
    assert.equal(draft, null);
  }
});

test('a deposit of 0 and amounts written with commas or a dollar sign are accepted', () => {
  assert.equal(checkLease({ ...GOOD, deposit: '0' }).draft?.deposit, 0);
  assert.deepEqual(parseAmount('$1,450.50'), { ok: true, value: 1450.5 });
  assert.equal(parseAmount('1e5').ok, false);
  assert.equal(parseAmount('Infinity').ok, false);
  assert.equal(parseAmount('123456789012').ok, false);
});

test('garbage in the form reads as text, never as a crash', () => {
  const values = leaseValues({ property: ['4', '5'], tenant: { $ne: 1 }, start_date: 42, end_date: null, monthly_rent: 'x'.repeat(10_000), junk: 'ignored', __extra: 1 });
  assert.equal(values.property, '4');
  assert.equal(values.tenant, '');
  assert.equal(values.start_date, '42');
  assert.equal(values.end_date, '');
  assert.equal(values.monthly_rent.length, 64);
  assert.equal(Object.hasOwn(values, 'junk'), false);
  assert.deepEqual(leaseValues('not a form'), leaseValues({}));
  const { errors } = checkLease(values);
  assert.deepEqual(Object.keys(errors).sort(), ['deposit', 'end_date', 'monthly_rent', 'start_date', 'status', 'tenant']);
  for (const text of ['', '-1', '1.5', '0x10', '99999999999999999999', '1 OR 1=1']) assert.equal(parseId(text), null, text);
  for (const text of ['2031-13-01', '2031-1-01', '31-01-2031', '0000-01-01', '2031-01-01T00:00']) assert.equal(parseDay(text), null, text);
  assert.equal(parseDay('2032-02-29'), '2032-02-29');
});

test('messages of untouched empty fields wait until the form is submitted', () => {
  const empty = leaseValues({ status: 'pending' });
  const { errors } = checkLease(empty);
  assert.deepEqual(visibleErrors(errors, empty, [], false), {});
  assert.deepEqual(Object.keys(visibleErrors(errors, empty, ['tenant'], false)), ['tenant']);
  assert.equal(Object.keys(visibleErrors(errors, empty, [], true)).length, 6);
  const typed = { ...empty, monthly_rent: 'abc' };
  assert.deepEqual(Object.keys(visibleErrors(checkLease(typed).errors, typed, [], false)), ['monthly_rent']);
});
