// Worker-thread entry (forecastThread.ts starts it): one Monte Carlo forecast,
// what analyzePlan(plan, scan, { today, rule }).forecast gives, posted back:
// progress, then the runs, without the schedule analyzePlan also computes.
// The runs are seeded, so the figures are the ones the calling thread would
// compute.
import { parentPort, workerData } from 'node:worker_threads';
import { computeProgress } from '../progress';
import { forecastOfProgress } from '../analyze';
import type { ForecastJob } from './forecastThread';

const job = workerData as ForecastJob;
parentPort?.postMessage(forecastOfProgress(job.plan, computeProgress(job.plan, job.scan, job.rule), { today: job.today }));
