// Entry of dist/openai.js: the openai SDK on its own, required on the first request (or by the
// idle-time prewarm), so activation never reads or parses it. The extension bundle maps `openai`
// to this file (esbuild.js).
export * from 'openai';
export { default } from 'openai';
