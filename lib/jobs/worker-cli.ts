/**
 * `npm run worker`: the job worker (robots, e-mail and SMS, triggers, bulk actions, imports,
 * reminders) in a process of its own, for app servers started with CRM_JOBS=off. Run it with a
 * lower CPU priority (`nice -n 10 npm run worker`) and a move on the board never queues behind a
 * robot: the servers answer people first, the worker takes what CPU is left. PostgreSQL only:
 * the embedded database belongs to the one process that opened it.
 */
import "server-only";
import { closeDb, getDbHandle } from "@/db/client";
import { startWorker } from "./worker";

getDbHandle()
  .then((handle) => {
    if (handle.driver !== "pg") {
      console.error("The worker runs in a process of its own only on PostgreSQL (set DATABASE_URL); with the embedded database the app server runs it.");
      process.exit(1);
    }
    const stop = startWorker(handle.db, { driver: handle.driver, listen: handle.listen });
    console.log(`[worker] started (pid ${process.pid})`);
    const shutdown = () => {
      stop();
      void closeDb().then(() => process.exit(0));
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
