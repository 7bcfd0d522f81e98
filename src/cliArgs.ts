import { type ParseArgsConfig, parseArgs } from "node:util";
import { closest } from "./domain/closest.ts";

/**
 * Command-line options read with node:util's parseArgs, its errors said as a plain sentence
 * ("Unknown option --orgnization; did you mean --organization?") instead of the parser's own text,
 * which speaks of positional arguments and `--` escapes.
 */
export class UsageError extends Error {
  name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** The option of `options` closest to `given` by edit distance, when close enough to be a slip. */
export function closestOption(given: string, options: string[]): string | undefined {
  return closest(given.replace(/^-+/, "").split("=")[0], options);
}

export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    const option = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? "";
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const names = Object.keys(options);
      const suggestion = closestOption(option, names);
      throw new UsageError(`Unknown option ${option}${suggestion ? `; did you mean --${suggestion}?` : "."}`);
    }
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const name = /--([a-z-]+)/.exec(message)?.[1];
      const type = name ? options[name]?.type : undefined;
      throw new UsageError(type === "boolean" ? `--${name} takes no value.` : `--${name ?? option.replace(/^-+/, "")} needs a value.`);
    }
    throw new UsageError(message);
  }
}
