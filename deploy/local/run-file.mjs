// The launcher records the processes it started in .data/run.json. A launcher killed with
// SIGKILL cannot stop its children; the next start finds them through this file and stops them,
// instead of failing on ports that are still taken.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DATA_DIR, say } from "./lib.mjs";

const RUN_FILE = path.join(DATA_DIR, "run.json");

/** A zombie (exited, not yet reaped: containers whose init does not reap) counts as gone. */
const alive = (pid) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return true;
  }
};

/** When the process started (clock ticks since boot): with the pid, it names one process, even after a title change. */
const startTimeOf = (pid) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
};

export function recordRun(children) {
  mkdirSync(DATA_DIR, { recursive: true });
  const entries = children.filter((c) => c.pid).map((c) => ({ pid: c.pid, started: startTimeOf(c.pid) }));
  writeFileSync(RUN_FILE, JSON.stringify({ launcher: process.pid, children: entries }, null, 2));
}

export async function stopLeftoverRun() {
  if (!existsSync(RUN_FILE)) return;
  let run;
  try {
    run = JSON.parse(readFileSync(RUN_FILE, "utf8"));
  } catch {
    return;
  }
  if (alive(run.launcher) && run.launcher !== process.pid) {
    throw new Error(`Cartograph is already running from this folder (launcher pid ${run.launcher}); stop it first`);
  }
  // Only the very processes we started: pids get reused.
  const leftovers = run.children.filter((c) => alive(c.pid) && c.started && startTimeOf(c.pid) === c.started);
  if (leftovers.length === 0) return;
  say(`Stopping ${leftovers.length} process(es) left running by an earlier start that was killed`);
  for (const c of leftovers) process.kill(c.pid, "SIGTERM");
  for (let i = 0; i < 30 && leftovers.some((c) => alive(c.pid)); i++) await sleep(100);
  for (const c of leftovers) if (alive(c.pid)) process.kill(c.pid, "SIGKILL");
}
