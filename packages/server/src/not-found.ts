/**
 * Django's Http404: thrown from a view's `mount` or `handleParams`, or from an HTTP handler, it
 * answers with the app's 404 page (`errorTemplates[404]`), the message in its context:
 *
 *   const property = await this.em.findOne(Property, { id: Number(params.id) });
 *   if (!property) throw new NotFound(`No property ${params.id}`);
 *
 * Over the socket (a join or a live navigation) the view is not shown: the client is sent to the
 * URL with a full page load, which renders the 404 page over HTTP.
 */
import { HttpError } from './http.js';

export class NotFound extends HttpError {
  constructor(message = 'Not Found') {
    super(404, message);
    this.name = 'NotFound';
  }
}
