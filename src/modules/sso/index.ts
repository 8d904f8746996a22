export { createSsoModule, type SsoDeps, type SsoModule } from './module.ts';
export { BindingInput } from './domain/binding.ts';
export type { PresentedBinding } from './app/bindings.ts';
