/** A capture whose writer stops mid-way, for the tests of abandoned writes on both engines. */
export const HALF_WRITTEN = {
  sha256: 'c'.repeat(64),
  origin: 'half.txt',
  capturedAt: '2026-01-01T00:00:00.000Z',
  mediaType: 'text/plain',
  kind: 'text-page' as const,
  size: 3,
  storedEncoding: 'identity' as const,
  options: {},
  processedAt: null,
  errors: [],
};

/** Bytes whose writer stops after the first chunk, as a killed process would. */
export async function* dies() {
  yield Buffer.from('x');
  throw new Error('killed');
}
