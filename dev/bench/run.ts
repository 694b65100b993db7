import { apiFigure } from './figures/api';
import { deskFigure } from './figures/desk';
import { historyFigure } from './figures/history';
import { memoryFigure } from './figures/memory';
import { startupFigure } from './figures/startup';
import { throughputFigure } from './figures/throughput';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { runInfo } from './support/report';

const FIGURES = {
  history: historyFigure,
  throughput: throughputFigure,
  api: apiFigure,
  memory: memoryFigure,
  startup: startupFigure,
  desk: deskFigure,
};

/** `npm run bench` alone runs these; the desk figure needs a seeded year first (npm run bench:seed), so it is asked for by name. */
const DEFAULT_FIGURES = ['history', 'throughput', 'api', 'memory', 'startup'];

/**
 * `npm run bench [-- figure...]`: each figure starts its own embedded stack
 * (docs/benchmarks.md), measures, writes dev/bench/results/<figure>-*.json and adds
 * a row to its table in docs/benchmarks.md. Never part of `npm test`.
 */
async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in FIGURES));
  if (unknown.length) throw new Error(`unknown figure(s) ${unknown}; known: ${Object.keys(FIGURES)}`);
  // The bare baseline's worker logs warnings only.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  for (const name of names.length ? names : DEFAULT_FIGURES) {
    const info = runInfo();
    console.log(`== ${name} (${info.commit}, ${info.machine})`);
    await FIGURES[name as keyof typeof FIGURES](info);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
