// A misspelt area gets a helpful message in the widget and a warning in the console.

import { test, expect } from './fixtures.js';

test('an unknown area shows a suggestion and warns in the console', async ({ page, guard }) => {
  await page.goto('/tests/e2e/pages/unknown-area.html');
  const message = page.locator('#w .message');
  await expect(message).toBeVisible();
  await expect(message).toHaveAttribute('role', 'alert');
  await expect(message).toContainText("No area called 'Nrth Wales'. Did you mean North Wales?");
  await expect.poll(() => guard.messages.filter((m) => m.type === 'warning' && /Nrth Wales/.test(m.text)).length,
    { message: 'a console warning naming the area' }).toBeGreaterThan(0);
});
