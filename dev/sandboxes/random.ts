import { createHash } from 'node:crypto';

/** A source of numbers in [0, 1). */
export type Random = () => number;

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/**
 * A reproducible stream (mulberry32) for one purpose of one sandbox. Each
 * purpose has its own stream, so extra calls of one kind never shift the
 * choices made for another, and the same seed replays the same run.
 */
export function seededRandom(seed: number, stream: string): Random {
  let state = hash32(`${seed}/${stream}`);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)];
}
