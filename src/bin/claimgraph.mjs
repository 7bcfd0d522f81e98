#!/usr/bin/env node
// Entry point of the `claimgraph` command. The project runs from its TypeScript sources through tsx,
// so there is no build step between `npm install` and `npm start`.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli.ts");
process.exitCode = await main(process.argv.slice(2));
