import fs from 'node:fs';
import type { VouchModule } from '../../platform/module.ts';
import type { ReviewDeskDeps } from './app/deps.ts';
import { registerReviewDeskRoutes } from './http/routes.tsx';

/** The reviewer's workbench in the console: the queue, an item's page with its documents, decisions, claims. */
export function createReviewDeskModule(deps: ReviewDeskDeps): VouchModule {
  const script = fs.readFileSync(new URL('./assets/review.js', import.meta.url), 'utf8');
  return { name: 'review-desk', routes: (app) => registerReviewDeskRoutes(app, deps, script) };
}
