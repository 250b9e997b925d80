// Entry of dist/tokenizer.js: gpt-tokenizer (o200k_base) on its own, loaded on first use by
// speedMeter.ts's defaultCountTokens (the extension bundle maps `gpt-tokenizer` to this file).
export { countTokens, encode } from 'gpt-tokenizer';
