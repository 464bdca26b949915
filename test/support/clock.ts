// A clock shared by the laptops of one test: each reading is a step (a second, unless told) after the
// one before, so which laptop acted first is decided by the test, never by two edits landing in one
// millisecond.
export function steppingClock(start = '2026-11-20T09:00:00.000Z', stepMs = 1000): () => Date {
  let millis = Date.parse(start);
  return () => new Date((millis += stepMs));
}
