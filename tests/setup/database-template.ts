import type { TestProject } from "vitest/node";
import { createPostgresTemplate, pgliteImage } from "../helpers/database-template";

/**
 * Vitest global setup: migrates one database for the whole run, which createTestDb clones for every
 * test file, instead of every file migrating its own. On PostgreSQL the template is this run's and is
 * dropped at the end; on PGlite the image is kept for the next run.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabaseTemplate", { driver: "pglite", image: await pgliteImage() });
    return;
  }
  const template = await createPostgresTemplate(serverUrl);
  project.provide("testDatabaseTemplate", { driver: "pg", name: template.name });
  return () => template.drop();
}
