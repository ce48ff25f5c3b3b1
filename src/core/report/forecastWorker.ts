// Worker-thread entry (forecastThread.ts starts it): one Monte Carlo forecast,
// analyzePlan(plan, scan, { today, rule }).forecast, posted back. The runs are
// seeded, so the figures are the ones the calling thread would compute.
import { parentPort, workerData } from 'node:worker_threads';
import { analyzePlan } from '../analyze';
import type { ForecastJob } from './forecastThread';

const job = workerData as ForecastJob;
parentPort?.postMessage(analyzePlan(job.plan, job.scan, { today: job.today, rule: job.rule }).forecast);
