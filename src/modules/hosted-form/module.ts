import fs from 'node:fs';
import type { VouchModule } from '../../platform/module.ts';
import { registerFormRoutes } from './http/form-routes.ts';

/** The page's stylesheet and script, and the embed script, as files beside this module (no build step). */
const asset = (name: string) => fs.readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/** The hosted verification form and its embed script (docs/hosted-form.md). */
export function createHostedFormModule(options: { publicUrl: string }): VouchModule {
  const assets = { css: asset('form.css'), js: asset('form.js'), embed: asset('vouch.js') };
  return { name: 'hosted-form', routes: (app) => registerFormRoutes(app, assets, new URL(options.publicUrl).origin) };
}
