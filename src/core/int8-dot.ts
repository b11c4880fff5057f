/**
 * Dot products of int8 word-vector rows with WebAssembly SIMD: 16 values a step instead of one, the
 * bulk of ranking with word vectors (a question's words against every word of its candidates). The
 * products are integers, so the sums equal the plain loop's exactly, whatever the order.
 *
 * The module (187 bytes, below in base64) imports its memory as env.memory and exports
 *   (func $dot (param $a i32) (param $b i32) (param $steps i32) (result i32))
 * summing, over `steps` 16-byte blocks from byte offsets a and b: i32x4.dot_i16x8_s of the
 * sign-extended low and high halves (i16x8.extend_low/high_i8x16_s), lanes added at the end.
 * Rows are padded with zeros to a multiple of 16 bytes.
 */
const MODULE =
  'AGFzbQEAAAABCAFgA39/fwF/Ag8BA2VudgZtZW1vcnkCAAEDAgEABwcBA2RvdAAACogBAYUBAQF7/QwAAAAAAAAAAAAAAAAAAAAAIQMCQANAIAJFDQEgAyAA/QAAAP2HASAB/QAAAP2HAf26Af2uASAA/QAAAP2IASAB/QAAAP2IAf26Af2uASEDIABBEGohACABQRBqIQEgAkEBayECDAALCyAD/RsAIAP9GwFqIAP9GwJqIAP9GwNqCw==';

/** Bytes a block of the SIMD loop takes: rows are padded to a multiple of it. */
export const DOT_BLOCK = 16;

export type Int8Dot = (a: number, b: number, steps: number) => number;

/** The part of the WebAssembly global used here (the project's types lib has no DOM). */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/**
 * Int8 rows in WebAssembly memory, `bytes` long, and the dot product over them; the plain-loop
 * fallback (`dot` undefined) when this Node cannot run WebAssembly SIMD.
 */
export function int8Memory(bytes: number): { values: Int8Array; dot: Int8Dot | undefined } {
  try {
    const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65_536)) });
    const module = new WebAssembly.Module(Buffer.from(MODULE, 'base64'));
    const { exports } = new WebAssembly.Instance(module, { env: { memory } });
    return { values: new Int8Array(memory.buffer, 0, bytes), dot: exports.dot as Int8Dot };
  } catch {
    return { values: new Int8Array(bytes), dot: undefined };
  }
}
