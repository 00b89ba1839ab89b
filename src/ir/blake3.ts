// hash-wasm's BLAKE3 alone, a module of its own so that signature.ts can load it on first use
// and a bundler keeps only this hash of hash-wasm's dozens.
export { createBLAKE3, type IHasher } from 'hash-wasm';
