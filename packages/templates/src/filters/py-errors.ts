/**
 * The Python exceptions Django's filters let escape. A filter that Django would let raise
 * throws one of these, named exactly as Python names it, so the engine reports it as Django
 * would; filters that swallow an error catch them by class.
 */
export { PyTypeError } from '../compare.js';

export class PyValueError extends Error {
  override name = 'ValueError';
}

export class PyOverflowError extends Error {
  override name = 'OverflowError';
}

export class PyZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

export class PyKeyError extends Error {
  override name = 'KeyError';
}

export class PyIndexError extends Error {
  override name = 'IndexError';
}

export class PyAttributeError extends Error {
  override name = 'AttributeError';
}

/** Python's AssertionError, raised by html.parser on markup it cannot scan. */
export class PyAssertionError extends Error {
  override name = 'AssertionError';
}
