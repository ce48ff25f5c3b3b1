// A Monte Carlo forecast on a worker thread, so it runs beside other work of
// the same process (the site computes the postmortems' forecasts at their
// baselines while it draws the Gantt and links the releases' commits). The
// worker is the file forecastWorker.js beside this module: out/ when run from
// the compiled sources, dist/ in the CLI bundle (scripts/build.mjs builds it
// there). The plan and the scan are copied to the worker (structured clone):
// plain data, so the seeded runs give the same figures as in this thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EarnedValueRule, IsoDate, Plan } from '../model';
import type { HistoryScan } from '../git/history';
import type { ProbabilisticForecast } from '../forecast/monteCarlo';

export interface ForecastJob {
  readonly plan: Plan;
  readonly scan: HistoryScan;
  readonly today: IsoDate;
  readonly rule?: EarnedValueRule;
}

const WORKER_FILE = join(__dirname, 'forecastWorker.js');

/**
 * True when a worker can run beside this thread: more than one core, and the
 * worker's file is there (a bundle built without it runs forecasts in its
 * own thread). On one core a worker would only add its start-up.
 */
export function forecastThreadAvailable(): boolean {
  return availableParallelism() > 1 && existsSync(WORKER_FILE);
}

/** Workers running, and callers waiting for one to end: at most one worker per core at a time. */
let running = 0;
const waiting: (() => void)[] = [];
/** The most workers that ran at once in this process (tests read it). */
export let mostForecastThreads = 0;

function acquire(): Promise<void> {
  if (running < availableParallelism()) {
    mostForecastThreads = Math.max(mostForecastThreads, ++running);
    return Promise.resolve();
  }
  return new Promise((start) => waiting.push(start));
}

/** A waiting caller takes the slot over (running stays the same), else it is freed. */
function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/**
 * analyzePlan(job.plan, job.scan, ...).forecast, computed on a worker thread.
 * With more forecasts than cores (a site whose postmortems have several
 * baselines), the others wait for a worker to end: each holds a copy of its
 * plan and history.
 */
export async function forecastOnThread(job: ForecastJob): Promise<ProbabilisticForecast> {
  await acquire();
  try {
    return await runWorker(job);
  } finally {
    release();
  }
}

function runWorker(job: ForecastJob): Promise<ProbabilisticForecast> {
  return new Promise((resolve, reject) => {
    // Not unref()ed: a caller awaiting the answer has nothing else keeping the process alive.
    const worker = new Worker(WORKER_FILE, { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a message this rejects a settled promise: nothing happens.
    worker.once('exit', (code) => reject(new Error(`the forecast worker exited with code ${code} and no result`)));
  });
}
