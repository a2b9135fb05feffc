/** A page written `{% extends "base.html" %}` is one document, and its live block updates in place. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expect } from 'playwright/test';
import { browserSuite, screenshot, waitConnected } from '../harness/index.js';
import { djangoRoutes, djangoTemplates } from '../apps/django-page.js';

const s = browserSuite(djangoRoutes, { templates: [djangoTemplates] });

const occurrences = (text: string, pattern: RegExp): number => text.match(pattern)?.length ?? 0;

test('an {% extends %} page is served and shown as a single <html>, and live updates work inside its live block', async () => {
  const { page } = s.tp;
  const response = await page.goto(s.app.url('/greeter'));
  const served = (await response?.text()) ?? '';
  assert.deepEqual(
    [/<html[\s>]/gi, /<head[\s>]/gi, /<body[\s>]/gi, /<!doctype/gi].map((tag) => occurrences(served, tag)),
    [1, 1, 1, 1],
    'the served page holds one document',
  );
  await waitConnected(page);

  const shape = await page.evaluate(() => ({
    html: document.querySelectorAll('html').length,
    body: document.querySelectorAll('body').length,
    nav: document.querySelectorAll('#site-nav').length,
    footer: document.querySelectorAll('#site-footer').length,
    rootIsHtml: document.documentElement.tagName,
  }));
  assert.deepEqual(shape, { html: 1, body: 1, nav: 1, footer: 1, rootIsHtml: 'HTML' });
  assert.equal(await page.title(), 'Greeter | Rentals');
  // The base's parts lie outside the live container; the block is inside it.
  await expect(page.locator('#dj-root #site-nav, #dj-root #site-footer')).toHaveCount(0);
  await expect(page.locator('#dj-root > #waves')).toHaveText('0 waves');

  await page.click('#wave');
  await expect(page.locator('#waves')).toHaveText('1 waves');
  await page.click('#wave');
  await expect(page.locator('#waves')).toHaveText('2 waves');
  // Still one document after the live updates, the layout untouched.
  assert.equal(await page.evaluate(() => document.querySelectorAll('html, body').length), 2);
  await expect(page.locator('#site-nav')).toHaveText('Rentals navigation');
  await expect(page.locator('#site-footer')).toHaveText('Rentals footer');
  await screenshot(page, 'django-page-greeter');
});
