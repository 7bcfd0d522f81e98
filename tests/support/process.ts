/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The API's base URL once `claimgraph serve` (the child) says where it listens; an error with its
 * output so far when it exits first or says nothing within `timeoutMs`.
 */
export function apiBase(child: import("node:child_process").ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearInterval(check);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no API after ${timeoutMs / 1000} s:\n${output()}`));
    }, timeoutMs);
    const check = setInterval(() => {
      const match = /claimgraph API at (http:\/\/[\d.:]+)\/graphql/.exec(output());
      if (match) {
        done();
        resolve(match[1]);
      }
    }, 200);
    child.once("exit", (code) => {
      done();
      reject(new Error(`the API exited (${code}) while starting:\n${output()}`));
    });
  });
}
