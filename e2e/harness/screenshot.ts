/** Screenshots of the test apps, kept as artifacts under e2e/test-results/ (gitignored). */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';

const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS, { recursive: true });
  const path = `${RESULTS}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
