/** A form whose typed values come back after a server restart, through formRecovery. */
import { LiveView, type App } from '@djust/server';

interface ProfileForm {
  name?: unknown;
  bio?: unknown;
}

export class ProfileView extends LiveView {
  static templateSource =
    '<form id="profile" dj-change="validate">' +
    '<input id="name" name="name" value="{{ name }}"><textarea id="bio" name="bio">{{ bio }}</textarea></form>' +
    '<p id="preview">{{ name }}: {{ bio }}</p><p id="recovered">recovered {{ recovered }}</p>';
  static events = ['validate'];
  static formRecovery = { profile: 'recover' };
  name = '';
  bio = '';
  recovered = 0;

  validate({ form }: { form: ProfileForm }): void {
    this.name = String(form.name ?? '');
    this.bio = String(form.bio ?? '');
  }

  recover(payload: { form: ProfileForm }): void {
    this.recovered++;
    this.validate(payload);
  }
}

export function recoveryRoutes(app: App): void {
  app.live('/profile', ProfileView);
}
