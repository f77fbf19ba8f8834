import { closeDb, getDbHandle } from "./client";

/** Applies the committed migrations (the app also does this when it starts). */
getDbHandle()
  .then(async (handle) => {
    console.log(`Migrations applied (${handle.driver}).`);
    await closeDb();
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
