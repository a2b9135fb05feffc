/** What the pieces of a running app share: templates, the ORM and JIT, pubsub, logging, routes. */
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Jit } from '@djust/jit';
import type { Engine, Template } from '@djust/templates';
import type { PubSub } from './pubsub/types.js';
import type { ViewClass } from './live-view.js';
import type { RouteMatch } from './join-token.js';
import { LogSummary, type SummaryOptions } from './log-summary.js';
import type { NestedView } from './nest-token.js';
import type { Session } from './session.js';
import { recordedSerialize, type DevRecorder, type OperationLabel } from './dev-recorder.js';
import type { ServerMessage } from '@djust/protocol';

export interface Logger {
  info(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  error(message: string, ...rest: unknown[]): void;
}

/** The live route a path leads to. */
export interface LiveMatch extends RouteMatch {
  cls: ViewClass;
  /** The live session the route belongs to, if any: routes of one can be navigated live. */
  liveSession?: string;
  /** The route's `title` option, which the page's document reads as `{{ title }}`. */
  title?: string;
}

export interface CoreSettings {
  /** Error answers carry the exception's text (it stays in the log otherwise). */
  debug?: boolean;
  warningSummary?: SummaryOptions;
  /** Signs a nested view's token (see nest-token.ts); without it nothing can be nested. */
  nestToken?: (child: NestedView, session: Session) => string;
  /** The app's layout, around pages that are only their live part (for the title a live navigation sets). */
  layout?: Template;
  /** The development panel's recorder (the app's `devPanel` option); absent, nothing is recorded. */
  dev?: DevRecorder;
}

export class AppCore {
  readonly debug: boolean;
  /** Warnings and errors a client can provoke go here, so repeats are counted rather than logged. */
  readonly warnings: LogSummary;
  /** The app's layout; without one, a live navigation to a layout-way page sets no title. Live reload replaces it. */
  layout: Template | undefined;

  constructor(
    readonly engine: Engine,
    readonly orm: MikroORM | undefined,
    readonly jit: Jit | undefined,
    readonly pubsub: PubSub,
    readonly log: Logger,
    /** The live route `path` leads to, if any. */
    readonly liveMatch: (path: string) => LiveMatch | undefined,
    settings: CoreSettings = {},
  ) {
    this.debug = settings.debug ?? false;
    this.warnings = new LogSummary(log, settings.warningSummary);
    this.nestTokenOf = settings.nestToken;
    this.layout = settings.layout;
    this.dev = settings.dev;
  }

  readonly dev: DevRecorder | undefined;

  /** Runs a view operation, recorded for the development panel when it is on. */
  operation(label: OperationLabel, run: () => Promise<ServerMessage[]>): Promise<ServerMessage[]> {
    return this.dev ? this.dev.operate(label, run) : run();
  }

  private readonly nestTokenOf: CoreSettings['nestToken'];
  /** View classes `{% live_render %}` may nest, by class name. */
  private readonly named = new Map<string, ViewClass>();

  /** Makes a view class nestable by its name; one name names one class. */
  registerView(cls: ViewClass): void {
    const known = this.named.get(cls.name);
    if (known && known !== cls) throw new Error(`Two view classes are named '${cls.name}'; {% live_render %} could not tell them apart`);
    this.named.set(cls.name, cls);
  }

  viewNamed(name: string): ViewClass | undefined {
    return this.named.get(name);
  }

  /** A nested view's token; throws for a name no registered view has. */
  nestToken(child: NestedView, session: Session): string {
    if (!this.named.has(child.view) || !this.nestTokenOf) {
      throw new Error(`{% live_render %}: no view class named ${JSON.stringify(child.view).slice(0, 120)} is registered (app.live or app.registerView)`);
    }
    return this.nestTokenOf(child, session);
  }

  private inline = new WeakMap<ViewClass, Template>();

  /** Live reload: inline templates are compiled again too (a file they include may have changed). */
  forgetTemplates(): void {
    this.inline = new WeakMap();
  }

  /** The view's template: by name from the template folders, or its inline source. */
  templateFor(cls: ViewClass): Template {
    if (cls.templateSource !== undefined) {
      let t = this.inline.get(cls);
      if (!t) this.inline.set(cls, (t = this.engine.fromString(cls.templateSource, `${cls.name} (inline)`)));
      return t;
    }
    if (!cls.template) throw new Error(`${cls.name} has neither 'static template' nor 'static templateSource'`);
    return this.engine.getTemplate(cls.template);
  }

  /** Context values → plain data: through the JIT when there is an ORM, else the default encoder. */
  async serialize(values: Record<string, unknown>, template: Template, em: EntityManager | undefined): Promise<Record<string, unknown>> {
    const { jit, orm } = this;
    if (jit && orm) return recordedSerialize((options) => jit.serializeContext(values, template, em ?? orm.em.fork(), options));
    // Without an ORM there is nothing to plan: the template reads the values as they are.
    return values;
  }
}
