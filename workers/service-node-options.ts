/**
 * V8 flags the daemon and workers run with (Dockerfile ENV NODE_OPTIONS; the sweep benchmark starts its
 * worker the same way). A sweep keeps about 20-40 MB live, but left to its defaults V8 lets the heap
 * fill with 150 MB of garbage between collections; a smaller young generation and an old-space cap
 * make it collect sooner, for a little CPU. The cap is four times what a sweep keeps live.
 */
export const SERVICE_NODE_OPTIONS = '--max-old-space-size=160 --max-semi-space-size=8';
