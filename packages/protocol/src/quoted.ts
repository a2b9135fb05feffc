/**
 * Text a client sent (an event name, a message type, a Host header), made safe to put in a log
 * line or an error message: JSON-quoted, so a newline cannot start a forged line, and cut to
 * `max` characters, so a long value cannot flood one.
 */
export function quoted(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
