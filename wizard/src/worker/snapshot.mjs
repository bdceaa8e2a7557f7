// The memory snapshot's format: a repeat visit restores Python as the first visit had it after booting.
// Booting Python (initialising the interpreter, importing Pyodide's modules and the engine) is most of
// the time between the files being at hand and the engine answering. After the first boot, before it
// answers anything (so the memory holds no answer of the user's), the worker copies Python's memory
// (Pyodide's makeMemorySnapshot) into Cache Storage; the next visit, online or offline, hands it to
// loadPyodide instead of booting. The cache is named for this build's Pyodide and engine (the service
// worker deletes the others); Pyodide itself refuses a snapshot of another build, and a snapshot that
// fails to restore is deleted and the boot starts again the usual way. The memory is mostly zeros: it is
// stored as its non-zero 64 KiB blocks.
export const BLOCK = 65536;
export const MAGIC = 0x4e535447; // "GTSN"

/** Python's memory → its non-zero 64 KiB blocks behind a header (magic, length, block size, block count) and a
 * byte a block saying whether it is stored. */
export function compact(memory) {
  if (memory.length % 4) throw new Error("unexpected snapshot length");
  const blocks = Math.ceil(memory.length / BLOCK);
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.length / 4);
  const present = new Uint8Array(blocks);
  let count = 0;
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(words.length, (b + 1) * (BLOCK / 4));
    for (let i = b * (BLOCK / 4); i < end; i++) {
      if (words[i] !== 0) {
        present[b] = 1;
        count += 1;
        break;
      }
    }
  }
  const head = 16 + Math.ceil(blocks / 4) * 4;
  const out = new Uint8Array(head + count * BLOCK);
  new Uint32Array(out.buffer, 0, 4).set([MAGIC, memory.length, BLOCK, blocks]);
  out.set(present, 16);
  let at = head;
  for (let b = 0; b < blocks; b++) {
    if (!present[b]) continue;
    const chunk = memory.subarray(b * BLOCK, (b + 1) * BLOCK);
    out.set(chunk, at);
    at += chunk.length;
  }
  return out.subarray(0, at);
}

/** compact's output → the memory it was made from; anything else throws. */
export function expand(stored) {
  const [magic, length, block, blocks] = new Uint32Array(stored.buffer, stored.byteOffset, 4);
  if (magic !== MAGIC || block !== BLOCK || blocks !== Math.ceil(length / BLOCK)) throw new Error("not a snapshot");
  const memory = new Uint8Array(length);
  const present = stored.subarray(16, 16 + blocks);
  let at = 16 + Math.ceil(blocks / 4) * 4;
  for (let b = 0; b < blocks; b++) {
    if (!present[b]) continue;
    const size = Math.min(BLOCK, length - b * BLOCK);
    if (at + size > stored.length) throw new Error("snapshot cut short");
    memory.set(stored.subarray(at, at + size), b * BLOCK);
    at += size;
  }
  return memory;
}
