/**
 * The pieces of Python's urllib.parse (3.11) and Django's URL helpers that iriencode,
 * urlencode and urlize rely on: quote, unquote, urlsplit/urlunsplit, parse_qsl,
 * urlencode, the idna codec and django.utils.html.smart_urlquote.
 */
import { domainToASCII } from 'node:url';

const ALWAYS_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~';
const ENCODER = new TextEncoder();

/** Raised where Python's idna codec raises UnicodeError. */
export class PyUnicodeError extends Error {
  override name = 'UnicodeError';
}

/** urllib.parse.quote: UTF-8 bytes outside the always-safe set and `safe` become %XX. */
export function quote(text: string, safe = '/'): string {
  const keep = new Set(ALWAYS_SAFE + [...safe].filter((c) => c < '\x80').join(''));
  let out = '';
  // Lone surrogates have no UTF-8 form; Python would refuse them, we encode U+FFFD.
  for (const ch of text) {
    if (keep.has(ch)) {
      out += ch;
      continue;
    }
    for (const byte of ENCODER.encode(ch)) out += '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** urllib.parse.quote_plus: spaces become '+'. */
export function quotePlus(text: string, safe = ''): string {
  if (!text.includes(' ')) return quote(text, safe);
  return quote(text, safe + ' ').replace(/ /g, '+');
}

/** urllib.parse.unquote with errors='replace': each run of ASCII is decoded on its own. */
export function unquote(text: string): string {
  if (!text.includes('%')) return text;
  return text.replace(/[\x00-\x7f]+/g, (run) => decodeAsciiRun(run));
}

function decodeAsciiRun(run: string): string {
  if (!run.includes('%')) return run;
  const bytes: number[] = [];
  for (let i = 0; i < run.length; i++) {
    const hex = run.slice(i + 1, i + 3);
    if (run[i] === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(run.charCodeAt(i));
    }
  }
  return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
}

/** django.utils.encoding.iri_to_uri. */
export function iriToUri(iri: string): string {
  return quote(iri, "/#%[]=:;$&()+,!?*@'~");
}

export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+\-.]*$/;

/** urllib.parse.urlsplit; throws PyValueError-like Error for unbalanced IPv6 brackets. */
export function urlsplit(input: string): SplitUrl {
  let url = input.replace(/^[\x00-\x20]+/, '').replace(/[\t\r\n]/g, '');
  let scheme = '';
  let netloc = '';
  let query = '';
  let fragment = '';
  const colon = url.indexOf(':');
  if (colon > 0 && SCHEME_CHARS.test(url.slice(0, colon))) {
    scheme = url.slice(0, colon).toLowerCase();
    url = url.slice(colon + 1);
  }
  if (url.startsWith('//')) {
    let end = url.length;
    for (const c of '/?#') {
      const at = url.indexOf(c, 2);
      if (at >= 0) end = Math.min(end, at);
    }
    netloc = url.slice(2, end);
    url = url.slice(end);
    if (netloc.includes('[') !== netloc.includes(']')) throw new InvalidUrl('Invalid IPv6 URL');
  }
  const hash = url.indexOf('#');
  if (hash >= 0) [url, fragment] = [url.slice(0, hash), url.slice(hash + 1)];
  const q = url.indexOf('?');
  if (q >= 0) [url, query] = [url.slice(0, q), url.slice(q + 1)];
  return { scheme, netloc, path: url, query, fragment };
}

export class InvalidUrl extends Error {
  override name = 'ValueError';
}

const USES_NETLOC = new Set(['', 'ftp', 'http', 'gopher', 'nntp', 'telnet', 'imap', 'wais', 'file', 'mms', 'https', 'shttp', 'snews', 'prospero', 'rtsp', 'rtspu', 'rsync', 'svn', 'svn+ssh', 'sftp', 'nfs', 'git', 'git+ssh', 'ws', 'wss']);

/** urllib.parse.urlunsplit. */
export function urlunsplit({ scheme, netloc, path, query, fragment }: SplitUrl): string {
  let url = path;
  if (netloc || (scheme && USES_NETLOC.has(scheme) && url.slice(0, 2) !== '//')) {
    if (url && url[0] !== '/') url = '/' + url;
    url = '//' + netloc + url;
  }
  if (scheme) url = scheme + ':' + url;
  if (query) url += '?' + query;
  if (fragment) url += '#' + fragment;
  return url;
}

/** urllib.parse.parse_qsl(qs, keep_blank_values=True) with '&' as the only separator. */
export function parseQsl(qs: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const part of qs.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const [name, value] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    pairs.push([unquote(name.replace(/\+/g, ' ')), unquote(value.replace(/\+/g, ' '))]);
  }
  return pairs;
}

/** urllib.parse.urlencode over (key, value) pairs. */
export function urlencodePairs(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${quotePlus(k)}=${quotePlus(v)}`).join('&');
}

const IDNA_DOTS = /[.\u3002\uff0e\uff61]/;

/** django.utils.encoding.punycode: the idna codec; ASCII labels pass unchanged. */
export function punycode(domain: string): string {
  if (domain === '') return '';
  if (/^[\x00-\x7f]*$/.test(domain)) {
    const labels = domain.split('.');
    if (labels.slice(0, -1).some((l) => l.length === 0 || l.length > 63) || labels[labels.length - 1].length > 63) {
      throw new PyUnicodeError('label empty or too long');
    }
    return domain;
  }
  const labels = domain.split(IDNA_DOTS);
  const trailingDot = labels.length > 1 && labels[labels.length - 1] === '';
  if (trailingDot) labels.pop();
  return labels.map(labelToAscii).join('.') + (trailingDot ? '.' : '');
}

function labelToAscii(label: string): string {
  if (/^[\x00-\x7f]+$/.test(label)) {
    if (label.length > 63) throw new PyUnicodeError('label empty or too long');
    return label;
  }
  // Python applies IDNA 2003 nameprep; Node's UTS #46 mapping agrees for ordinary names.
  const ascii = label === '' ? '' : domainToASCII(label);
  if (ascii === '' || ascii.length > 63) throw new PyUnicodeError('label empty or too long');
  return ascii;
}

const RFC3986_SAFE = "!$&'()*+,;=" + ':/?#[]@' + '~';

function unquoteQuote(segment: string): string {
  return quote(unquote(segment), RFC3986_SAFE);
}

/** django.utils.html.smart_urlquote: quote a URL unless it already is. */
export function smartUrlquote(url: string): string {
  let parts: SplitUrl;
  try {
    parts = urlsplit(url);
  } catch (e) {
    if (e instanceof InvalidUrl) return unquoteQuote(url);
    throw e;
  }
  let netloc: string;
  try {
    netloc = punycode(parts.netloc);
  } catch (e) {
    if (e instanceof PyUnicodeError) return unquoteQuote(url);
    throw e;
  }
  let query = parts.query;
  if (query) {
    // Key and value are unquoted apart so separators inside values survive (#22267).
    query = urlencodePairs(parseQsl(query).map(([k, v]) => [unquote(k), unquote(v)]));
  }
  return urlunsplit({ ...parts, netloc, path: unquoteQuote(parts.path), query, fragment: unquoteQuote(parts.fragment) });
}
