import type { FastifyInstance } from 'fastify';
import type { CaptureDeps } from '../app/deps.ts';
import { registerCapturePage, type SubmitCapture } from './capture-routes.ts';

/**
 * `GET /verify/{token}`: the client's page. A GET never consumes anything (mail scanners open links); an
 * expired, replaced or cancelled link gets a page that says so and how to get a new one. A live link
 * opens the capture flow (see `capture-routes.ts`).
 */
export function registerLinkPage(app: FastifyInstance, deps: CaptureDeps, submit: SubmitCapture) {
  registerCapturePage(app, deps, submit);
}
