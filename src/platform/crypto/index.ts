export { createSecretBox, parseSecretKey, sha256, type SecretBox } from './secret-box.ts';
export { loadSecretKey, removeCreatedKeyFile, type LoadedSecretKey } from './secret-key-file.ts';
export { claimKeyCheck, requireKeyCheck } from './key-check.ts';
