import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

// Which better-sqlite3 keguan loads depends on the Node.js that runs it:
// - Node 22 and later (24 is the LTS people should run): better-sqlite3 13 (package alias
//   `better-sqlite3-napi`), built on N-API and shipped prebuilt, nothing to compile. Version 12 wraps
//   its statements in node::ObjectWrap, and since Node 24.19 a statement collected by an idle GC
//   aborts the whole process (Assertion failed: (env) != nullptr in RemoveEnvironmentCleanupHook).
// - Node 20: better-sqlite3 12, compiled at npm install (13's binaries crash there).
// Both have the same API; the types are 12's.

const require = createRequire(import.meta.url);

/** Node's major version, e.g. 24. */
export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);

/** The package this Node loads. */
export const SQLITE_PACKAGE = NODE_MAJOR >= 22 ? 'better-sqlite3-napi' : 'better-sqlite3';

function load(): typeof BetterSqlite3 {
  try {
    return require(SQLITE_PACKAGE) as typeof BetterSqlite3;
  } catch (err) {
    throw new Error(`无法加载 SQLite 驱动 ${SQLITE_PACKAGE}（Node.js ${process.versions.node}）：请在项目目录重新运行 npm install`, { cause: err });
  }
}

/** The better-sqlite3 Database class for this Node.js. */
export const SQLite: typeof BetterSqlite3 = load();
export type SqliteDatabase = BetterSqlite3.Database;
