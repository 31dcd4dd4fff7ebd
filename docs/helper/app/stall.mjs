// @ts-check
// While Python downloads, news must keep coming: if none comes for a while, the page says
// so (app/engine.mjs reports each piece of news here), and says when it moves again.

/**
 * @param {{ms: number, onStalled: (seconds: number) => void, onMoving: () => void}} options how long
 *   without news is a stall, and what to do when one starts and when news comes after it
 */
export function createStallWatch({ ms, onStalled, onMoving }) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let stalled = false;

  return {
    /** News came; watch on for the next while still `loading`. @param {boolean} loading */
    news(loading) {
      clearTimeout(timer);
      if (stalled) {
        stalled = false;
        onMoving();
      }
      if (!loading) return;
      timer = setTimeout(() => {
        stalled = true;
        onStalled(Math.round(ms / 1000));
      }, ms);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}
