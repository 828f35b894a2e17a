package dev.rt;

/** Marks threads owned by a runtime (dispatcher workers, the scheduler); they may send during shutdown. */
interface RuntimeThread {
}
