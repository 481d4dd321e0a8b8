import fc from "fast-check";

// Property tests draw new inputs on every run; the seed is printed first, so that a failure — or a hang,
// which fast-check cannot report — replays exactly: PROPERTY_SEED=<n> npx vitest run <file>. Import this
// module first in a property test file. (The write-endpoint fuzz has its own FUZZ_SEED.)
// Under CI=true the seed is fixed unless PROPERTY_SEED says otherwise: a run that lands work must not fail on a
// new random draw; new draws are for local runs (and PROPERTY_SEED=random under CI), whose failures become
// fixed `examples` in the property.
const FIXED_CI_SEED = 20261202;
const requested = process.env.PROPERTY_SEED;
const seed =
  requested && requested !== "random"
    ? Number(requested)
    : process.env.CI === "true" && requested !== "random"
      ? FIXED_CI_SEED
      : Math.floor(Math.random() * 2 ** 31);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
console.log(`[property] seed ${seed} (replay with PROPERTY_SEED=${seed})`);
