/**
 * The `{% js %}` tag: JS commands (the client's "JS commands") written in a template. Like
 * Phoenix's JS module, each call makes one command and composes onto an earlier list:
 *   {% js 'push' event='menu_opened' as opened %}
 *   <button dj-click="{% js opened 'toggle' to='#menu' %}">
 * A simple tag's keyword arguments carry no position, so one tag makes one command; a list is
 * built by passing the list a previous `{% js ... as name %}` stored.
 */
import { SafeString, escapeHtml, type CustomTagSpec } from '@djust/templates';

/** A command as the client reads it: its name and its arguments. */
export type JsCommand = readonly [string, Readonly<Record<string, unknown>>];

/** The arguments each command of the client takes (packages/client/README.md, "JS commands"). */
const COMMAND_ARGS: Readonly<Record<string, readonly string[]>> = {
  show: ['to', 'display'],
  hide: ['to'],
  toggle: ['to', 'display'],
  add_class: ['to', 'names'],
  remove_class: ['to', 'names'],
  transition: ['to', 'names', 'time'],
  focus: ['to'],
  dispatch: ['to', 'event', 'detail'],
  push: ['event', 'value', 'target'],
};

/**
 * A list of commands. It is a SafeString whose text is the list's JSON already escaped for an
 * attribute value, so it stays inside the quotes whether autoescaping is on or off (escaping it
 * again would double the entities); `as name` keeps the list itself for the next `{% js %}`.
 */
export class JsCommands extends SafeString {
  constructor(readonly commands: readonly JsCommand[]) {
    super(escapeHtml(JSON.stringify(commands)));
  }

  /**
   * This list with one more command at its end: composing never changes a stored list. (Not
   * named `then`, which would make the list a thenable that `await` takes apart.)
   */
  append(name: string, args: Readonly<Record<string, unknown>>): JsCommands {
    return new JsCommands([...this.commands, [name, args]]);
  }
}

const isPlainObject = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/**
 * A value as JSON carries it: a string literal arrives as SafeString, a variable as itself. Only
 * plain data goes into the page: an entity or class instance would put every field it has in
 * the attribute, so it is refused and the template names the fields it means.
 */
function argValue(v: unknown, where: string): unknown {
  if (v instanceof SafeString) return v.value;
  if (v instanceof Date) return v.toISOString();
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x, i) => argValue(x, `${where}[${i}]`));
  if (typeof v === 'object' && isPlainObject(v)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, argValue(x, `${where}.${k}`)]));
  }
  const kind = typeof v === 'object' ? `an instance of ${v.constructor?.name ?? 'a class'}` : `a ${typeof v}`;
  throw new Error(`{% js %}: ${where} is ${kind}; pass strings, numbers, booleans, lists or plain objects (e.g. item.id rather than item)`);
}

function commandOf(name: unknown, kwargs: Record<string, unknown>): [string, Record<string, unknown>] {
  const cmd = name instanceof SafeString ? name.value : name;
  if (typeof cmd !== 'string' || !Object.prototype.hasOwnProperty.call(COMMAND_ARGS, cmd)) {
    throw new Error(`{% js %}: unknown command ${JSON.stringify(cmd)?.slice(0, 60) ?? String(cmd)}; the client runs ${Object.keys(COMMAND_ARGS).join(', ')}`);
  }
  const allowed = COMMAND_ARGS[cmd];
  const args: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(kwargs)) {
    if (!allowed.includes(key)) throw new Error(`{% js '${cmd}' %} takes ${allowed.join(', ')}, not ${key}=`);
    // A missing variable leaves the argument out, so the client's default applies.
    if (raw !== undefined && raw !== null) args[key] = argValue(raw, key);
  }
  return [cmd, args];
}

/** `{% js [list] 'command' key=value ... [as name] %}`: the app registers it in its engine. */
export const jsTag: CustomTagSpec = {
  type: 'simple',
  fn: (args, kwargs) => {
    const [first, ...rest] = args;
    const base = first instanceof JsCommands ? first : undefined;
    const names = base ? rest : args;
    if (names.length !== 1) throw new Error("{% js %} takes one command's name (after an earlier list to add it to), then key=value arguments");
    const [cmd, cmdArgs] = commandOf(names[0], kwargs);
    return (base ?? new JsCommands([])).append(cmd, cmdArgs);
  },
};
