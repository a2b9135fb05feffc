/** A page written the Django way: it extends base.html, and only its content block is live. */
import { LiveView, type App } from '@djust/server';
import { fileURLToPath } from 'node:url';

/** The folder holding base.html and greeter.html. */
export const djangoTemplates = fileURLToPath(new URL('./templates', import.meta.url));

export class GreeterView extends LiveView {
  static template = 'greeter.html';
  static events = ['wave'];
  waves = 0;
  site = 'Rentals';
  wave(): void {
    this.waves++;
  }
}

export function djangoRoutes(app: App): void {
  app.live('/greeter', GreeterView);
}
