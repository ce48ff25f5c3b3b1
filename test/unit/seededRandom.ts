// One seeded generator for the randomized tests (fuzz, property tests, bad MCP calls): the same
// numbers on every machine for a given seed, so a failure names a seed that reproduces it.
// It is the core's (the Monte Carlo forecast draws from the same one).
export { mulberry32 } from '../../src/core/forecast/random';
