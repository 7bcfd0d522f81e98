// autocannon ships no types; the bench uses its programmatic API loosely typed.
declare module "autocannon";
