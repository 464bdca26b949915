// Every property test runs on the same generated values each time (deterministic tests); set
// FC_SEED to explore others, and fix any counterexample found as a test of its own.
import fc from 'fast-check';

fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261127) });
