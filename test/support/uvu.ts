// uvu's `test`, with one repair: uvu's failure report calls `details.split` on the error, and
// a RelcError's `details` is an object; the report then throws inside uvu's runner, which
// prints nothing, skips the rest of the file and still exits 0. A test that throws an error
// whose `details` is not text fails here with that error restated (code, message, details as
// JSON, the original stack), so uvu reports it like any other failure.
import { test as uvuTest } from 'uvu';

type Handler = Parameters<typeof uvuTest>[1];

function reportable(e: unknown): unknown {
  if (!(e instanceof Error)) return e;
  const details = (e as { details?: unknown }).details;
  if (typeof details !== 'object' || details === null) return e; // uvu's own assertions: text or false
  const code = (e as { code?: unknown }).code;
  const restated = new Error(`${typeof code === 'string' ? `${code}: ` : ''}${e.message} (details: ${JSON.stringify(details)})`);
  restated.name = e.name;
  const frames = e.stack?.slice(e.stack.indexOf('\n    at ')) ?? '';
  restated.stack = `${restated.name}: ${restated.message}${frames.startsWith('\n') ? frames : ''}`;
  return restated;
}

const guarded = (fn: Handler): Handler => async (context) => {
  try {
    await fn(context);
  } catch (e) {
    throw reportable(e);
  }
};

export const test = Object.assign((name: string, fn: Handler) => uvuTest(name, guarded(fn)), uvuTest, {
  only: (name: string, fn: Handler) => uvuTest.only(name, guarded(fn)),
}) as typeof uvuTest;
