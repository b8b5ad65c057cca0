// Loaded into the measured child processes of bench/memory.ts with `--import`
// (after tsx when tsx is used): notes when the loader was ready, and on SIGUSR2
// writes where the memory is (process.memoryUsage and V8's heap spaces) as one
// "MEMPROBE {json}" line on stderr. A few hundred bytes; nothing else changes.
import { writeSync } from "node:fs";
import v8 from "node:v8";

const line = (o: object) => writeSync(2, `MEMPROBE ${JSON.stringify(o)}\n`);
line({ kind: "loaded", at: Date.now(), timeOrigin: performance.timeOrigin });
process.on("SIGUSR2", () => {
  const heap = v8.getHeapStatistics();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  line({ kind: "mem", at: Date.now(), ...process.memoryUsage(), malloced: heap.malloced_memory, spaces });
});
