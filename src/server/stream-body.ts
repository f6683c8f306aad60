/**
 * A response body streamed from an async source as the client reads it: a pull stream, so a slow
 * client holds back the reading and one that goes away stops it (`return` on the source).
 */
export function pullStream(
  source: AsyncIterable<Uint8Array | string> | AsyncIterator<Uint8Array | string>,
): ReadableStream<Uint8Array> {
  const it =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<Uint8Array | string>)[Symbol.asyncIterator]()
      : (source as AsyncIterator<Uint8Array | string>);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await it.next();
      if (next.done) controller.close();
      else
        controller.enqueue(
          typeof next.value === 'string' ? encoder.encode(next.value) : next.value,
        );
    },
    async cancel() {
      await it.return?.();
    },
  });
}
