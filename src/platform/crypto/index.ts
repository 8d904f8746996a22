export { createSecretBox, parseSecretKey, sha256, type SecretBox } from './secret-box.ts';
export { loadSecretKey } from './secret-key-file.ts';
