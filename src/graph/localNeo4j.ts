import { execFile, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import neo4j from "neo4j-driver";
import lockfile from "proper-lockfile";
import { ClaimgraphError } from "../domain/errors.ts";
import type { Config, Neo4jConnection } from "../config.ts";
import { progressCount } from "../progress.ts";

/**
 * A real Neo4j Community server, resolved with Maven from Neo4j's artifacts on Maven Central and run
 * as a child JVM in a folder the project owns (`CLAIMGRAPH_DATA_DIR/neo4j`).
 *
 * `state.json` in that folder records how to reach a running server, so every later command attaches
 * to it. A server killed with SIGKILL leaves a state file whose pid is dead; the next start sees that
 * and starts afresh (Neo4j's store lock is an OS file lock and dies with the process).
 *
 * Authentication is on: the first start generates a random password for the user `neo4j` into
 * `password` beside `state.json`; both files, and the folder, are readable by their owner only. Every
 * command and the API read the password from there.
 */

const MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint";
/**
 * Community has one user database, "neo4j". Naming it in the connection spares the driver a lookup
 * of the home database before every transaction (about 1 ms of server CPU each, measured).
 */
const LOCAL_DATABASE = "neo4j";
const READY_TIMEOUT_MS = 120_000;

export interface LocalNeo4jState {
  pid: number;
  port: number;
  uri: string;
  version: string;
  home: string;
  startedAt: string;
  /** The process that owns the server and stops it when it exits (absent: started by `neo4j start`). */
  ownerPid?: number;
  /** Where this JVM writes the class-data archive when it exits (classDataArchive), if it does. */
  classDataDump?: string;
}

export interface RunningNeo4j {
  connection: Neo4jConnection;
  state: LocalNeo4jState;
  /** True when this call started the server (and so should stop it), false when it attached. */
  started: boolean;
}

type Log = (line: string) => void;
const stderrLog: Log = (line) => process.stderr.write(`${line}\n`);

function neo4jHome(config: Config): string {
  return path.join(config.dataDir, "neo4j");
}

function stateFile(config: Config): string {
  return path.join(neo4jHome(config), "state.json");
}

function passwordFile(config: Config): string {
  return path.join(neo4jHome(config), "password");
}

const LOCAL_USER = "neo4j";

/** Writes a file only its owner may read or write (created so, and made so if it existed). */
function writeOwnerOnly(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

/** The local server's password, or undefined before its first start. */
export function readLocalPassword(config: Config): string | undefined {
  try {
    return fs.readFileSync(passwordFile(config), "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** How to reach the local server described by `state`, with its credentials. */
function localConnection(config: Config, state: LocalNeo4jState): Neo4jConnection {
  return { uri: state.uri, user: LOCAL_USER, password: readLocalPassword(config), database: LOCAL_DATABASE };
}

function localError(message: string): ClaimgraphError {
  return new ClaimgraphError("LOCAL_NEO4J_ERROR", message);
}

const execFileAsync = promisify(execFile);

let javaChecked: Promise<string> | undefined;

/**
 * Java 17 or newer, checked before a start so the message says what to install: once per process
 * when it is there, and without blocking (the API's supervisor restarts the server while requests
 * and /health go on; a synchronous `java -version` stalled them about a second).
 */
export function checkJava(): Promise<string> {
  javaChecked ??= javaVersion();
  javaChecked.catch(() => (javaChecked = undefined)); // looked for again at the next start
  return javaChecked;
}

/** `java -version`'s report (it names the exact build, which a class-data archive is made for). */
async function javaVersion(): Promise<string> {
  let output: string;
  try {
    const java = await execFileAsync("java", ["-version"], { encoding: "utf8" });
    output = `${java.stderr}${java.stdout}`;
  } catch {
    throw localError(
      "Java 17 or newer is needed to run the local Neo4j, and `java` was not found on PATH. " +
        "Install a JDK or JRE 17+ (Debian/Ubuntu: `apt-get install openjdk-17-jre-headless`), " +
        "or set NEO4J_URI to use another Neo4j server.",
    );
  }
  const versionLine = output.match(/version "(\d+)(?:\.(\d+))?/);
  const major = versionLine ? Number(versionLine[1] === "1" ? versionLine[2] : versionLine[1]) : 0;
  if (major < 17) {
    throw localError(
      `Java 17 or newer is needed to run Neo4j 5.26; \`java -version\` reports ${major || "an unknown version"}. ` +
        "Install a JDK 17+ or set NEO4J_URI to use another Neo4j server.",
    );
  }
  return output;
}

/** Maven, needed once to fetch Neo4j's jars. */
export function checkMaven(): void {
  const mvn = spawnSync("mvn", ["-v"], { encoding: "utf8" });
  if (mvn.error || mvn.status !== 0) {
    throw localError(
      "Maven is needed once, to fetch Neo4j's jars from Maven Central, and `mvn` was not found on PATH. " +
        "Install it (Debian/Ubuntu: `apt-get install maven`), or set NEO4J_URI to use another Neo4j server.",
    );
  }
}

/**
 * The Neo4j class path, resolved once into the cache folder. Maven keeps the jars in its own local
 * repository (~/.m2 unless configured otherwise); we keep only the pom and the resolved class path.
 */
export async function resolveClasspath(config: Config, log: Log = stderrLog): Promise<string> {
  const cacheDir = config.neo4jCacheDir;
  const classpathFile = path.join(cacheDir, "classpath.txt");
  if (fs.existsSync(classpathFile)) {
    const classpath = fs.readFileSync(classpathFile, "utf8").trim();
    if (classpath.split(path.delimiter).every((jar) => fs.existsSync(jar))) return classpath;
    log("The cached Neo4j class path names jars that are gone; resolving it again.");
  }
  checkMaven();
  fs.mkdirSync(cacheDir, { recursive: true });
  const pom = path.join(cacheDir, "pom.xml");
  fs.writeFileSync(
    pom,
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>claimgraph.local</groupId>
  <artifactId>neo4j-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>${config.neo4jVersion}</version>
    </dependency>
  </dependencies>
</project>
`,
  );
  const tmpFile = `${classpathFile}.${process.pid}.tmp`;
  log(`Fetching Neo4j ${config.neo4jVersion} from Maven Central with Maven (first run only, about 120 MB)...`);
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const mvn = spawn(
      "mvn",
      ["-B", "-f", pom, "dependency:build-classpath", "-DincludeScope=runtime", `-Dmdep.outputFile=${tmpFile}`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let downloaded = 0;
    let lastReport = 0;
    // On a terminal a running count (cli-progress); in a log, a line every 2 s at most.
    const counter = progressCount("files downloaded");
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (/^\[INFO\] Downloaded from/.test(line)) {
        downloaded += 1;
        if (counter) counter.tick();
        else if (Date.now() - lastReport > 2000) {
          lastReport = Date.now();
          log(`  ... ${downloaded} files downloaded (${Math.round((Date.now() - started) / 1000)} s)`);
        }
      }
    };
    let buffer = "";
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString("utf8");
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      lines.forEach(onLine);
    };
    mvn.stdout.on("data", onData);
    mvn.stderr.on("data", onData);
    mvn.on("error", (error) => {
      counter?.stop();
      reject(localError(`Could not run Maven: ${error.message}`));
    });
    mvn.on("close", (code) => {
      counter?.stop();
      if (code === 0 && fs.existsSync(tmpFile)) return resolve();
      reject(
        localError(
          `Maven could not resolve org.neo4j:neo4j:${config.neo4jVersion} (exit ${code}). ` +
            `Is Maven Central reachable? Last lines:\n${tail.join("\n")}`,
        ),
      );
    });
  });
  fs.renameSync(tmpFile, classpathFile);
  log(`Neo4j ${config.neo4jVersion} resolved in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return fs.readFileSync(classpathFile, "utf8").trim();
}

export function readState(config: Config): LocalNeo4jState | undefined {
  try {
    return JSON.parse(fs.readFileSync(stateFile(config), "utf8")) as LocalNeo4jState;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid is ours only if it is a live JVM running Neo4j with our home folder (pids get reused). */
function isOurServer(state: LocalNeo4jState): boolean {
  if (!isAlive(state.pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${state.pid}/cmdline`, "utf8");
    return cmdline.includes(MAIN_CLASS) && cmdline.includes(`--home-dir=${state.home}`);
  } catch {
    return true; // no /proc (macOS): trust the live pid
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function canConnect(uri: string, password: string | undefined): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(LOCAL_USER, password ?? "unset"), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
    logging: { level: "error", logger: () => {} },
  });
  try {
    await driver.getServerInfo();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function writeConfig(config: Config, home: string, port: number): string {
  const confDir = path.join(home, "conf");
  fs.mkdirSync(confDir, { recursive: true });
  const dir = (name: string) => {
    const p = path.join(home, name);
    fs.mkdirSync(p, { recursive: true });
    return p;
  };
  const settings: Record<string, string> = {
    "server.default_listen_address": "127.0.0.1",
    "server.bolt.listen_address": `127.0.0.1:${port}`,
    "server.bolt.advertised_address": `127.0.0.1:${port}`,
    "server.http.enabled": "false",
    "server.https.enabled": "false",
    "dbms.security.auth_enabled": "true",
    "dbms.usage_report.enabled": "false",
    "server.memory.pagecache.size": config.neo4jPageCache,
    "server.memory.heap.initial_size": config.neo4jHeap,
    "server.memory.heap.max_size": config.neo4jHeap,
    "dbms.memory.transaction.total.max": "256m",
    "server.directories.data": dir("data"),
    "server.directories.logs": dir("logs"),
    "server.directories.run": dir("run"),
    "server.directories.plugins": dir("plugins"),
    "server.directories.import": dir("import"),
    "server.directories.transaction.logs.root": path.join(home, "data", "transactions"),
    "db.tx_log.rotation.retention_policy": "2 files",
    // At a stop the Bolt server goes last, after the databases are checkpointed and closed; Netty then
    // waits a "quiet period" (5 s by default, for each of its two event-loop groups) for tasks that can
    // no longer come. Without it a stop takes about 1 s instead of 11 (measured).
    "internal.dbms.bolt.netty_server_shutdown_quiet_period": "0",
  };
  const text = Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");
  fs.writeFileSync(path.join(confDir, "neo4j.conf"), `# Written by claimgraph; rewritten at every start.\n${text}\n`);
  return confDir;
}

export interface StartOptions {
  /** Stop the server when this process exits, even by SIGKILL (a watchdog shell does that). */
  owned?: boolean;
  /** The Bolt port to listen on when it is free (a restart keeps its port); else any free port. */
  port?: number;
  log?: Log;
}

/** Is the server `state` describes still running (its JVM alive, with our home folder)? */
export function localNeo4jAlive(state: LocalNeo4jState): boolean {
  return isOurServer(state);
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * The running server of this data folder, attached to (waited for while another process starts it),
 * or undefined when none runs.
 */
async function attachToRunning(config: Config): Promise<RunningNeo4j | undefined> {
  const existing = readState(config);
  if (!existing || !isOurServer(existing)) return undefined;
  const connection = localConnection(config, existing);
  if (await canConnect(existing.uri, connection.password)) return { connection, state: existing, started: false };
  // Alive but not answering yet: another process is starting it. Wait for it rather than race.
  if (await waitUntilReady(existing.uri, existing.pid, connection.password, 60_000)) {
    return { connection: localConnection(config, existing), state: existing, started: false };
  }
  if (!isAlive(existing.pid)) return undefined; // it failed to start: the caller starts one
  throw localError(
    `A local Neo4j (pid ${existing.pid}) holds ${neo4jHome(config)} but does not answer on ${existing.uri}. ` +
      "Stop it with `claimgraph neo4j stop` and try again.",
  );
}

/**
 * The lock a process holds while it starts the local Neo4j of a data folder (`starting.lock` in its
 * home, by proper-lockfile: made atomically, kept fresh while held, taken over when its holder died
 * and left it stale), so that two processes (the API's supervisor and `claimgraph neo4j start`, say)
 * never both start a server on one data folder: the second waits and attaches to the first's. The
 * release, or undefined while another process holds it.
 */
async function tryStartLock(config: Config, log: Log): Promise<(() => Promise<void>) | undefined> {
  const home = neo4jHome(config);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  try {
    return await lockfile.lock(home, {
      realpath: false,
      lockfilePath: path.join(home, "starting.lock"),
      stale: 10_000,
      retries: 0,
      onCompromised: (error) => log(`The lock on starting the local Neo4j was lost (${error.message}); going on.`),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") return undefined;
    throw error;
  }
}

/**
 * Attaches to the running local server of this data folder, or starts one: only one process starts
 * it at a time (tryStartLock); the others attach to what it started.
 */
export async function startLocalNeo4j(config: Config, options: StartOptions = {}): Promise<RunningNeo4j> {
  const log = options.log ?? stderrLog;
  const deadline = Date.now() + READY_TIMEOUT_MS + 60_000;
  for (;;) {
    const running = await attachToRunning(config);
    if (running) return running;
    const release = await tryStartLock(config, log);
    if (release) {
      try {
        // started by the process that held the lock before: attach; else start it
        return (await attachToRunning(config)) ?? (await startServer(config, options, log));
      } finally {
        await release().catch(() => {});
      }
    }
    if (Date.now() > deadline) {
      throw localError(`Another process has been starting the local Neo4j of ${neo4jHome(config)} for too long (it holds starting.lock there); stop it, or remove the lock if no such process runs.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Starts the server, under the start lock, with no server running for the data folder. */
async function startServer(config: Config, options: StartOptions, log: Log): Promise<RunningNeo4j> {
  const home = neo4jHome(config);
  const existing = readState(config);
  if (existing) {
    log(`Removing the record of a local Neo4j (pid ${existing.pid}) that is no longer running.`);
    fs.rmSync(stateFile(config), { force: true });
  }

  const java = await checkJava();
  const classpath = await resolveClasspath(config, log);
  const classData = classDataArchive(config, classpath, java);
  const port = options.port && (await portIsFree(options.port)) ? options.port : await freePort();
  const confDir = writeConfig(config, home, port);
  fs.chmodSync(home, 0o700);
  const password = await ensurePassword(config, classpath, confDir);
  const uri = `bolt://127.0.0.1:${port}`;
  const consoleLog = path.join(home, "logs", "console.log");
  const out = fs.openSync(consoleLog, "a");
  const started = Date.now();
  log(`Starting Neo4j ${config.neo4jVersion} on ${uri} (data in ${home})...`);
  const child = spawn(
    "java",
    [
      "-cp",
      classpath,
      `-Xms${config.neo4jHeap}`,
      `-Xmx${config.neo4jHeap}`,
      ...classData.flags,
      "-XX:+UseG1GC",
      "-XX:-OmitStackTraceInFastThrow",
      "-XX:+ExitOnOutOfMemoryError",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "-Dio.netty.tryReflectionSetAccessible=true",
      "-Dfile.encoding=UTF-8",
      MAIN_CLASS,
      `--home-dir=${home}`,
      `--config-dir=${confDir}`,
      "--console-mode",
    ],
    { detached: true, stdio: ["ignore", out, out] },
  );
  fs.closeSync(out);
  child.unref();
  const pid = child.pid;
  if (!pid) throw localError("Could not start java for the local Neo4j.");
  const state: LocalNeo4jState = {
    pid,
    port,
    uri,
    version: config.neo4jVersion,
    home,
    startedAt: new Date().toISOString(),
    ownerPid: options.owned ? process.pid : undefined,
    classDataDump: classData.dump,
  };
  writeOwnerOnly(stateFile(config), JSON.stringify(state, null, 2));
  if (options.owned) startWatchdog(process.pid, pid);

  if (!(await waitUntilReady(uri, pid, password.current, READY_TIMEOUT_MS))) {
    const alive = isAlive(pid);
    if (alive) process.kill(pid, "SIGKILL");
    fs.rmSync(stateFile(config), { force: true });
    const tail = readTail(consoleLog, 25);
    throw localError(
      `The local Neo4j ${alive ? `did not answer on ${uri} within ${READY_TIMEOUT_MS / 1000} s` : "exited while starting"}. ` +
        `Last lines of ${consoleLog}:\n${tail}`,
    );
  }
  if (password.current !== password.wanted) await changeDefaultPassword(uri, password.wanted);
  log(`Neo4j ready on ${uri} in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${pid}).`);
  return { connection: localConnection(config, state), state, started: true };
}

/**
 * Neo4j's classes, parsed and verified from about 200 jars at every start, are most of a start's time
 * (6-14 s on two cores). Java keeps them, once loaded, in a class-data archive (CDS; Java 17 writes it
 * at the JVM's exit with -XX:ArchiveClassesAtExit): a start that maps the archive takes about 40% less
 * (measured: 10.2 s without, 5.9 s with, on a busy machine). The archive is made for one Java build
 * and one class path, so its name carries a digest of both, in the cache folder beside the class path.
 * The first start with no archive writes one to a file of its own (`.part`); the stop that sees its
 * JVM end renames it into place (stopLocalNeo4j). A JVM killed by SIGKILL writes none; the next start
 * tries again. An archive Java cannot use (damaged, another build) costs nothing: Java warns in
 * console.log and loads the classes from the jars as before.
 */
function classDataArchive(config: Config, classpath: string, java: string): { flags: string[]; dump?: string } {
  const digest = crypto.createHash("sha256").update(java).update("\0").update(classpath).digest("hex").slice(0, 16);
  const archive = path.join(config.neo4jCacheDir, `classes-${digest}.jsa`);
  if (fs.existsSync(archive)) return { flags: [`-XX:SharedArchiveFile=${archive}`] };
  const dump = `${archive}.${process.pid}-${crypto.randomBytes(4).toString("hex")}.part`;
  // -Xlog:cds=off: the dump warns of every class it leaves out (about 1000 lines into console.log)
  return { flags: [`-XX:ArchiveClassesAtExit=${dump}`, "-Xlog:cds=off"], dump };
}

/**
 * After the JVM that wrote it has exited: its class-data archive into place (the first one wins),
 * once a Java has mapped it whole. A dump cut short (its JVM died while writing it) would crash every
 * JVM that maps it (SIGBUS, measured), where a refused one (-Xshare:on) only exits 1.
 */
async function keepClassDataArchive(dump: string | undefined): Promise<void> {
  if (!dump || !fs.existsSync(dump)) return;
  const archive = dump.replace(/\.[^.]+\.part$/, "");
  try {
    if (fs.existsSync(archive)) return;
    const classpath = fs.readFileSync(path.join(path.dirname(dump), "classpath.txt"), "utf8").trim();
    await execFileAsync("java", [`-XX:SharedArchiveFile=${dump}`, "-Xshare:on", "-cp", classpath, "-version"]);
    fs.renameSync(dump, archive);
  } catch {
    // refused, or the cache is read-only: the next start goes without, and writes one again
  } finally {
    fs.rmSync(dump, { force: true });
  }
}

/**
 * The password file, written at the first start: 32 random bytes, readable by the owner only. A new
 * data folder gets it as the initial password with Neo4j's own admin tool (`dbms
 * set-initial-password`, which reads it from the file, never from a command line other users can
 * see). A folder whose system database was made before authentication was on still has Neo4j's
 * default password: it is changed as soon as the server answers (`current` is then the default).
 */
async function ensurePassword(config: Config, classpath: string, confDir: string): Promise<{ current: string; wanted: string }> {
  const existing = readLocalPassword(config);
  if (existing) return { current: existing, wanted: existing };
  // neo4j-admin reads it from the file as an argument: one starting with "-" (1 in 64 of base64url)
  // would be taken for an option and refused ("Missing required parameter: '<password>'")
  let wanted: string;
  do wanted = crypto.randomBytes(32).toString("base64url");
  while (wanted.startsWith("-"));
  writeOwnerOnly(passwordFile(config), `${wanted}\n`);
  const home = neo4jHome(config);
  if (fs.existsSync(path.join(home, "data", "databases", "system"))) return { current: "neo4j", wanted };
  try {
    await execFileAsync("java", ["-cp", classpath, "org.neo4j.cli.AdminTool", "dbms", "set-initial-password", `@${passwordFile(config)}`], {
      encoding: "utf8",
      env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: confDir },
    });
  } catch (error) {
    const failed = error as { code?: number | string; stderr?: string; stdout?: string };
    fs.rmSync(passwordFile(config), { force: true });
    throw localError(`Could not set the local Neo4j's initial password (neo4j-admin exit ${failed.code}): ${`${failed.stderr ?? ""}${failed.stdout ?? ""}`.trim()}`);
  }
  return { current: wanted, wanted };
}

async function changeDefaultPassword(uri: string, wanted: string): Promise<void> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(LOCAL_USER, "neo4j"), { logging: { level: "error", logger: () => {} } });
  try {
    await driver.executeQuery("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", { old: "neo4j", new: wanted }, { database: "system" });
  } finally {
    await driver.close();
  }
}

/**
 * A detached shell that sends SIGTERM to the JVM when its owner is gone, however the owner ended.
 * It exits by itself as soon as either process is gone, so it never outlives both.
 */
function startWatchdog(ownerPid: number, jvmPid: number): void {
  const script = `while kill -0 ${ownerPid} 2>/dev/null && kill -0 ${jvmPid} 2>/dev/null; do sleep 1; done; kill -TERM ${jvmPid} 2>/dev/null; exit 0`;
  const watchdog = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  watchdog.unref();
}

async function waitUntilReady(uri: string, pid: number, password: string | undefined, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return false;
    if (await canConnect(uri, password)) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

function readTail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * A command's local server that died under it (killed, or out of memory): an error naming it and the
 * end of its log, where the driver's own says only that the database is unavailable, as if waiting
 * would help. Undefined while the server runs.
 */
export function stoppedLocalNeo4j(config: Config, running: RunningNeo4j): ClaimgraphError | undefined {
  if (isOurServer(running.state)) return undefined;
  const consoleLog = path.join(neo4jHome(config), "logs", "console.log");
  return localError(
    `The local Neo4j (pid ${running.state.pid}) stopped while the command ran; what the command had not committed was not written. ` +
      `The next command starts it again. Last lines of ${consoleLog}:\n${readTail(consoleLog, 10)}`,
  );
}

/**
 * Stops the local server of this data folder: SIGTERM (a clean shutdown), SIGKILL after 60 s. With
 * `onlyPid`, only if that is the server running there (a process stops only the server it started,
 * not one started since by someone else).
 */
export async function stopLocalNeo4j(config: Config, log: Log = stderrLog, onlyPid?: number): Promise<boolean> {
  const state = readState(config);
  if (!state) return false;
  if (onlyPid !== undefined && state.pid !== onlyPid) return false;
  if (isOurServer(state)) {
    process.kill(state.pid, "SIGTERM");
    const deadline = Date.now() + 60_000;
    while (isAlive(state.pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (isAlive(state.pid)) {
      log(`Neo4j (pid ${state.pid}) did not stop within 60 s; killing it.`);
      process.kill(state.pid, "SIGKILL");
    } else {
      await keepClassDataArchive(state.classDataDump);
    }
  }
  // the record, unless another process has started a server (and written its own) meanwhile
  if (readState(config)?.pid === state.pid) fs.rmSync(stateFile(config), { force: true });
  return true;
}

export interface LocalNeo4jStatus {
  running: boolean;
  state?: LocalNeo4jState;
  rssMb?: number;
}

export async function localNeo4jStatus(config: Config): Promise<LocalNeo4jStatus> {
  const state = readState(config);
  if (!state || !isOurServer(state) || !(await canConnect(state.uri, readLocalPassword(config)))) return { running: false, state };
  return { running: true, state, rssMb: residentMemoryMb(state.pid) };
}

export function residentMemoryMb(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(status.match(/VmRSS:\s+(\d+)/)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : undefined;
  } catch {
    return undefined;
  }
}
