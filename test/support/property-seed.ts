import fc from "fast-check";

// Property tests draw new inputs on every run; the seed is printed first, so that a failure — or a hang,
// which fast-check cannot report — replays exactly: PROPERTY_SEED=<n> npx vitest run <file>. Import this
// module first in a property test file. (The write-endpoint fuzz has its own FUZZ_SEED.)
const seed = process.env.PROPERTY_SEED
  ? Number(process.env.PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
console.log(`[property] seed ${seed} (replay with PROPERTY_SEED=${seed})`);
