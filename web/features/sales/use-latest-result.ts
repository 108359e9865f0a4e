// Runs an async computation for the latest input only: at most one runs at a time, and
// inputs that arrive meanwhile collapse into the newest. During a first sync the slice
// grows in hundreds of batches; queueing a worker job for each would leave the screen
// many seconds behind the data (each job sums everything received so far).
import { useEffect, useRef, useState } from 'react';

export interface LatestResult<O, I = unknown> {
  readonly value: O | null;
  readonly error: string | null;
  /** True once a computation has finished (with a value or an error). */
  readonly ready: boolean;
  /**
   * The input that `value` (or `error`) answers: while a newer input computes, an older
   * one's, which a screen must not present as the answer to the newer one.
   */
  readonly source: I | null;
}

export function useLatestResult<I, O>(
  input: I | null,
  compute: (input: I) => Promise<O>,
): LatestResult<O, I> {
  const [state, setState] = useState<LatestResult<O, I>>({
    value: null,
    error: null,
    ready: false,
    source: null,
  });
  const running = useRef(false);
  const next = useRef<{ input: I } | null>(null);
  const alive = useRef(true);
  const computeRef = useRef(compute);
  computeRef.current = compute;
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  useEffect(() => {
    if (input === null) return;
    next.current = { input };
    if (running.current) return;
    const drain = async (): Promise<void> => {
      running.current = true;
      while (next.current !== null && alive.current) {
        const job = next.current;
        next.current = null;
        try {
          const value = await computeRef.current(job.input);
          if (alive.current && next.current === null)
            setState({ value, error: null, ready: true, source: job.input });
        } catch (e) {
          if (alive.current && next.current === null)
            setState({
              value: null,
              error: e instanceof Error ? e.message : String(e),
              ready: true,
              source: job.input,
            });
        }
      }
      running.current = false;
    };
    void drain();
  }, [input]);
  return state;
}
