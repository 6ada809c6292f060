/**
 * Test support, never shipped: `node --import` this file (scripts/test.mjs puts it in NODE_OPTIONS) and the
 * process's clock reads SPENDWATCH_TEST_NOW, running on from there. Every process of one test run agrees:
 * the shift is measured from SPENDWATCH_TEST_EPOCH (the real instant the run began), so the harness, the CLI,
 * the fake servers and the test workers started minutes apart all read the same shifted time.
 *
 * Two parts:
 *  - Date, through timekeeper's "travel" (time keeps running). Not fake-timers' shouldAdvanceTime: that
 *    ticks a fixed step on an interval, so under load each process drifts its own way, and its interval
 *    keeps a short-lived CLI alive.
 *  - file times, so the shifted world is consistent: stat reports times shifted like Date, and utimes takes
 *    shifted times back. Without it a lock directory made a moment ago (mtime from the real clock) looks
 *    hours stale to proper-lockfile (mtime vs Date.now()), or never stale when the shift is backwards.
 * performance.now(), hrtime and timers are untouched: they measure durations, not the date.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import timekeeper from 'timekeeper';

const target = process.env.SPENDWATCH_TEST_NOW;
if (target) {
  const targetMs = Date.parse(target);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(target) || Number.isNaN(targetMs)) {
    throw new Error(`SPENDWATCH_TEST_NOW must be an ISO 8601 instant such as 2027-03-01T00:03:00Z, not "${target}"`);
  }
  const epoch = Number(process.env.SPENDWATCH_TEST_EPOCH) || Date.now();
  // Later processes inherit the epoch, so the whole tree shares one shifted clock.
  process.env.SPENDWATCH_TEST_EPOCH = String(epoch);
  const offsetMs = targetMs - epoch;
  timekeeper.travel(new Date(Date.now() + offsetMs));
  shiftFileTimes(offsetMs);
}

function shiftFileTimes(offsetMs) {
  const shiftStats = (stats) => {
    if (!stats || typeof stats !== 'object') return stats;
    for (const field of ['atime', 'mtime', 'ctime', 'birthtime']) {
      const ms = stats[`${field}Ms`];
      if (typeof ms === 'bigint') {
        stats[`${field}Ms`] = ms + BigInt(offsetMs);
        stats[`${field}Ns`] += BigInt(offsetMs) * 1_000_000n;
      } else if (typeof ms === 'number') {
        stats[`${field}Ms`] = ms + offsetMs;
      } else continue;
      // The Date fields are lazy getters over the *Ms fields; drop one already materialised.
      if (Object.prototype.hasOwnProperty.call(stats, field)) delete stats[field];
    }
    return stats;
  };
  const unshift = (time) => {
    if (time instanceof Date) return new Date(time.getTime() - offsetMs);
    if (typeof time === 'number') return time - offsetMs / 1000; // utimes takes seconds
    if (typeof time === 'string' && time !== '' && !Number.isNaN(Number(time))) return Number(time) - offsetMs / 1000;
    return time;
  };

  for (const name of ['statSync', 'lstatSync', 'fstatSync']) {
    const original = fs[name];
    fs[name] = function (...args) {
      return shiftStats(original.apply(this, args));
    };
  }
  for (const name of ['stat', 'lstat', 'fstat']) {
    const original = fs[name];
    fs[name] = function (...args) {
      const callback = args.pop();
      if (typeof callback !== 'function') return original.apply(this, [...args, callback]);
      return original.apply(this, [...args, (error, stats) => callback(error, error ? stats : shiftStats(stats))]);
    };
  }
  for (const name of ['stat', 'lstat']) {
    const original = fs.promises[name];
    fs.promises[name] = async (...args) => shiftStats(await original(...args));
  }
  for (const name of ['utimesSync', 'lutimesSync', 'futimesSync']) {
    const original = fs[name];
    fs[name] = (target, atime, mtime) => original(target, unshift(atime), unshift(mtime));
  }
  for (const name of ['utimes', 'lutimes', 'futimes']) {
    const original = fs[name];
    fs[name] = (target, atime, mtime, callback) => original(target, unshift(atime), unshift(mtime), callback);
  }
  for (const name of ['utimes', 'lutimes']) {
    const original = fs.promises[name];
    fs.promises[name] = (target, atime, mtime) => original(target, unshift(atime), unshift(mtime));
  }
  // ES modules importing { statSync } from 'node:fs' see the patched functions too.
  syncBuiltinESMExports();
}
