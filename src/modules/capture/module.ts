import type { VouchModule } from '../../platform/module.ts';
import type { CaptureDeps } from './app/deps.ts';
import type { SubmitCapture } from './http/capture-routes.ts';
import { registerLinkPage } from './http/link-page.ts';

/** The client's capture page at the link; its final submit (which builds the report) is handed in. */
export const createCaptureModule = (deps: CaptureDeps, submit: SubmitCapture): VouchModule => ({
  name: 'capture',
  routes: (app) => registerLinkPage(app, deps, submit),
});
