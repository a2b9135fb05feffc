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

/** A note editor nested in a page: its own form, recovered into its own view. */
export class NoteView extends LiveView {
  static templateSource =
    '<form id="note" dj-change="edit"><input id="note-text" name="text" value="{{ text }}"></form><p id="note-preview">note {{ text }}</p><p id="note-recovered">note recovered {{ recovered }}</p>';
  static events = ['edit'];
  static formRecovery = { note: 'recover' };
  text = '';
  recovered = 0;

  edit({ form }: { form: { text?: unknown } }): void {
    this.text = String(form.text ?? '');
  }

  recover(payload: { form: { text?: unknown } }): void {
    this.recovered++;
    this.edit(payload);
  }
}

/** A page holding a nested note editor. */
export class DeskView extends LiveView {
  static templateSource = '<h1>desk</h1>{% live_render "NoteView" id="notes" %}';
}

export function recoveryRoutes(app: App): void {
  app.registerView(NoteView);
  app.live('/profile', ProfileView);
  app.live('/desk', DeskView);
}
